import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CheckResult } from '../domain/photo-checks';

export interface PhotoAttemptRow {
  id: string;
  recordingId: string;
  idx: number;
  jpeg: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
  checksJson: string;
  worst: CheckResult;
  crop: 'face' | 'guide';
  createdAt: string;
}

export interface PhotoRow {
  recordingId: string;
  jpeg: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
  checksJson: string;
  forced: number;
  forceReason: string | null;
  attempts: number;
  noGlassesConfirmed: number;
  acceptedAt: string;
  acceptedBy: string;
  acceptedByUsername: string;
}

const ATTEMPT_COLUMNS = `id, recording_id AS recordingId, idx, jpeg, thumb, width, height,
  checks_json AS checksJson, worst, crop, created_at AS createdAt`;

export function listPhotoAttempts(db: Database, recordingId: string): PhotoAttemptRow[] {
  return db
    .prepare(`SELECT ${ATTEMPT_COLUMNS} FROM photo_attempts WHERE recording_id = ? ORDER BY idx`)
    .all(recordingId) as PhotoAttemptRow[];
}

export function findPhotoAttempt(db: Database, id: string): PhotoAttemptRow | null {
  return (
    (db.prepare(`SELECT ${ATTEMPT_COLUMNS} FROM photo_attempts WHERE id = ?`).get(id) as
      | PhotoAttemptRow
      | undefined) ?? null
  );
}

/** The next free attempt number (1-based) — the highest used plus one, so gaps never reuse. */
export function nextPhotoAttemptIndex(db: Database, recordingId: string): number {
  const row = db
    .prepare('SELECT COALESCE(MAX(idx), 0) AS n FROM photo_attempts WHERE recording_id = ?')
    .get(recordingId) as { n: number };
  return row.n + 1;
}

export function insertPhotoAttempt(db: Database, r: PhotoAttemptRow): void {
  db.prepare(
    `INSERT INTO photo_attempts (id, recording_id, idx, jpeg, thumb, width, height, checks_json, worst, crop, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    r.id,
    r.recordingId,
    r.idx,
    r.jpeg,
    r.thumb,
    r.width,
    r.height,
    r.checksJson,
    r.worst,
    r.crop,
    r.createdAt,
  );
}

export function deletePhotoAttempts(db: Database, recordingId: string): number {
  return db.prepare('DELETE FROM photo_attempts WHERE recording_id = ?').run(recordingId).changes;
}

export function findPhoto(db: Database, recordingId: string): PhotoRow | null {
  const row = db
    .prepare(
      `SELECT p.recording_id AS recordingId, p.jpeg, p.thumb, p.width, p.height,
         p.checks_json AS checksJson, p.forced, p.force_reason AS forceReason, p.attempts,
         p.no_glasses_confirmed AS noGlassesConfirmed, p.accepted_at AS acceptedAt,
         p.accepted_by AS acceptedBy, u.username AS acceptedByUsername
       FROM photos p JOIN users u ON u.id = p.accepted_by WHERE p.recording_id = ?`,
    )
    .get(recordingId) as PhotoRow | undefined;
  return row ?? null;
}

/** Replaces any earlier accepted photo: a recording has exactly one. */
export function upsertPhoto(db: Database, r: Omit<PhotoRow, 'acceptedByUsername'>): void {
  db.prepare(
    `INSERT INTO photos (recording_id, jpeg, thumb, width, height, checks_json, forced, force_reason,
       attempts, no_glasses_confirmed, accepted_at, accepted_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(recording_id) DO UPDATE SET jpeg = excluded.jpeg, thumb = excluded.thumb,
       width = excluded.width, height = excluded.height, checks_json = excluded.checks_json,
       forced = excluded.forced, force_reason = excluded.force_reason, attempts = excluded.attempts,
       no_glasses_confirmed = excluded.no_glasses_confirmed, accepted_at = excluded.accepted_at,
       accepted_by = excluded.accepted_by`,
  ).run(
    r.recordingId,
    r.jpeg,
    r.thumb,
    r.width,
    r.height,
    r.checksJson,
    r.forced,
    r.forceReason,
    r.attempts,
    r.noGlassesConfirmed,
    r.acceptedAt,
    r.acceptedBy,
  );
}
