import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CentralStatus, RecordingStatus } from '../domain/records';
import { likeLiteral } from './sql-like';

export interface RecordingRow {
  id: string;
  status: RecordingStatus;
  nik: string;
  name: string;
  residentJson: string;
  warningsJson: string;
  operatorId: string;
  operator: string;
  createdAt: string;
  updatedAt: string;
  /** From the outbox: the centre's answer, null until it has one. */
  centralStatus: CentralStatus | null;
  centralReason: string | null;
  /** The supervisor's reason when rejected. */
  rejectionReason: string | null;
}

const SELECT = `SELECT r.id, r.status, r.nik, r.name, r.resident_json AS residentJson,
  r.warnings_json AS warningsJson, r.operator_id AS operatorId, u.username AS operator,
  r.created_at AS createdAt, r.updated_at AS updatedAt,
  o.central_status AS centralStatus, o.central_reason AS centralReason,
  (SELECT a.reason FROM approvals a WHERE a.recording_id = r.id) AS rejectionReason
  FROM recordings r JOIN users u ON u.id = r.operator_id
  LEFT JOIN outbox o ON o.recording_id = r.id`;

export function findRecording(db: Database, id: string): RecordingRow | null {
  return (db.prepare(`${SELECT} WHERE r.id = ?`).get(id) as RecordingRow | undefined) ?? null;
}

export function findOpenDraftByNik(
  db: Database,
  nik: string,
  exceptId: string | null,
): RecordingRow | null {
  const row = db
    .prepare(`${SELECT} WHERE r.status = 'draft' AND r.nik = ? AND r.id IS NOT ? LIMIT 1`)
    .get(nik, exceptId) as RecordingRow | undefined;
  return row ?? null;
}

export function insertRecording(
  db: Database,
  r: Omit<
    RecordingRow,
    'operator' | 'updatedAt' | 'centralStatus' | 'centralReason' | 'rejectionReason'
  > & {
    updatedAt: string;
  },
): void {
  db.prepare(
    `INSERT INTO recordings (id, status, nik, name, resident_json, warnings_json, operator_id, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.id,
    r.status,
    r.nik,
    r.name,
    r.residentJson,
    r.warningsJson,
    r.operatorId,
    r.createdAt,
    r.updatedAt,
  );
}

export function updateDraft(
  db: Database,
  r: Pick<RecordingRow, 'id' | 'nik' | 'name' | 'residentJson' | 'warningsJson' | 'updatedAt'>,
): void {
  db.prepare(
    `UPDATE recordings SET nik = ?, name = ?, resident_json = ?, warnings_json = ?, updated_at = ?
     WHERE id = ? AND status = 'draft'`,
  ).run(r.nik, r.name, r.residentJson, r.warningsJson, r.updatedAt, r.id);
}

/** Open drafts of every day, most recently touched first (the supervisor's reassign list). */
export function listOpenDrafts(db: Database, limit = 200): RecordingRow[] {
  return db
    .prepare(`${SELECT} WHERE r.status = 'draft' ORDER BY r.updated_at DESC, r.id DESC LIMIT ?`)
    .all(limit) as RecordingRow[];
}

/** Hands a draft to another operator; false when it is no longer a draft. */
export function setDraftOperator(
  db: Database,
  id: string,
  operatorId: string,
  updatedAt: string,
): boolean {
  return (
    db
      .prepare(
        `UPDATE recordings SET operator_id = ?, updated_at = ? WHERE id = ? AND status = 'draft'`,
      )
      .run(operatorId, updatedAt, id).changes === 1
  );
}

/** Seals a draft (the packet goes to the outbox in the same transaction); false if not a draft. */
export function markDraftSealed(db: Database, id: string, updatedAt: string): boolean {
  return (
    db
      .prepare(
        "UPDATE recordings SET status = 'sealed', updated_at = ? WHERE id = ? AND status = 'draft'",
      )
      .run(updatedAt, id).changes === 1
  );
}

/**
 * Recordings created in [fromIso, toIso), newest first. `query` matches a NIK prefix or a
 * name substring, case-insensitively; always bound, never concatenated.
 */
export function listRecordingsBetween(
  db: Database,
  fromIso: string,
  toIso: string,
  query: string | null,
): RecordingRow[] {
  if (!query) {
    return db
      .prepare(
        `${SELECT} WHERE r.created_at >= ? AND r.created_at < ? ORDER BY r.created_at DESC, r.id DESC`,
      )
      .all(fromIso, toIso) as RecordingRow[];
  }
  const q = likeLiteral(query);
  return db
    .prepare(
      `${SELECT} WHERE r.created_at >= ? AND r.created_at < ?
       AND (r.nik LIKE ? ESCAPE '\\' OR r.name LIKE ? ESCAPE '\\')
       ORDER BY r.created_at DESC, r.id DESC`,
    )
    .all(fromIso, toIso, `${q}%`, `%${q}%`) as RecordingRow[];
}

/** How many recordings were created in [fromIso, toIso) (read from the created_at index). */
export function countRecordingsBetween(db: Database, fromIso: string, toIso: string): number {
  return (
    db
      .prepare('SELECT COUNT(*) AS n FROM recordings WHERE created_at >= ? AND created_at < ?')
      .get(fromIso, toIso) as { n: number }
  ).n;
}
