// Pure decisions of the review step, kept out of the components so they can be tested.
import type { FingerRecord, RecordingReview } from '../../../../src-main/api/contract';
import { base64ToBytes, downloadPdf, receiptFileName } from '../../../app/files';

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

export { base64ToBytes, downloadPdf, receiptFileName };
