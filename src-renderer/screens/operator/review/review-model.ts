// Pure decisions of the review step, kept out of the components so they can be tested.
import type { FingerRecord, RecordingReview } from '../../../../src-main/api/contract';
import { base64ToBytes } from '../../../app/files';

/** The capture steps a review can send the operator back to. */
export type CaptureStep = 'data' | 'photo' | 'fingerprint' | 'signature';

/**
 * Steps that still block sealing, in desk order. The server's `missing` texts are what the
 * operator reads; this is only where each "go there" button points.
 */
export function missingSteps(review: RecordingReview): CaptureStep[] {
  const steps: CaptureStep[] = [];
  if (!review.photo) steps.push('photo');
  if (!review.fingerprints.complete) steps.push('fingerprint');
  if (!review.signature) steps.push('signature');
  return steps;
}

/** The station decides what blocks sealing (it checks again on finish); the UI follows it. */
export function canFinish(review: RecordingReview): boolean {
  return review.recording.status === 'draft' && review.missing.length === 0;
}

export interface FingerCounts {
  captured: number;
  forced: number;
  exception: number;
  pending: number;
}

export function countFingers(fingers: readonly FingerRecord[]): FingerCounts {
  const c: FingerCounts = { captured: 0, forced: 0, exception: 0, pending: 0 };
  for (const f of fingers) c[f.state === 'pending' ? 'pending' : f.state] += 1;
  return c;
}

/** Anything a supervisor will look at twice: forced photo, forced fingers, exceptions. */
export function needsAttention(review: RecordingReview): boolean {
  const c = countFingers(review.fingerprints.fingers);
  return (
    (review.photo?.forced ?? false) ||
    c.forced > 0 ||
    c.exception > 0 ||
    review.signature?.exception != null
  );
}

export { base64ToBytes };

/**
 * "bukti-perekaman-20261125-1a2b3c4d.pdf": sortable by day, unique per packet, and free of the
 * NIK and name so a file left in Downloads tells a stranger nothing.
 */
export function receiptFileName(packetOrRecordingId: string, at: Date): string {
  const day = `${at.getFullYear()}${String(at.getMonth() + 1).padStart(2, '0')}${String(at.getDate()).padStart(2, '0')}`;
  const tag = packetOrRecordingId.replace(/[^A-Za-z0-9]/g, '').slice(0, 8) || 'rekam';
  return `bukti-perekaman-${day}-${tag}.pdf`;
}

/** Saves a PDF through the browser's download (Electron turns it into a save dialog). */
export function downloadPdf(pdfBase64: string, fileName: string): void {
  const blob = new Blob([base64ToBytes(pdfBase64)], { type: 'application/pdf' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some engines start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
