import type { Database } from 'better-sqlite3-multiple-ciphers';

/** Outreach sessions (jemput bola) and the recordings made during them (migration 0008). */

export interface SessionRow {
  id: string;
  place: string;
  date: string;
  kind: 'school' | 'village-hall' | 'home-visit';
  listId: string | null;
  notes: string;
  state: 'planned' | 'active' | 'ended';
  startedAt: string | null;
  endedAt: string | null;
  recordings: number;
}

const SESSION = `SELECT s.id, s.place, s.date, s.kind, s.list_id AS listId, s.notes, s.state,
  s.started_at AS startedAt, s.ended_at AS endedAt,
  (SELECT COUNT(*) FROM outreach_recordings o WHERE o.session_id = s.id) AS recordings
  FROM outreach_sessions s`;

export function findSession(db: Database, id: string): SessionRow | null {
  return (db.prepare(`${SESSION} WHERE s.id = ?`).get(id) as SessionRow | undefined) ?? null;
}

export function activeSession(db: Database): SessionRow | null {
  return (
    (db.prepare(`${SESSION} WHERE s.state = 'active'`).get() as SessionRow | undefined) ?? null
  );
}

export function listSessions(db: Database): SessionRow[] {
  return db.prepare(`${SESSION} ORDER BY s.date DESC, s.created_at DESC`).all() as SessionRow[];
}

export function insertSession(
  db: Database,
  s: Pick<SessionRow, 'id' | 'place' | 'date' | 'kind' | 'listId' | 'notes'> & {
    createdAt: string;
    createdBy: string;
  },
): void {
  db.prepare(
    `INSERT INTO outreach_sessions (id, place, date, kind, list_id, notes, created_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(s.id, s.place, s.date, s.kind, s.listId, s.notes, s.createdAt, s.createdBy);
}

/** Starts (`active`, sets started_at) or ends (`ended`, sets ended_at) a session at `at`. */
export function setSessionState(
  db: Database,
  id: string,
  state: 'active' | 'ended',
  at: string,
): void {
  db.prepare(
    state === 'active'
      ? `UPDATE outreach_sessions SET state = 'active', started_at = ? WHERE id = ?`
      : `UPDATE outreach_sessions SET state = 'ended', ended_at = ? WHERE id = ?`,
  ).run(at, id);
}

export function tagSessionRecording(db: Database, recordingId: string, sessionId: string): void {
  db.prepare(
    'INSERT OR IGNORE INTO outreach_recordings (recording_id, session_id) VALUES (?, ?)',
  ).run(recordingId, sessionId);
}

export interface SessionRecordingRow {
  recordingId: string;
  nik: string;
  name: string;
  status: string;
  at: string;
}

/** Recordings made during a session, oldest first. */
export function sessionRecordings(db: Database, sessionId: string): SessionRecordingRow[] {
  return db
    .prepare(
      `SELECT r.id AS recordingId, r.nik, r.name, r.status, r.created_at AS at
       FROM outreach_recordings o JOIN recordings r ON r.id = o.recording_id
       WHERE o.session_id = ? ORDER BY r.created_at`,
    )
    .all(sessionId) as SessionRecordingRow[];
}

export interface NotRecordedRow {
  entryId: string;
  nik: string;
  name: string;
  address: string;
  phone: string | null;
}

/** Entries of the session's list recorded neither in the session nor anywhere else (finished). */
export function entriesNotRecorded(
  db: Database,
  listId: string,
  sessionId: string,
): NotRecordedRow[] {
  return db
    .prepare(
      `SELECT e.id AS entryId, e.nik, e.name, e.address, e.phone FROM prereg_entries e
       WHERE e.list_id = ?
         AND NOT EXISTS (SELECT 1 FROM outreach_recordings o JOIN recordings r ON r.id = o.recording_id
                         WHERE o.session_id = ? AND r.nik = e.nik)
         AND NOT EXISTS (SELECT 1 FROM recordings r WHERE r.nik = e.nik
                         AND r.status IN ('sealed', 'approved', 'uploaded'))
       ORDER BY e.row`,
    )
    .all(listId, sessionId) as NotRecordedRow[];
}
