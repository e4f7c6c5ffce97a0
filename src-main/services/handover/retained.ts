// What the station keeps for the 1:1 check at handover: at sealing, a copy of the photo and the
// module templates (UpChar at capture) of two fingers, in the encrypted store, apart from the
// recording's own biometrics (which the general retention rule purges 30 days after the centre's
// acknowledgement, usually before the card is back from printing). They go when the card is
// handed over, or after RETAINED_MAX_DAYS for a card nobody collected.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { RETAINED_MAX_DAYS, chooseRetainedFingers } from '../../domain/handover';
import {
  expiredRetained,
  insertRetained,
  photoJpeg,
  purgeRetained,
  templateCandidates,
} from '../../store/handover-repo';
import type { Audit } from '../common/audit';

/** Inside the sealing transaction: the photo and the two chosen templates are copied. */
export function retainForHandover(db: Database, recordingId: string, at: string): void {
  const candidates = templateCandidates(db, recordingId);
  const chosen = new Set(
    chooseRetainedFingers(
      candidates.map((c) => ({ finger: c.finger, quality: c.quality, hasTemplate: true })),
    ),
  );
  insertRetained(db, {
    recordingId,
    photoJpeg: photoJpeg(db, recordingId),
    at,
    templates: candidates.filter((c) => chosen.has(c.finger)),
  });
}

const PURGE_BATCH = 20;

/** Retained sets past their maximum age go (one short transaction per batch). */
export function purgeExpiredRetained(
  db: Database,
  now: Date,
  audit: Audit,
  maxDays: number = RETAINED_MAX_DAYS,
): number {
  const before = new Date(now.getTime() - maxDays * 86_400_000).toISOString();
  let n = 0;
  for (;;) {
    const done = db.transaction(() => {
      const ids = expiredRetained(db, before, PURGE_BATCH);
      for (const id of ids) {
        if (purgeRetained(db, id, now.toISOString(), 'expired')) {
          audit.record(null, 'handover.retained-expired', id);
        }
      }
      return ids.length;
    })();
    n += done;
    if (done < PURGE_BATCH) return n;
  }
}
