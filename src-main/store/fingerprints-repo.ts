import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { FingerException } from '../domain/fingers';

export interface FingerAttemptRow {
  id: string;
  recordingId: string;
  finger: number;
  idx: number;
  quality: number;
  imagePng: Buffer;
  width: number;
  height: number;
  template: Buffer | null;
  duplicateOf: number | null;
  createdAt: string;
}

export interface FingerprintRow {
  recordingId: string;
  finger: number;
  state: 'captured' | 'forced' | 'exception';
  quality: number | null;
  attempts: number;
  imagePng: Buffer | null;
  width: number | null;
  height: number | null;
  template: Buffer | null;
  duplicateOf: number | null;
  exceptionKind: FingerException | null;
  exceptionReason: string | null;
  deviceJson: string | null;
  recordedBy: string;
  recordedAt: string;
}

const ATTEMPT_COLS = `id, recording_id AS recordingId, finger, idx, quality, image_png AS imagePng,
  width, height, template, duplicate_of AS duplicateOf, created_at AS createdAt`;
const FINGER_COLS = `recording_id AS recordingId, finger, state, quality, attempts,
  image_png AS imagePng, width, height, template, duplicate_of AS duplicateOf,
  exception_kind AS exceptionKind, exception_reason AS exceptionReason, device_json AS deviceJson,
  recorded_by AS recordedBy, recorded_at AS recordedAt`;

export function insertAttempt(db: Database, a: FingerAttemptRow): void {
  db.prepare(
    `INSERT INTO finger_attempts (id, recording_id, finger, idx, quality, image_png, width, height,
       template, duplicate_of, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    a.id,
    a.recordingId,
    a.finger,
    a.idx,
    a.quality,
    a.imagePng,
    a.width,
    a.height,
    a.template,
    a.duplicateOf,
    a.createdAt,
  );
}

export function listAttempts(
  db: Database,
  recordingId: string,
  finger: number,
): FingerAttemptRow[] {
  return db
    .prepare(
      `SELECT ${ATTEMPT_COLS} FROM finger_attempts WHERE recording_id = ? AND finger = ? ORDER BY idx`,
    )
    .all(recordingId, finger) as FingerAttemptRow[];
}

/** Attempts per finger, for the fingers not yet taken. */
export function countAttempts(db: Database, recordingId: string): Map<number, number> {
  const rows = db
    .prepare(
      'SELECT finger, COUNT(*) AS n FROM finger_attempts WHERE recording_id = ? GROUP BY finger',
    )
    .all(recordingId) as { finger: number; n: number }[];
  return new Map(rows.map((r) => [r.finger, r.n]));
}

/** The latest attempt of a finger not taken yet (to show the last low-quality image). */
export function lastAttempts(db: Database, recordingId: string): Map<number, FingerAttemptRow> {
  const rows = db
    .prepare(
      `SELECT ${ATTEMPT_COLS} FROM finger_attempts a WHERE recording_id = ?
       AND idx = (SELECT MAX(idx) FROM finger_attempts b
                  WHERE b.recording_id = a.recording_id AND b.finger = a.finger)`,
    )
    .all(recordingId) as FingerAttemptRow[];
  return new Map(rows.map((r) => [r.finger, r]));
}

export function deleteAttempts(db: Database, recordingId: string, finger: number): void {
  db.prepare('DELETE FROM finger_attempts WHERE recording_id = ? AND finger = ?').run(
    recordingId,
    finger,
  );
}

export function listFingerprints(db: Database, recordingId: string): FingerprintRow[] {
  return db
    .prepare(`SELECT ${FINGER_COLS} FROM fingerprints WHERE recording_id = ? ORDER BY finger`)
    .all(recordingId) as FingerprintRow[];
}

export function findFingerprint(
  db: Database,
  recordingId: string,
  finger: number,
): FingerprintRow | null {
  return (
    (db
      .prepare(`SELECT ${FINGER_COLS} FROM fingerprints WHERE recording_id = ? AND finger = ?`)
      .get(recordingId, finger) as FingerprintRow | undefined) ?? null
  );
}

export function insertFingerprint(db: Database, f: FingerprintRow): void {
  db.prepare(
    `INSERT INTO fingerprints (recording_id, finger, state, quality, attempts, image_png, width,
       height, template, duplicate_of, exception_kind, exception_reason, device_json, recorded_by,
       recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    f.recordingId,
    f.finger,
    f.state,
    f.quality,
    f.attempts,
    f.imagePng,
    f.width,
    f.height,
    f.template,
    f.duplicateOf,
    f.exceptionKind,
    f.exceptionReason,
    f.deviceJson,
    f.recordedBy,
    f.recordedAt,
  );
}

export function deleteFingerprint(db: Database, recordingId: string, finger: number): boolean {
  return (
    db
      .prepare('DELETE FROM fingerprints WHERE recording_id = ? AND finger = ?')
      .run(recordingId, finger).changes > 0
  );
}

/** Templates of the fingers already taken in a recording, for the duplicate check. */
export function takenTemplates(
  db: Database,
  recordingId: string,
  exceptFinger: number,
): { finger: number; template: Buffer }[] {
  return db
    .prepare(
      `SELECT finger, template FROM fingerprints WHERE recording_id = ? AND finger != ?
       AND state != 'exception' AND template IS NOT NULL ORDER BY finger`,
    )
    .all(recordingId, exceptFinger) as { finger: number; template: Buffer }[];
}
