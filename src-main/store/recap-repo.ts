// The supervisor's daily recap reads, each bounded by the day, the 30-day window or
// the backlog — never by the station's history (indexes from migrations 0009–0010).
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { RecordingStatus } from '../domain/records';
import { QUEUED_FROM } from './outbox-repo';

export interface RecapStatusRow {
  /** Review bucket (see StatusCounts): an uploaded recording already approved counts as approved. */
  bucket: RecordingStatus;
  username: string;
  fullName: string;
  n: number;
}

/** Counts of [fromIso, toIso) per review bucket and operator; read from `recordings_day` alone. */
export function recapStatusRows(db: Database, fromIso: string, toIso: string): RecapStatusRow[] {
  return db
    .prepare(
      `SELECT CASE WHEN r.status = 'uploaded' AND r.reviewed_at IS NOT NULL THEN 'approved'
                   ELSE r.status END AS bucket,
         u.username, u.full_name AS fullName, COUNT(*) AS n
       FROM recordings r JOIN users u ON u.id = r.operator_id
       WHERE r.created_at >= ? AND r.created_at < ?
       GROUP BY bucket, u.username ORDER BY u.username`,
    )
    .all(fromIso, toIso) as RecapStatusRow[];
}

export interface RecapVillageCount {
  code: string;
  n: number;
}

export function recapVillages(db: Database, fromIso: string, toIso: string): RecapVillageCount[] {
  return db
    .prepare(
      `SELECT COALESCE(json_extract(resident_json, '$.villageCode'), '') AS code, COUNT(*) AS n
       FROM recordings WHERE created_at >= ? AND created_at < ?
       GROUP BY code ORDER BY n DESC, code`,
    )
    .all(fromIso, toIso) as RecapVillageCount[];
}

export interface RecapBacklogRow {
  packets: number;
  bytes: number;
  exported: number;
  unapproved: number;
  oldestId: string | null;
  oldestAt: string | null;
}

/** Packets still on the station (queued, not withdrawn): walks `outbox_state`, the backlog only. */
export function recapBacklog(db: Database): RecapBacklogRow {
  const b = db
    .prepare(
      `SELECT COUNT(*) AS packets, COALESCE(SUM(o.size), 0) AS bytes,
         COALESCE(SUM(o.exported_at IS NOT NULL), 0) AS exported,
         COALESCE(SUM(r.status NOT IN ('approved', 'uploaded')), 0) AS unapproved
       FROM ${QUEUED_FROM} JOIN recordings r ON r.id = o.recording_id
       WHERE o.state = 'queued' AND o.withdrawn_at IS NULL`,
    )
    .get() as Omit<RecapBacklogRow, 'oldestId' | 'oldestAt'>;
  const oldest = db
    .prepare(
      `SELECT o.recording_id AS id, o.sealed_at AS at FROM ${QUEUED_FROM}
       WHERE o.state = 'queued' AND o.withdrawn_at IS NULL ORDER BY o.sealed_at, o.packet_id LIMIT 1`,
    )
    .get() as { id: string; at: string } | undefined;
  return { ...b, oldestId: oldest?.id ?? null, oldestAt: oldest?.at ?? null };
}

export interface RecapQualityRow {
  photos: number;
  forcedPhotos: number;
  fingers: number;
  forcedFingers: number;
  fingerExceptions: number;
  signatures: number;
  signatureExceptions: number;
}

/** Capture quality of the finished (non-draft) recordings of [fromIso, toIso). */
export function recapQuality(db: Database, fromIso: string, toIso: string): RecapQualityRow {
  const finished = `SELECT id FROM recordings WHERE created_at >= ? AND created_at < ?
    AND status <> 'draft'`;
  const ph = db
    .prepare(
      `SELECT COUNT(*) AS n, COALESCE(SUM(forced), 0) AS forced FROM photos
       WHERE recording_id IN (${finished})`,
    )
    .get(fromIso, toIso) as { n: number; forced: number };
  const fi = db
    .prepare(
      `SELECT COALESCE(SUM(state <> 'exception'), 0) AS captured,
         COALESCE(SUM(state = 'forced'), 0) AS forced,
         COALESCE(SUM(state = 'exception'), 0) AS exceptions
       FROM fingerprints WHERE recording_id IN (${finished})`,
    )
    .get(fromIso, toIso) as { captured: number; forced: number; exceptions: number };
  const si = db
    .prepare(
      `SELECT COUNT(*) AS n, COALESCE(SUM(exception_reason IS NOT NULL), 0) AS exceptions
       FROM signatures WHERE recording_id IN (${finished})`,
    )
    .get(fromIso, toIso) as { n: number; exceptions: number };
  return {
    photos: ph.n,
    forcedPhotos: ph.forced,
    fingers: fi.captured,
    forcedFingers: fi.forced,
    fingerExceptions: fi.exceptions,
    signatures: si.n,
    signatureExceptions: si.exceptions,
  };
}

/**
 * Finished recordings in each of the given [fromIso, toIso) ranges (the 30-day chart: one range
 * per local day), each a count over the covering index `recordings_day` — ~200 index entries a
 * day, never the table rows.
 */
export function finishedPerRange(db: Database, ranges: readonly [string, string][]): number[] {
  const stmt = db.prepare(
    `SELECT COUNT(*) AS n FROM recordings
     WHERE created_at >= ? AND created_at < ? AND status <> 'draft'`,
  );
  return ranges.map(([from, to]) => (stmt.get(from, to) as { n: number }).n);
}

export interface RecapHandoverRow {
  /** Cards handed over in [fromIso, toIso). */
  handedOver: number;
  /** Of those, on a delivery round. */
  onRounds: number;
  /** Of those, received by a family member. */
  byProxy: number;
  /** Cards waiting at the office now, by age (see `waitingCuts`). */
  under7: number;
  from7to30: number;
  over30: number;
}

/**
 * Handovers of a day (by `handovers_day`) and the office's current stock by age (the covering
 * index `cards_state_arrived`, only the cards at the office).
 */
export function recapHandovers(
  db: Database,
  q: { fromIso: string; toIso: string; under7From: string; over30Before: string },
): RecapHandoverRow {
  const h = db
    .prepare(
      `SELECT COUNT(*) AS handedOver, COALESCE(SUM(kind = 'round'), 0) AS onRounds,
         COALESCE(SUM(by_proxy), 0) AS byProxy
       FROM handovers WHERE handed_over_at >= ? AND handed_over_at < ?`,
    )
    .get(q.fromIso, q.toIso) as Pick<RecapHandoverRow, 'handedOver' | 'onRounds' | 'byProxy'>;
  const w = db
    .prepare(
      `SELECT COALESCE(SUM(arrived_at >= ?), 0) AS under7,
         COALESCE(SUM(arrived_at >= ? AND arrived_at < ?), 0) AS from7to30,
         COALESCE(SUM(arrived_at < ?), 0) AS over30
       FROM cards WHERE state = 'at_office'`,
    )
    .get(q.under7From, q.over30Before, q.under7From, q.over30Before) as Pick<
    RecapHandoverRow,
    'under7' | 'from7to30' | 'over30'
  >;
  return { ...h, ...w };
}
