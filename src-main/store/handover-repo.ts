// Handing the card over: the photo and two templates retained for the 1:1 check,
// and the handover records with their small outbox state towards the centre.
import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface RetainedTemplate {
  finger: number;
  quality: number | null;
  template: Buffer;
}

export interface Retained {
  recordingId: string;
  photoJpeg: Buffer | null;
  retainedAt: string;
  purgedAt: string | null;
  purgeReason: 'handed-over' | 'expired' | null;
  templates: RetainedTemplate[];
}

/** Fingers of a recording that carry a module template, for choosing what to retain. */
export function templateCandidates(
  db: Database,
  recordingId: string,
): { finger: number; quality: number | null; template: Buffer }[] {
  return db
    .prepare(
      `SELECT finger, quality, template FROM fingerprints
       WHERE recording_id = ? AND template IS NOT NULL AND state != 'exception' ORDER BY finger`,
    )
    .all(recordingId) as { finger: number; quality: number | null; template: Buffer }[];
}

/** The accepted photo's JPEG, copied as it is at sealing. */
export function photoJpeg(db: Database, recordingId: string): Buffer | null {
  const row = db.prepare('SELECT jpeg FROM photos WHERE recording_id = ?').get(recordingId) as
    | { jpeg: Buffer }
    | undefined;
  return row && row.jpeg.length > 0 ? row.jpeg : null;
}

export function insertRetained(
  db: Database,
  r: { recordingId: string; photoJpeg: Buffer | null; at: string; templates: RetainedTemplate[] },
): void {
  db.prepare(
    `INSERT INTO handover_retained (recording_id, photo_jpeg, retained_at) VALUES (?, ?, ?)
     ON CONFLICT (recording_id) DO NOTHING`,
  ).run(r.recordingId, r.photoJpeg, r.at);
  const put = db.prepare(
    `INSERT OR REPLACE INTO handover_templates (recording_id, finger, quality, template)
     VALUES (?, ?, ?, ?)`,
  );
  for (const t of r.templates) put.run(r.recordingId, t.finger, t.quality, t.template);
}

export function findRetained(db: Database, recordingId: string): Retained | null {
  const row = db
    .prepare(
      `SELECT recording_id AS recordingId, photo_jpeg AS photoJpeg, retained_at AS retainedAt,
         purged_at AS purgedAt, purge_reason AS purgeReason
       FROM handover_retained WHERE recording_id = ?`,
    )
    .get(recordingId) as Omit<Retained, 'templates'> | undefined;
  if (!row) return null;
  const templates = db
    .prepare(
      `SELECT finger, quality, template FROM handover_templates WHERE recording_id = ?
       ORDER BY finger`,
    )
    .all(recordingId) as RetainedTemplate[];
  return { ...row, templates };
}

/** Deletes the retained photo and templates; the row stays as the mark of when and why. */
export function purgeRetained(
  db: Database,
  recordingId: string,
  at: string,
  reason: 'handed-over' | 'expired',
): boolean {
  db.prepare('DELETE FROM handover_templates WHERE recording_id = ?').run(recordingId);
  return (
    db
      .prepare(
        `UPDATE handover_retained SET photo_jpeg = NULL, purged_at = ?, purge_reason = ?
         WHERE recording_id = ? AND purged_at IS NULL`,
      )
      .run(at, reason, recordingId).changes > 0
  );
}

/** Retained sets older than `beforeIso` still held (partial index). */
export function expiredRetained(db: Database, beforeIso: string, limit: number): string[] {
  return (
    db
      .prepare(
        `SELECT recording_id AS id FROM handover_retained INDEXED BY handover_retained_held
         WHERE purged_at IS NULL AND retained_at <= ? ORDER BY retained_at LIMIT ?`,
      )
      .all(beforeIso, limit) as { id: string }[]
  ).map((r) => r.id);
}

export interface HandoverRow {
  id: string;
  recordingId: string;
  kind: 'counter' | 'round';
  roundId: string | null;
  verification: 'fingerprint' | 'visual';
  finger: number | null;
  score: number | null;
  visualReason: string | null;
  byProxy: boolean;
  proxyName: string | null;
  proxyNik: string | null;
  proxyRelation: string | null;
  signaturePng: Buffer | null;
  handedOverAt: string;
  operatorId: string;
  recordJson: string;
  recordSignature: string;
}

export function insertHandover(db: Database, h: HandoverRow): void {
  db.prepare(
    `INSERT INTO handovers (id, recording_id, kind, round_id, verification, finger, score,
       visual_reason, by_proxy, proxy_name, proxy_nik, proxy_relation, signature_png,
       handed_over_at, operator_id, record_json, record_signature, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    h.id,
    h.recordingId,
    h.kind,
    h.roundId,
    h.verification,
    h.finger,
    h.score,
    h.visualReason,
    h.byProxy ? 1 : 0,
    h.proxyName,
    h.proxyNik,
    h.proxyRelation,
    h.signaturePng,
    h.handedOverAt,
    h.operatorId,
    h.recordJson,
    h.recordSignature,
    h.handedOverAt,
  );
}

export interface HandoverOutboxRow {
  id: string;
  recordingId: string;
  recordJson: string;
  recordSignature: string;
  state: 'queued' | 'done';
  attempts: number;
  centralStatus: 'received' | 'duplicate' | 'rejected' | null;
  handedOverAt: string;
}

const OUTBOX_COLS = `id, recording_id AS recordingId, record_json AS recordJson,
  record_signature AS recordSignature, state, attempts, central_status AS centralStatus,
  handed_over_at AS handedOverAt`;

export function findHandoverByRecording(
  db: Database,
  recordingId: string,
): HandoverOutboxRow | null {
  return (
    (db.prepare(`SELECT ${OUTBOX_COLS} FROM handovers WHERE recording_id = ?`).get(recordingId) as
      | HandoverOutboxRow
      | undefined) ?? null
  );
}

export function findHandover(db: Database, id: string): HandoverOutboxRow | null {
  return (
    (db.prepare(`SELECT ${OUTBOX_COLS} FROM handovers WHERE id = ?`).get(id) as
      | HandoverOutboxRow
      | undefined) ?? null
  );
}

/** Records waiting for the centre whose next try is due (partial index). */
export function dueHandovers(db: Database, nowIso: string, limit: number): HandoverOutboxRow[] {
  return db
    .prepare(
      `SELECT ${OUTBOX_COLS} FROM handovers INDEXED BY handovers_queued
       WHERE state = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?`,
    )
    .all(nowIso, limit) as HandoverOutboxRow[];
}

export function pendingHandoverCount(db: Database): number {
  return (
    db.prepare(`SELECT COUNT(*) AS n FROM handovers WHERE state = 'queued'`).get() as { n: number }
  ).n;
}

export function markHandoverRetry(db: Database, id: string, nextAt: string, error: string): void {
  db.prepare(
    `UPDATE handovers SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?
     WHERE id = ? AND state = 'queued'`,
  ).run(nextAt, error.slice(0, 200), id);
}

export function markHandoverDone(
  db: Database,
  id: string,
  status: 'received' | 'duplicate' | 'rejected',
  verdictJson: string,
  at: string,
): void {
  db.prepare(
    `UPDATE handovers SET state = 'done', central_status = ?, verdict_json = ?, acked_at = ?,
       last_error = NULL WHERE id = ?`,
  ).run(status, verdictJson, at, id);
}

/** A card found for handover: the recording, its card's state, and a handover if done. */
export interface CardCandidateRow {
  recordingId: string;
  name: string;
  nik: string;
  cardState: string;
  recordedAt: string;
  villageCode: string;
  handedOverAt: string | null;
  residentJson: string;
  packetId: string | null;
  roundId: string | null;
}

const CANDIDATE = `SELECT r.id AS recordingId, r.name, r.nik, c.state AS cardState,
    r.created_at AS recordedAt, c.village_code AS villageCode, c.handed_over_at AS handedOverAt,
    r.resident_json AS residentJson, o.packet_id AS packetId, c.round_id AS roundId
  FROM cards c JOIN recordings r ON r.id = c.recording_id
  LEFT JOIN outbox o ON o.recording_id = c.recording_id`;

/** Cards that reached the office (or went further), looked up by one field. */
const FINDABLE = `c.state IN ('at_office', 'on_round', 'handed_over', 'missing')`;

export function cardsByNik(db: Database, nik: string, limit: number): CardCandidateRow[] {
  return db
    .prepare(`${CANDIDATE} WHERE r.nik = ? AND ${FINDABLE} ORDER BY r.created_at DESC LIMIT ?`)
    .all(nik, limit) as CardCandidateRow[];
}

/** Names starting with `prefix` (case-insensitive, the recordings_name index). */
export function cardsByName(db: Database, prefix: string, limit: number): CardCandidateRow[] {
  const like = `${prefix.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  return db
    .prepare(
      `${CANDIDATE} WHERE r.name LIKE ? ESCAPE '\\' AND ${FINDABLE}
       ORDER BY r.name COLLATE NOCASE LIMIT ?`,
    )
    .all(like, limit) as CardCandidateRow[];
}

export function cardByPacket(db: Database, packetId: string): CardCandidateRow | null {
  return (
    (db.prepare(`${CANDIDATE} WHERE o.packet_id = ?`).get(packetId) as
      | CardCandidateRow
      | undefined) ?? null
  );
}

export function cardCandidate(db: Database, recordingId: string): CardCandidateRow | null {
  return (
    (db.prepare(`${CANDIDATE} WHERE c.recording_id = ?`).get(recordingId) as
      | CardCandidateRow
      | undefined) ?? null
  );
}
