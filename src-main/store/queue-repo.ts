import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CardStatus, PriorityReason } from '../domain/records';

/** Queue cards, calls, pre-registration lists and outreach sessions (migration 0008). */

export interface CardRow {
  id: string;
  date: string;
  lane: 'regular' | 'priority';
  seq: number;
  priorityReason: PriorityReason | null;
  nik: string | null;
  name: string;
  phone: string | null;
  address: string | null;
  status: CardStatus;
  callOrder: number;
  issuedAt: string;
  issuedBy: string;
  calledAt: string | null;
  desk: string | null;
  callCount: number;
  recordingId: string | null;
  servedAt: string | null;
  listEntryId: string | null;
  /**
   * 1 once the linked recording is sealed (a card is "recorded" then, not at the draft): here,
   * or on the hub as the desk holding the recording reported it (issue 17).
   */
  recordingSealed: number;
}

const CARD = `SELECT c.id, c.date, c.lane, c.seq, c.priority_reason AS priorityReason, c.nik, c.name,
  c.phone, c.address, c.status, c.call_order AS callOrder, c.issued_at AS issuedAt,
  u.username AS issuedBy, c.called_at AS calledAt, c.desk, c.call_count AS callCount,
  c.recording_id AS recordingId, c.served_at AS servedAt, c.list_entry_id AS listEntryId,
  COALESCE((SELECT r.status IN ('sealed', 'approved', 'uploaded') FROM recordings r
    WHERE r.id = c.recording_id), EXISTS (SELECT 1 FROM office_card_links l
    JOIN office_recordings o ON o.recording_id = l.recording_id AND o.station_id = l.station_id
    WHERE l.card_id = c.id AND o.status IN ('sealed', 'approved', 'uploaded'))) AS recordingSealed
  FROM queue_cards c JOIN users u ON u.id = c.issued_by`;

export const LIVE = `('waiting', 'called', 'skipped')`;

export function findCard(db: Database, id: string): CardRow | null {
  return (db.prepare(`${CARD} WHERE c.id = ?`).get(id) as CardRow | undefined) ?? null;
}

export function findLiveCardByNik(db: Database, nik: string): CardRow | null {
  return (
    (db.prepare(`${CARD} WHERE c.nik = ? AND c.status IN ${LIVE}`).get(nik) as
      | CardRow
      | undefined) ?? null
  );
}

export function findLiveCardByEntry(db: Database, entryId: string): CardRow | null {
  return (
    (db.prepare(`${CARD} WHERE c.list_entry_id = ? AND c.status IN ${LIVE}`).get(entryId) as
      | CardRow
      | undefined) ?? null
  );
}

export function cardsOfDate(db: Database, date: string): CardRow[] {
  return db.prepare(`${CARD} WHERE c.date = ? ORDER BY c.call_order`).all(date) as CardRow[];
}

/** Cards holding a seat (every status but cancelled) on dates ≥ from. */
export function seatHoldersFrom(db: Database, from: string): CardRow[] {
  return db
    .prepare(`${CARD} WHERE c.date >= ? AND c.status != 'cancelled' ORDER BY c.date, c.issued_at`)
    .all(from) as CardRow[];
}

export function cardsBetween(db: Database, from: string, to: string): CardRow[] {
  return db
    .prepare(`${CARD} WHERE c.date >= ? AND c.date <= ? ORDER BY c.date, c.call_order`)
    .all(from, to) as CardRow[];
}

function likeLiteral(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * NIK prefix or name part, newest dates first. A NIK prefix is a range on `queue_cards_nik`
 * (':' sorts right after '9'); a name part of three letters or more goes through the FTS5
 * trigram index (migration 0011) — the `limit` cards issued last (a common name matches
 * hundreds over the years), shown by date; a shorter one walks the cards newest first and stops
 * at `limit`.
 */
export function searchCards(db: Database, q: string, limit: number): CardRow[] {
  if (/^\d+$/.test(q)) {
    return db
      .prepare(
        `${CARD} WHERE c.nik >= ? AND c.nik < ? AND c.nik IS NOT NULL
         ORDER BY c.date DESC, c.call_order LIMIT ?`,
      )
      .all(q, `${q}:`, limit) as CardRow[];
  }
  if ([...q].length >= 3) {
    return db
      .prepare(
        `${CARD} WHERE c.rowid IN (SELECT rowid FROM queue_cards_fts WHERE queue_cards_fts MATCH ?
           ORDER BY rowid DESC LIMIT ?)
         ORDER BY c.date DESC, c.call_order`,
      )
      .all(`"${q.replace(/"/g, '""')}"`, limit) as CardRow[];
  }
  return db
    .prepare(`${CARD} WHERE c.name LIKE ? ESCAPE '\\' ORDER BY c.date DESC, c.call_order LIMIT ?`)
    .all(`%${likeLiteral(q)}%`, limit) as CardRow[];
}

export function dayLoad(db: Database, date: string): { regular: number; priority: number } {
  const rows = db
    .prepare(
      `SELECT lane, COUNT(*) AS n FROM queue_cards WHERE date = ? AND status != 'cancelled' GROUP BY lane`,
    )
    .all(date) as { lane: 'regular' | 'priority'; n: number }[];
  const load = { regular: 0, priority: 0 };
  for (const r of rows) load[r.lane] = r.n;
  return load;
}

/** Numbers from here up belong to office desks' own ranges (issue 17: walk-ins while the hub is down). */
export const DESK_RANGE_START = 1000;

export function nextSeq(db: Database, date: string, lane: string): number {
  const r = db
    .prepare(
      'SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM queue_cards WHERE date = ? AND lane = ? AND seq < ?',
    )
    .get(date, lane, DESK_RANGE_START) as { n: number };
  return r.n;
}

export function nextCallOrder(db: Database, date: string): number {
  const r = db
    .prepare('SELECT COALESCE(MAX(call_order), 0) + 1 AS n FROM queue_cards WHERE date = ?')
    .get(date) as { n: number };
  return r.n;
}

export function insertCard(
  db: Database,
  c: Omit<
    CardRow,
    | 'issuedBy'
    | 'calledAt'
    | 'desk'
    | 'callCount'
    | 'recordingId'
    | 'servedAt'
    | 'status'
    | 'recordingSealed'
  > & {
    issuedById: string;
  },
): void {
  db.prepare(
    `INSERT INTO queue_cards (id, date, lane, seq, priority_reason, nik, name, phone, address,
       status, call_order, issued_at, issued_by, list_entry_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?, ?, ?, ?)`,
  ).run(
    c.id,
    c.date,
    c.lane,
    c.seq,
    c.priorityReason,
    c.nik,
    c.name,
    c.phone,
    c.address,
    c.callOrder,
    c.issuedAt,
    c.issuedById,
    c.listEntryId,
  );
}

/** Cards of past days never served become no-shows (so a NIK can get a new card). */
export function expireStale(db: Database, today: string): void {
  db.prepare(`UPDATE queue_cards SET status = 'no-show' WHERE date < ? AND status IN ${LIVE}`).run(
    today,
  );
}

export function setCardStatus(
  db: Database,
  id: string,
  patch: Partial<{
    status: CardStatus;
    calledAt: string;
    desk: string;
    callCountPlus: number;
    callOrder: number;
    recordingId: string;
    servedAt: string;
    cancelReason: string;
    date: string;
    seq: number;
  }>,
): void {
  db.prepare(
    `UPDATE queue_cards SET
       status = COALESCE(@status, status),
       called_at = COALESCE(@calledAt, called_at),
       desk = COALESCE(@desk, desk),
       call_count = call_count + @callCountPlus,
       call_order = COALESCE(@callOrder, call_order),
       recording_id = COALESCE(@recordingId, recording_id),
       served_at = COALESCE(@servedAt, served_at),
       cancel_reason = COALESCE(@cancelReason, cancel_reason),
       date = COALESCE(@date, date),
       seq = COALESCE(@seq, seq)
     WHERE id = @id`,
  ).run({
    id,
    status: patch.status ?? null,
    calledAt: patch.calledAt ?? null,
    desk: patch.desk ?? null,
    callCountPlus: patch.callCountPlus ?? 0,
    callOrder: patch.callOrder ?? null,
    recordingId: patch.recordingId ?? null,
    servedAt: patch.servedAt ?? null,
    cancelReason: patch.cancelReason ?? null,
    date: patch.date ?? null,
    seq: patch.seq ?? null,
  });
}

export interface CallRow {
  cardId: string;
  number: string;
  lane: 'regular' | 'priority';
  desk: string;
  at: string;
  recall: number;
}

export function insertCall(db: Database, c: CallRow): void {
  db.prepare(
    'INSERT INTO queue_calls (card_id, number, lane, desk, at, recall) VALUES (?, ?, ?, ?, ?, ?)',
  ).run(c.cardId, c.number, c.lane, c.desk, c.at, c.recall);
}

export function callsSince(db: Database, fromIso: string, limit: number): CallRow[] {
  return db
    .prepare(
      `SELECT card_id AS cardId, number, lane, desk, at, recall FROM queue_calls
       WHERE at >= ? ORDER BY id DESC LIMIT ?`,
    )
    .all(fromIso, limit) as CallRow[];
}

// ---- Pre-registration lists ---------------------------------------------------------------

export interface ListRowDb {
  id: string;
  name: string;
  fileName: string;
  importedAt: string;
  importedBy: string;
  rejected: number;
  entries: number;
  carded: number;
  recorded: number;
}

/** "Recorded": a finished recording (sealed or later) exists for the NIK. */
export const RECORDED_NIK = `EXISTS (SELECT 1 FROM recordings r WHERE r.nik = e.nik AND r.status IN ('sealed', 'approved', 'uploaded'))`;

export function listLists(db: Database): ListRowDb[] {
  return db
    .prepare(
      `SELECT l.id, l.name, l.file_name AS fileName, l.imported_at AS importedAt,
         u.username AS importedBy, l.rejected,
         (SELECT COUNT(*) FROM prereg_entries e WHERE e.list_id = l.id) AS entries,
         (SELECT COUNT(*) FROM prereg_entries e WHERE e.list_id = l.id AND EXISTS
            (SELECT 1 FROM queue_cards c WHERE c.list_entry_id = e.id AND c.status != 'cancelled')) AS carded,
         (SELECT COUNT(*) FROM prereg_entries e WHERE e.list_id = l.id AND ${RECORDED_NIK}) AS recorded
       FROM prereg_lists l JOIN users u ON u.id = l.imported_by ORDER BY l.imported_at DESC`,
    )
    .all() as ListRowDb[];
}

export interface EntryRow {
  id: string;
  listId: string;
  row: number;
  nik: string;
  name: string;
  address: string;
  phone: string | null;
  cardId: string | null;
  cardNumberLane: 'regular' | 'priority' | null;
  cardSeq: number | null;
  cardDate: string | null;
  recorded: number;
}

const ENTRY = `SELECT e.id, e.list_id AS listId, e.row, e.nik, e.name, e.address, e.phone,
  c.id AS cardId, c.lane AS cardNumberLane, c.seq AS cardSeq, c.date AS cardDate,
  ${RECORDED_NIK} AS recorded
  FROM prereg_entries e
  LEFT JOIN queue_cards c ON c.id = (SELECT c2.id FROM queue_cards c2
    WHERE c2.list_entry_id = e.id AND c2.status != 'cancelled' ORDER BY c2.issued_at DESC LIMIT 1)`;

export function listEntries(
  db: Database,
  listId: string | null,
  query: string | null,
  limit: number,
): EntryRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (listId) {
    where.push('e.list_id = ?');
    params.push(listId);
  }
  if (query) {
    if (/^\d+$/.test(query)) {
      where.push(`e.nik LIKE ? ESCAPE '\\'`);
      params.push(`${likeLiteral(query)}%`);
    } else {
      where.push(`e.name LIKE ? ESCAPE '\\'`);
      params.push(`%${likeLiteral(query)}%`);
    }
  }
  return db
    .prepare(
      `${ENTRY} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.list_id, e.row LIMIT ?`,
    )
    .all(...params, limit) as EntryRow[];
}

export function findEntry(db: Database, id: string): EntryRow | null {
  return (db.prepare(`${ENTRY} WHERE e.id = ?`).get(id) as EntryRow | undefined) ?? null;
}

export function insertList(
  db: Database,
  l: Pick<ListRowDb, 'id' | 'name' | 'fileName' | 'importedAt' | 'rejected'> & {
    importedBy: string;
  },
): void {
  db.prepare(
    `INSERT INTO prereg_lists (id, name, file_name, imported_at, imported_by, rejected)
     VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(l.id, l.name, l.fileName, l.importedAt, l.importedBy, l.rejected);
}

export function insertEntries(
  db: Database,
  listId: string,
  entries: readonly Pick<EntryRow, 'id' | 'row' | 'nik' | 'name' | 'address' | 'phone'>[],
): void {
  const ins = db.prepare(
    `INSERT INTO prereg_entries (id, list_id, row, nik, name, address, phone)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const e of entries) ins.run(e.id, listId, e.row, e.nik, e.name, e.address, e.phone);
}

// ---- Outreach --------------------------------------------------------------------------------

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
