import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CardStatus, PriorityReason } from '../domain/records';
import { likeLiteral } from './sql-like';

/**
 * Queue cards and the calls made for them (migration 0008). Pre-registration lists are in
 * queue-lists-repo.ts, outreach sessions in outreach-repo.ts.
 */

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
   * or on the hub as the desk holding the recording reported it.
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

/** Numbers from here up belong to office desks' own ranges (walk-ins while the hub is down). */
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
