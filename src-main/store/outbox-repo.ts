import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CentralStatus } from '../domain/records';

export type OutboxState = 'queued' | 'sent' | 'done';

export interface OutboxRow {
  packetId: string;
  recordingId: string;
  size: number;
  sha256: string;
  state: OutboxState;
  uploadUrl: string | null;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  sealedAt: string;
  sealMs: number | null;
  sentAt: string | null;
  centralStatus: CentralStatus | null;
  centralReason: string | null;
  centralCheckedAt: string | null;
  ackedAt: string | null;
  purgedAt: string | null;
  /** 1 when the stored received/duplicate verdict's signature verified. */
  verdictVerified: number;
}

const COLS = `packet_id AS packetId, recording_id AS recordingId, size, sha256, state,
  upload_url AS uploadUrl, attempts, next_attempt_at AS nextAttemptAt, last_error AS lastError,
  sealed_at AS sealedAt, seal_ms AS sealMs, sent_at AS sentAt, central_status AS centralStatus,
  central_reason AS centralReason, central_checked_at AS centralCheckedAt, acked_at AS ackedAt,
  purged_at AS purgedAt, verdict_verified AS verdictVerified`;

/**
 * The retention rule, as SQL: a row's biometrics may go only when the centre's
 * received/duplicate verdict is stored with it and its signature verified.
 */
export const VERIFIED_ACK = `verdict_verified = 1 AND verdict_json IS NOT NULL`;

export function insertOutbox(
  db: Database,
  r: { packetId: string; recordingId: string; bytes: Buffer; sha256: string; sealedAt: string },
): void {
  db.prepare(
    `INSERT INTO outbox (packet_id, recording_id, size, sha256, sealed_at) VALUES (?, ?, ?, ?, ?)`,
  ).run(r.packetId, r.recordingId, r.bytes.length, r.sha256, r.sealedAt);
  db.prepare('INSERT INTO outbox_packets (packet_id, bytes) VALUES (?, ?)').run(
    r.packetId,
    r.bytes,
  );
}

export function setSealMs(db: Database, packetId: string, ms: number): void {
  db.prepare('UPDATE outbox SET seal_ms = ? WHERE packet_id = ?').run(Math.round(ms), packetId);
}

export function findOutbox(db: Database, packetId: string): OutboxRow | null {
  return (
    (db.prepare(`SELECT ${COLS} FROM outbox WHERE packet_id = ?`).get(packetId) as
      | OutboxRow
      | undefined) ?? null
  );
}

export function findOutboxByRecording(db: Database, recordingId: string): OutboxRow | null {
  return (
    (db.prepare(`SELECT ${COLS} FROM outbox WHERE recording_id = ?`).get(recordingId) as
      | OutboxRow
      | undefined) ?? null
  );
}

export function packetBytes(db: Database, packetId: string): Buffer | null {
  const row = db.prepare('SELECT bytes FROM outbox_packets WHERE packet_id = ?').get(packetId) as
    | { bytes: Buffer }
    | undefined;
  return row?.bytes ?? null;
}

/**
 * The backlog (queued, not withdrawn) through its partial index `outbox_queued`, alias `o`.
 * Named rather than left to the planner, which may prefer `outbox_state`: that one also holds
 * every withdrawn packet ever, since a withdrawn packet stays 'queued'. Queries using it must
 * say `o.state = 'queued' AND o.withdrawn_at IS NULL`.
 */
export const QUEUED_FROM = 'outbox o INDEXED BY outbox_queued';

/**
 * Which queued packets may upload: never a withdrawn one (its recording was rejected),
 * and only approved ones while the station setting `approval.requiredForUpload` is on. Read in
 * SQL so the runner and the totals see the setting the moment the supervisor changes it.
 */
export const UPLOADABLE = `withdrawn_at IS NULL AND (
  COALESCE((SELECT value FROM settings WHERE key = 'approval.requiredForUpload'), '0') <> '1'
  OR EXISTS (SELECT 1 FROM recordings ar WHERE ar.id = outbox.recording_id
             AND ar.status IN ('approved', 'uploaded')))`;

/** Packets to upload, oldest first; `excluding` are the ones already in flight. */
export function dueUploads(
  db: Database,
  nowIso: string,
  limit: number,
  excluding: readonly string[],
): OutboxRow[] {
  const rows = db
    .prepare(
      `SELECT ${COLS} FROM outbox INDEXED BY outbox_queued WHERE state = 'queued' AND ${UPLOADABLE}
       AND (next_attempt_at IS NULL OR next_attempt_at <= ?)
       ORDER BY sealed_at, packet_id LIMIT ?`,
    )
    .all(nowIso, limit + excluding.length) as OutboxRow[];
  return rows.filter((r) => !excluding.includes(r.packetId)).slice(0, limit);
}

/** The earliest time a queued packet becomes due (null: none waiting). */
export function nextDueAt(db: Database, excluding: readonly string[] = []): string | null {
  const rows = db
    .prepare(
      `SELECT packet_id AS id, COALESCE(next_attempt_at, '') AS at FROM outbox
       INDEXED BY outbox_queued WHERE state = 'queued' AND ${UPLOADABLE}
       ORDER BY at LIMIT ?`,
    )
    .all(excluding.length + 1) as { id: string; at: string }[];
  return rows.find((r) => !excluding.includes(r.id))?.at ?? null;
}

/** Packets whose verdict the centre still owes (sent), or may still change (received → print-ready). */
export function statusPollCandidates(db: Database, limit: number): OutboxRow[] {
  // Two reads, each down its own index: `sent` is the few in flight; received-not-purged is the
  // retention window, read oldest check first from the partial index `outbox_print_poll`.
  const sent = db
    .prepare(
      `SELECT ${COLS} FROM outbox WHERE state = 'sent'
       ORDER BY COALESCE(central_checked_at, '') LIMIT ?`,
    )
    .all(limit) as OutboxRow[];
  if (sent.length >= limit) return sent;
  const received = db
    .prepare(
      `SELECT ${COLS} FROM outbox
       WHERE state = 'done' AND central_status = 'received' AND purged_at IS NULL
       ORDER BY central_checked_at LIMIT ?`,
    )
    .all(limit - sent.length) as OutboxRow[];
  if (sent.length + received.length >= limit) return [...sent, ...received];
  // A duplicate acknowledged before verdicts were signed is asked again, so that a signed
  // verdict can be stored and retention may purge it (few rows; `outbox_state_central`).
  const unsignedDuplicates = db
    .prepare(
      `SELECT ${COLS} FROM outbox
       WHERE state = 'done' AND central_status = 'duplicate' AND verdict_verified = 0
         AND purged_at IS NULL
       ORDER BY central_checked_at LIMIT ?`,
    )
    .all(limit - sent.length - received.length) as OutboxRow[];
  return [...sent, ...received, ...unsignedDuplicates];
}

export function setUploadUrl(db: Database, packetId: string, url: string | null): void {
  db.prepare('UPDATE outbox SET upload_url = ? WHERE packet_id = ?').run(url, packetId);
}

export function markAttemptFailed(
  db: Database,
  packetId: string,
  error: string,
  nextAttemptAt: string,
): void {
  db.prepare(
    `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?
     WHERE packet_id = ? AND state = 'queued'`,
  ).run(error.slice(0, 300), nextAttemptAt, packetId);
}

export function markSent(db: Database, packetId: string, at: string): void {
  db.prepare(
    `UPDATE outbox SET state = 'sent', sent_at = ?, last_error = NULL, next_attempt_at = NULL
     WHERE packet_id = ? AND state = 'queued'`,
  ).run(at, packetId);
}

/** Back to the queue (the centre lost the upload, or a sent packet must be sent again). */
export function requeue(db: Database, packetId: string): void {
  db.prepare(
    `UPDATE outbox SET state = 'queued', upload_url = NULL, next_attempt_at = NULL
     WHERE packet_id = ? AND state = 'sent'`,
  ).run(packetId);
}

/** Records the centre's verdict: the packet is done (a received one is still polled for print-ready). */
export function setCentralStatus(
  db: Database,
  packetId: string,
  status: CentralStatus,
  reason: string | null,
  at: string,
): void {
  const acked = status === 'rejected' ? null : at;
  db.prepare(
    `UPDATE outbox SET central_status = ?, central_reason = ?, central_checked_at = ?,
       state = 'done', acked_at = COALESCE(acked_at, ?)
     WHERE packet_id = ?`,
  ).run(status, reason, at, acked, packetId);
}

/** Stores the signed received/duplicate verdict that verified (what lets retention purge). */
export function setVerifiedVerdict(db: Database, packetId: string, verdictJson: string): void {
  db.prepare('UPDATE outbox SET verdict_json = ?, verdict_verified = 1 WHERE packet_id = ?').run(
    verdictJson,
    packetId,
  );
}

export function touchChecked(db: Database, packetId: string, at: string): void {
  db.prepare('UPDATE outbox SET central_checked_at = ? WHERE packet_id = ?').run(at, packetId);
}

export interface OutboxTotals {
  pendingPackets: number;
  pendingBytes: number;
}

/** Packets not yet at the centre (queued) plus those whose verdict is pending (sent). */
export function outboxTotals(db: Database): OutboxTotals {
  const queued = db
    .prepare(
      `SELECT COUNT(*) AS n, COALESCE(SUM(o.size), 0) AS bytes FROM ${QUEUED_FROM}
       WHERE o.state = 'queued' AND o.withdrawn_at IS NULL`,
    )
    .get() as { n: number; bytes: number };
  const sent = db
    .prepare(`SELECT COUNT(*) AS n FROM outbox WHERE state = 'sent' AND withdrawn_at IS NULL`)
    .get() as { n: number };
  return { pendingPackets: queued.n + sent.n, pendingBytes: queued.bytes };
}

export interface RangePackets {
  packets: number;
  bytes: number;
  exported: number;
}

/**
 * What a bundle of packets sealed in [fromIso, toIso) would hold, counted in SQL (the export
 * preview): packets the station would upload whose bytes are still here (not purged: the bytes
 * row goes with `purged_at`). Reads `outbox_sealed_at`, the range only.
 */
export function rangePackets(db: Database, fromIso: string, toIso: string): RangePackets {
  return db
    .prepare(
      `SELECT COUNT(*) AS packets, COALESCE(SUM(size), 0) AS bytes,
         COALESCE(SUM(exported_at IS NOT NULL), 0) AS exported
       FROM outbox INDEXED BY outbox_sealed_at
       WHERE sealed_at >= ? AND sealed_at < ? AND purged_at IS NULL AND ${UPLOADABLE}`,
    )
    .get(fromIso, toIso) as RangePackets;
}

export type PurgeReason = 'acknowledged' | 'centre-rejected' | 'withdrawn';

export interface PurgeCandidate {
  packetId: string;
  recordingId: string;
  reason: PurgeReason;
}

/**
 * Packets whose recording's biometrics may be deleted: the retention period has passed since
 * the centre acknowledged the packet, since it rejected it (the station cannot send it again:
 * a redo is a new recording), or since the supervisor withdrew it (rejected on the station).
 * Each kind reads its own partial index (migration 0010), oldest first, `limit` at most.
 */
export function purgeCandidates(db: Database, beforeIso: string, limit: number): PurgeCandidate[] {
  const kinds: [PurgeReason, string][] = [
    // Only an acknowledgement whose signed verdict verified and is stored counts: a forged
    // "received" must never delete a resident's biometrics.
    ['acknowledged', `acked_at IS NOT NULL AND acked_at <= ? AND ${VERIFIED_ACK}`],
    ['centre-rejected', "central_status = 'rejected' AND central_checked_at <= ?"],
    ['withdrawn', 'withdrawn_at IS NOT NULL AND withdrawn_at <= ?'],
  ];
  const order = {
    acknowledged: 'acked_at',
    'centre-rejected': 'central_checked_at',
    withdrawn: 'withdrawn_at',
  };
  const out: PurgeCandidate[] = [];
  for (const [reason, where] of kinds) {
    if (out.length >= limit) break;
    const rows = db
      .prepare(
        `SELECT packet_id AS packetId, recording_id AS recordingId FROM outbox
         WHERE purged_at IS NULL AND ${where} ORDER BY ${order[reason]} LIMIT ?`,
      )
      .all(beforeIso, limit - out.length) as Omit<PurgeCandidate, 'reason'>[];
    for (const r of rows) {
      if (!out.some((o) => o.packetId === r.packetId)) out.push({ ...r, reason });
    }
  }
  return out;
}

export function markPurged(db: Database, packetId: string, at: string, reason: PurgeReason): void {
  db.prepare('DELETE FROM outbox_packets WHERE packet_id = ?').run(packetId);
  db.prepare('UPDATE outbox SET purged_at = ?, purge_reason = ? WHERE packet_id = ?').run(
    at,
    reason,
    packetId,
  );
}

/** The centre accepted the packet (received, duplicate, print-ready): the recording is uploaded. */
export function markRecordingUploaded(db: Database, recordingId: string, at: string): void {
  db.prepare(
    `UPDATE recordings SET status = 'uploaded', updated_at = ?
     WHERE id = ? AND status IN ('sealed', 'approved')`,
  ).run(at, recordingId);
}
