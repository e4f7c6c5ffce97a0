// Retention of biometric data (UU 27/2022: keep it no longer than the purpose needs). Once the
// retention period has passed — since the centre acknowledged a packet, since it rejected one,
// since the supervisor withdrew one, or since a draft was last touched — the station deletes the
// photo, the finger images and templates, the signature and the packet bytes, and keeps what
// reports need: the recording's status and times, the counts, the quality figures, the reasons.
//
// It runs in small batches (one short transaction each) with the event loop free in between, so
// a day's worth of purging never blocks a screen; freed pages then go back to the file system
// (incremental vacuum) so the file shrinks.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { markPurged, purgeCandidates } from '../../store/outbox-repo';
import type { PurgeReason } from '../../store/outbox-repo';
import {
  abandonedDrafts,
  deleteDraftCaptures,
  markRecordingPurged,
  purgeBiometrics,
  reclaimFreePages,
} from '../../store/retention-repo';
import { getSetting } from '../../store/settings-repo';
import type { Audit } from '../common/audit';

export const SETTING_RETENTION_DAYS = 'retention.days';
export const DEFAULT_RETENTION_DAYS = 30;
/**
 * Recordings per transaction: ~10–20 ms of CPU on main each (measured at 20,000), so requests
 * and device events wait for one short step at most.
 */
export const PURGE_BATCH = 5;
/**
 * Pages given back per vacuum step (256 KiB at 4 KiB pages): each moved page updates its
 * parent's pointer, so a step costs more than its size suggests (256 pages took ~75 ms of CPU).
 */
const VACUUM_PAGES = 64;

export function retentionDays(db: Database): number {
  const raw = getSetting(db, SETTING_RETENTION_DAYS);
  const v = raw === null ? NaN : Number(raw);
  return Number.isFinite(v) && v >= 0 && v <= 3650 ? v : DEFAULT_RETENTION_DAYS;
}

export interface PurgeCounts {
  acknowledged: number;
  'centre-rejected': number;
  withdrawn: number;
  'abandoned-draft': number;
}

const noCounts = (): PurgeCounts => ({
  acknowledged: 0,
  'centre-rejected': 0,
  withdrawn: 0,
  'abandoned-draft': 0,
});

const total = (c: PurgeCounts) => Object.values(c).reduce((a, b) => a + b, 0);

/**
 * One batch: up to `batch` recordings purged in one transaction, each with its audit entry.
 * Returns what it purged (all zero: nothing was due).
 */
/** The least age of an untouched draft before retention treats it as abandoned. */
export const ABANDONED_DRAFT_MIN_DAYS = 1;

export function purgeBatch(
  db: Database,
  now: Date,
  audit: Audit,
  days: number = retentionDays(db),
  batch: number = PURGE_BATCH,
): PurgeCounts {
  const before = new Date(now.getTime() - days * 86_400_000).toISOString();
  // A draft is abandoned only after a whole day untouched, whatever the retention period: a
  // short period (even 0 days) must never take the captures of a resident still at the desk.
  const draftDays = Math.max(days, ABANDONED_DRAFT_MIN_DAYS);
  const draftsBefore = new Date(now.getTime() - draftDays * 86_400_000).toISOString();
  const at = now.toISOString();
  const counts = noCounts();
  db.transaction(() => {
    const packets = purgeCandidates(db, before, batch);
    for (const p of packets) {
      purgeBiometrics(db, p.recordingId);
      markPurged(db, p.packetId, at, p.reason);
      audit.record(null, 'retention.purged', `${p.recordingId} ${p.packetId} ${p.reason}`);
      counts[p.reason satisfies PurgeReason] += 1;
    }
    for (const id of abandonedDrafts(db, draftsBefore, batch - packets.length)) {
      deleteDraftCaptures(db, id);
      markRecordingPurged(db, id, at);
      audit.record(null, 'retention.purged', `${id} - abandoned-draft`);
      counts['abandoned-draft'] += 1;
    }
  })();
  return counts;
}

/** Every batch due, back to back (tests, the benchmark). Returns how many recordings. */
export function purgeExpired(
  db: Database,
  now: Date,
  audit: Audit,
  days: number = retentionDays(db),
): number {
  let n = 0;
  for (;;) {
    const c = total(purgeBatch(db, now, audit, days));
    n += c;
    if (c === 0) return n;
  }
}

/** Lets requests, device events and timers run before the next step. */
export const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface RetentionRun {
  counts: PurgeCounts;
  reclaimedPages: number;
}

/**
 * The production run: batch after batch with the event loop free between them (requests,
 * device events and timers go first), then the freed pages back to the file system in steps.
 * `stopped()` ends it early (station closing).
 */
export async function runRetention(
  db: Database,
  now: () => Date,
  audit: Audit,
  stopped: () => boolean = () => false,
): Promise<RetentionRun> {
  const counts = noCounts();
  const days = retentionDays(db);
  while (!stopped()) {
    const c = purgeBatch(db, now(), audit, days);
    for (const k of Object.keys(c) as (keyof PurgeCounts)[]) counts[k] += c[k];
    if (total(c) === 0) break;
    await breathe();
  }
  let reclaimedPages = 0;
  while (!stopped()) {
    const n = reclaimFreePages(db, VACUUM_PAGES);
    reclaimedPages += n;
    if (n < VACUUM_PAGES) break;
    await breathe();
  }
  return { counts, reclaimedPages };
}
