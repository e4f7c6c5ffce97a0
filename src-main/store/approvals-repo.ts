import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ApprovalDecisionKind, RecordingStatus } from '../domain/records';
import { QUEUED_FROM } from './outbox-repo';

export interface ApprovalRow {
  recordingId: string;
  status: RecordingStatus;
  nik: string;
  name: string;
  operator: string;
  createdAt: string;
  sealedAt: string | null;
  outboxState: 'queued' | 'sent' | 'done' | null;
  forcedPhoto: number | null;
  /** Comma-separated finger positions (SQLite group_concat), null when none. */
  forcedFingers: string | null;
  exceptionFingers: string | null;
  signatureException: number;
  warnings: number;
  decision: ApprovalDecisionKind | null;
  reason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  redoRecordingId: string | null;
}

const SELECT = `SELECT r.id AS recordingId, r.status, r.nik, r.name, u.username AS operator,
  r.created_at AS createdAt, o.sealed_at AS sealedAt, o.state AS outboxState,
  (SELECT p.forced FROM photos p WHERE p.recording_id = r.id) AS forcedPhoto,
  (SELECT group_concat(f.finger) FROM fingerprints f
     WHERE f.recording_id = r.id AND f.state = 'forced') AS forcedFingers,
  (SELECT group_concat(f.finger) FROM fingerprints f
     WHERE f.recording_id = r.id AND f.state = 'exception') AS exceptionFingers,
  EXISTS (SELECT 1 FROM signatures s WHERE s.recording_id = r.id
     AND s.exception_reason IS NOT NULL) AS signatureException,
  json_array_length(r.warnings_json) AS warnings,
  a.decision, a.reason, du.username AS decidedBy, a.decided_at AS decidedAt,
  a.redo_recording_id AS redoRecordingId
  FROM recordings r JOIN users u ON u.id = r.operator_id
  LEFT JOIN outbox o ON o.recording_id = r.id
  LEFT JOIN approvals a ON a.recording_id = r.id
  LEFT JOIN users du ON du.id = a.decided_by`;

/**
 * Awaiting a decision: sealed, or already uploaded because approval was not required for upload
 * (the supervisor still reviews it). Drafts never enter the queue. `reviewed_at` is set with the
 * decision; the text matches the partial index `recordings_awaiting` (migration 0009) term for
 * term, which is what lets SQLite use it — keep the two identical.
 */
export const AWAITING = `r.status IN ('sealed', 'uploaded') AND r.reviewed_at IS NULL`;
/** Named, not left to the planner: `status = 'uploaded'` alone would walk the whole history. */
const AWAITING_FROM = 'recordings r INDEXED BY recordings_awaiting';

export function listPending(db: Database, limit: number): ApprovalRow[] {
  return db
    .prepare(
      `${SELECT} WHERE r.id IN (SELECT r.id FROM ${AWAITING_FROM} WHERE ${AWAITING}
         ORDER BY r.created_at, r.id LIMIT ?)
       ORDER BY r.created_at, r.id`,
    )
    .all(limit) as ApprovalRow[];
}

export function listDecided(db: Database, limit: number): ApprovalRow[] {
  return db
    .prepare(`${SELECT} WHERE a.recording_id IS NOT NULL ORDER BY a.decided_at DESC, r.id LIMIT ?`)
    .all(limit) as ApprovalRow[];
}

export function findApprovalRow(db: Database, recordingId: string): ApprovalRow | null {
  return (
    (db.prepare(`${SELECT} WHERE r.id = ?`).get(recordingId) as ApprovalRow | undefined) ?? null
  );
}

export function insertDecision(
  db: Database,
  d: {
    recordingId: string;
    decision: ApprovalDecisionKind;
    reason: string | null;
    by: string;
    at: string;
  },
): void {
  db.prepare(
    `INSERT INTO approvals (recording_id, decision, reason, decided_by, decided_at)
     VALUES (?, ?, ?, ?, ?)`,
  ).run(d.recordingId, d.decision, d.reason, d.by, d.at);
  db.prepare('UPDATE recordings SET reviewed_at = ? WHERE id = ?').run(d.at, d.recordingId);
}

export function setRecordingStatus(
  db: Database,
  id: string,
  from: readonly RecordingStatus[],
  to: RecordingStatus,
  at: string,
): boolean {
  const marks = from.map(() => '?').join(', ');
  return (
    db
      .prepare(
        `UPDATE recordings SET status = ?, updated_at = ? WHERE id = ? AND status IN (${marks})`,
      )
      .run(to, at, id, ...from).changes > 0
  );
}

/** Withdraws a packet that has not reached the centre (queued); false when it already left. */
export function withdrawOutbox(db: Database, recordingId: string, at: string): boolean {
  return (
    db
      .prepare(
        `UPDATE outbox SET withdrawn_at = ? WHERE recording_id = ? AND state = 'queued'
         AND withdrawn_at IS NULL`,
      )
      .run(at, recordingId).changes > 0
  );
}

export function setRedo(db: Database, recordingId: string, redoId: string): void {
  db.prepare('UPDATE approvals SET redo_recording_id = ? WHERE recording_id = ?').run(
    redoId,
    recordingId,
  );
}

export function countAwaiting(db: Database): number {
  return (
    db.prepare(`SELECT COUNT(*) AS n FROM ${AWAITING_FROM} WHERE ${AWAITING}`).get() as {
      n: number;
    }
  ).n;
}

export interface UnsentFigures {
  /** Approved (or sealed when approval is not required) packets neither uploaded nor exported. */
  unsent: number;
  oldestUnsentSealedAt: string | null;
  lastSentAt: string | null;
  lastExportedAt: string | null;
}

export function unsentFigures(db: Database, approvalRequired: boolean): UnsentFigures {
  const eligible = approvalRequired ? `('approved')` : `('sealed', 'approved')`;
  const row = db
    .prepare(
      `SELECT COUNT(*) AS unsent, MIN(o.sealed_at) AS oldest FROM ${QUEUED_FROM}
       JOIN recordings r ON r.id = o.recording_id
       WHERE o.state = 'queued' AND o.withdrawn_at IS NULL AND o.exported_at IS NULL
       AND r.status IN ${eligible}`,
    )
    .get() as { unsent: number; oldest: string | null };
  // Two SELECTs, each a single step down its own index (outbox_sent_at, outbox_exported_at):
  // two MAX() in one SELECT would scan the whole outbox.
  const lastSent = db.prepare('SELECT MAX(sent_at) AS at FROM outbox').get() as {
    at: string | null;
  };
  const lastExported = db.prepare('SELECT MAX(exported_at) AS at FROM outbox').get() as {
    at: string | null;
  };
  return {
    unsent: row.unsent,
    oldestUnsentSealedAt: row.oldest,
    lastSentAt: lastSent.at,
    lastExportedAt: lastExported.at,
  };
}
