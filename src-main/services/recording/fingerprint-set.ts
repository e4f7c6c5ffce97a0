// The ten fingers of a recording as the screen shows them (stored rows and the last attempts).
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { FingerRecord, FingerprintSet } from '../../api/contract';
import { FINGER_POSITIONS } from '../../domain/fingers';
import { countAttempts, lastAttempts, listFingerprints } from '../../store/fingerprints-repo';
import type { FingerAttemptRow, FingerprintRow } from '../../store/fingerprints-repo';
import { QUALITY_THRESHOLD } from './fingerprint-records';

export const dataUrl = (png: Buffer | null) =>
  png ? `data:image/png;base64,${png.toString('base64')}` : null;

function toRecord(
  finger: number,
  row: FingerprintRow | undefined,
  attempts: number,
  last: FingerAttemptRow | undefined,
): FingerRecord {
  if (row) {
    return {
      finger,
      state: row.state,
      quality: row.quality,
      attempts: row.attempts,
      imageDataUrl: dataUrl(row.imagePng),
      exception:
        row.exceptionKind !== null
          ? { kind: row.exceptionKind, reason: row.exceptionReason ?? '' }
          : null,
      duplicateOf: row.duplicateOf,
    };
  }
  // A pending finger shows its last (too weak) attempt, so a reload does not lose the picture.
  return {
    finger,
    state: 'pending',
    quality: last?.quality ?? null,
    attempts,
    imageDataUrl: dataUrl(last?.imagePng ?? null),
    exception: null,
    duplicateOf: last?.duplicateOf ?? null,
  };
}

export function buildSet(db: Database, recordingId: string): FingerprintSet {
  const rows = new Map(listFingerprints(db, recordingId).map((r) => [r.finger, r]));
  const counts = countAttempts(db, recordingId);
  const last = lastAttempts(db, recordingId);
  const fingers = FINGER_POSITIONS.map((f) =>
    toRecord(f, rows.get(f), counts.get(f) ?? 0, last.get(f)),
  );
  return {
    recordingId,
    threshold: QUALITY_THRESHOLD,
    fingers,
    // A finger matching another one stands for a finger never taken: not complete until
    // it is taken again (or marked as an exception).
    complete: fingers.every((f) => f.state !== 'pending' && f.duplicateOf === null),
  };
}
