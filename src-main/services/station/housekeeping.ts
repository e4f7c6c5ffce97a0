// Hourly housekeeping of the store: retention in small batches, one storage sample a day for the
// technician's trend, and the planner's statistics kept current (PRAGMA optimize).
import type { Database } from 'better-sqlite3-multiple-ciphers';
import {
  hasStorageSample,
  optimizeStore,
  saveStorageSample,
  storageFigures,
} from '../../store/retention-repo';
import type { Audit } from '../common/audit';
import { purgeExpiredRetained } from '../handover/retained';
import { localDateKey } from '../supervisor/recap';
import { breathe, runRetention } from '../supervisor/retention';
import type { RetentionRun } from '../supervisor/retention';

export interface HousekeepingRun {
  retention: RetentionRun;
  sampled: boolean;
}

export async function runHousekeeping(
  db: Database,
  now: () => Date,
  audit: Audit,
  stopped: () => boolean,
): Promise<HousekeepingRun> {
  const retention = await runRetention(db, now, audit, stopped);
  if (!stopped()) purgeExpiredRetained(db, now(), audit);
  let sampled = false;
  if (!stopped()) {
    const at = now();
    const day = localDateKey(at);
    if (!hasStorageSample(db, day)) {
      saveStorageSample(db, day, at.toISOString(), await storageFigures(db, breathe));
      sampled = true;
    }
    optimizeStore(db);
  }
  return { retention, sampled };
}
