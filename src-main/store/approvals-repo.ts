import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ApprovalDecisionKind } from '../api/contract-supervisor';
import type { RecordingStatus } from '../api/contract';

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
 * (the supervisor still reviews it). Drafts never enter the queue.
 */
export const AWAITING = `r.status IN ('sealed', 'uploaded') AND NOT EXISTS
  (SELECT 1 FROM approvals pa WHERE pa.recording_id = r.id)`;

export function listPending(db: Database, limit: number): ApprovalRow[] {
  return db
    .prepare(`${SELECT} WHERE ${AWAITING} ORDER BY r.created_at, r.id LIMIT ?`)
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
    db.prepare(`SELECT COUNT(*) AS n FROM recordings r WHERE ${AWAITING}`).get() as { n: number }
  ).n;
}

function hasColumn(db: Database, table: string, column: string): boolean {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).some((c) => c.name === column);
}

/**
 * `outbox.exported_at` comes with the exports migration (0007); until it exists nothing counts
 * as exported. Checked per call: cheap, and right on a DB migrated while the app runs.
 */
export function exportedExpr(db: Database, alias = 'o'): string {
  return hasColumn(db, 'outbox', 'exported_at') ? `${alias}.exported_at` : 'NULL';
}

export interface UnsentFigures {
  /** Approved (or sealed when approval is not required) packets neither uploaded nor exported. */
  unsent: number;
  oldestUnsentSealedAt: string | null;
  lastSentAt: string | null;
  lastExportedAt: string | null;
}

export function unsentFigures(db: Database, approvalRequired: boolean): UnsentFigures {
  const exported = exportedExpr(db);
  const eligible = approvalRequired ? `('approved')` : `('sealed', 'approved')`;
  const row = db
    .prepare(
      `SELECT COUNT(*) AS unsent, MIN(o.sealed_at) AS oldest FROM outbox o
       JOIN recordings r ON r.id = o.recording_id
       WHERE o.state = 'queued' AND o.withdrawn_at IS NULL AND ${exported} IS NULL
       AND r.status IN ${eligible}`,
    )
    .get() as { unsent: number; oldest: string | null };
  const last = db
    .prepare(`SELECT MAX(o.sent_at) AS sent, MAX(${exported}) AS exported FROM outbox o`)
    .get() as { sent: string | null; exported: string | null };
  return {
    unsent: row.unsent,
    oldestUnsentSealedAt: row.oldest,
    lastSentAt: last.sent,
    lastExportedAt: last.exported,
  };
}
