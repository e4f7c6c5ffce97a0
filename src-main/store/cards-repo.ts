// Printed cards and the centre's print batches. Every read is bounded by an index on
// `cards` (state, village, batch, round) so a station with 200k recordings only walks the cards
// the question is about.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type {
  ArrivalDiscrepancy,
  CardAtOffice,
  CardRow,
  CardState,
  HandoverKind,
  PrintBatch,
  PrintBatchState,
  UndeliverableReason,
} from '../domain/cards';

interface CardDbRow extends Omit<CardRow, 'byProxy'> {
  byProxy: number;
}

const CARD_COLS = `c.recording_id AS recordingId, c.batch_no AS batchNo, c.state, c.state_at AS stateAt,
  c.arrived_at AS arrivedAt, c.village_code AS villageCode, c.round_id AS roundId,
  c.handed_over_at AS handedOverAt, c.handover_kind AS handoverKind, c.by_proxy AS byProxy,
  c.undeliverable_reason AS undeliverableReason, c.undeliverable_at AS undeliverableAt`;

const toCard = (r: CardDbRow): CardRow => ({ ...r, byProxy: r.byProxy === 1 });

interface BatchDbRow extends Omit<PrintBatch, 'discrepancy'> {
  discrepancyJson: string | null;
}

const BATCH_COLS = `batch_no AS batchNo, dispatched_at AS dispatchedAt, declared_count AS declaredCount,
  state, arrived_at AS arrivedAt, confirmed_by AS confirmedBy, received_count AS receivedCount,
  discrepancy_json AS discrepancyJson, verdict_json AS verdictJson`;

const toBatch = ({ discrepancyJson, ...b }: BatchDbRow): PrintBatch => ({
  ...b,
  discrepancy: discrepancyJson ? (JSON.parse(discrepancyJson) as ArrivalDiscrepancy) : null,
});

/** A card the centre reports: its recording and the village it goes back to. */
export interface CardRef {
  recordingId: string;
  villageCode: string;
}

/**
 * Records that the centre printed a card (no batch yet). A card already further along (in a
 * batch, at the office, handed over) is left as it is: statements can arrive in any order.
 */
export function upsertPrintedCard(db: Database, c: CardRef, at: string): boolean {
  return (
    db
      .prepare(
        `INSERT INTO cards (recording_id, state, state_at, village_code) VALUES (?, 'printed', ?, ?)
         ON CONFLICT (recording_id) DO NOTHING`,
      )
      .run(c.recordingId, at, c.villageCode).changes === 1
  );
}

/**
 * Stores a batch the centre dispatched (its signed statement verbatim) and puts its cards in it.
 * A batch seen before is not touched again (the statement is immutable at the centre); a card
 * only moves forward: printed (or new) → dispatched. Returns whether the batch was new.
 */
export function upsertBatch(
  db: Database,
  b: { batchNo: string; dispatchedAt: string; declaredCount: number; verdictJson: string },
  cards: readonly CardRef[],
  at: string,
): boolean {
  const inserted =
    db
      .prepare(
        `INSERT INTO print_batches (batch_no, dispatched_at, declared_count, state, verdict_json)
         VALUES (?, ?, ?, 'dispatched', ?) ON CONFLICT (batch_no) DO NOTHING`,
      )
      .run(b.batchNo, b.dispatchedAt, b.declaredCount, b.verdictJson).changes === 1;
  if (!inserted) return false;
  const put = db.prepare(
    `INSERT INTO cards (recording_id, batch_no, state, state_at, village_code)
     VALUES (?, ?, 'dispatched', ?, ?)
     ON CONFLICT (recording_id) DO UPDATE SET batch_no = excluded.batch_no,
       state = 'dispatched', state_at = excluded.state_at
     WHERE cards.state = 'printed'`,
  );
  for (const c of cards) put.run(c.recordingId, b.batchNo, at, c.villageCode);
  return true;
}

export function getCard(db: Database, recordingId: string): CardRow | null {
  const r = db
    .prepare(`SELECT ${CARD_COLS} FROM cards c WHERE c.recording_id = ?`)
    .get(recordingId);
  return r ? toCard(r as CardDbRow) : null;
}

/** Moves a card to `state` if it is in one of `from` (a guard against stale screens). */
export function setCardState(
  db: Database,
  recordingId: string,
  state: CardState,
  at: string,
  from: readonly CardState[],
): boolean {
  return (
    db
      .prepare(
        `UPDATE cards SET state = ?, state_at = ?
         WHERE recording_id = ? AND state IN (SELECT value FROM json_each(?))`,
      )
      .run(state, at, recordingId, JSON.stringify(from)).changes === 1
  );
}

export function getBatch(db: Database, batchNo: string): PrintBatch | null {
  const r = db.prepare(`SELECT ${BATCH_COLS} FROM print_batches WHERE batch_no = ?`).get(batchNo);
  return r ? toBatch(r as BatchDbRow) : null;
}

/** Batches in one state, newest dispatch first (a station sees a few per week). */
export function listBatches(db: Database, state: PrintBatchState, limit = 200): PrintBatch[] {
  return (
    db
      .prepare(
        `SELECT ${BATCH_COLS} FROM print_batches WHERE state = ?
         ORDER BY dispatched_at DESC, batch_no LIMIT ?`,
      )
      .all(state, limit) as BatchDbRow[]
  ).map(toBatch);
}

/** A batch's cards with the resident's name and NIK, for the arrival check (by `cards_batch`). */
export interface BatchCard {
  recordingId: string;
  nik: string;
  name: string;
  villageCode: string;
  state: CardState;
}

export function batchCards(db: Database, batchNo: string): BatchCard[] {
  return db
    .prepare(
      `SELECT c.recording_id AS recordingId, r.nik, r.name, c.village_code AS villageCode, c.state
       FROM cards c JOIN recordings r ON r.id = c.recording_id
       WHERE c.batch_no = ? ORDER BY r.name, r.nik`,
    )
    .all(batchNo) as BatchCard[];
}

/**
 * The supervisor counted the box: the batch is arrived, its dispatched cards are at the office
 * from `at`, except those found missing. Returns false when the batch was already confirmed.
 */
export function confirmBatchArrival(
  db: Database,
  a: {
    batchNo: string;
    at: string;
    confirmedBy: string;
    receivedCount: number;
    discrepancy: ArrivalDiscrepancy | null;
  },
): boolean {
  const done = db
    .prepare(
      `UPDATE print_batches SET state = 'arrived', arrived_at = ?, confirmed_by = ?,
         received_count = ?, discrepancy_json = ?
       WHERE batch_no = ? AND state = 'dispatched'`,
    )
    .run(
      a.at,
      a.confirmedBy,
      a.receivedCount,
      a.discrepancy ? JSON.stringify(a.discrepancy) : null,
      a.batchNo,
    );
  if (done.changes !== 1) return false;
  const missing = JSON.stringify(a.discrepancy?.missing ?? []);
  db.prepare(
    `UPDATE cards SET state = 'missing', state_at = ?
     WHERE batch_no = ? AND state = 'dispatched'
       AND recording_id IN (SELECT value FROM json_each(?))`,
  ).run(a.at, a.batchNo, missing);
  db.prepare(
    `UPDATE cards SET state = 'at_office', state_at = ?, arrived_at = ?
     WHERE batch_no = ? AND state = 'dispatched'`,
  ).run(a.at, a.at, a.batchNo);
  return true;
}

const AT_OFFICE_SELECT = `SELECT c.recording_id AS recordingId, r.nik, r.name,
    c.village_code AS villageCode,
    COALESCE(json_extract(r.resident_json, '$.address'), '') AS address,
    COALESCE(json_extract(r.resident_json, '$.rt'), '') AS rt,
    COALESCE(json_extract(r.resident_json, '$.rw'), '') AS rw,
    c.arrived_at AS arrivedAt, c.batch_no AS batchNo
  FROM cards c JOIN recordings r ON r.id = c.recording_id`;

/**
 * Cards waiting at the office. With a village: that village's (by `cards_village_state`), in
 * name order for the printed list. With a search: a 16-digit NIK goes by `recordings_nik`,
 * anything else matches the name's start or a word of it among the cards at the office.
 */
export function listAtOffice(
  db: Database,
  q: { villageCode?: string; search?: string; limit: number },
): CardAtOffice[] {
  const search = q.search?.trim() ?? '';
  if (/^\d{16}$/.test(search)) {
    return db
      .prepare(`${AT_OFFICE_SELECT} WHERE r.nik = ? AND c.state = 'at_office' LIMIT ?`)
      .all(search, q.limit) as CardAtOffice[];
  }
  const where = ["c.state = 'at_office'"];
  const params: (string | number)[] = [];
  if (q.villageCode) {
    where.push('c.village_code = ?');
    params.push(q.villageCode);
  }
  if (search) {
    where.push("(r.name LIKE ? ESCAPE '\\' OR r.name LIKE ? ESCAPE '\\')");
    const esc = search.toUpperCase().replace(/[\\%_]/g, (m) => `\\${m}`);
    params.push(`${esc}%`, `% ${esc}%`);
  }
  return db
    .prepare(`${AT_OFFICE_SELECT} WHERE ${where.join(' AND ')} ORDER BY r.name, r.nik LIMIT ?`)
    .all(...params, q.limit) as CardAtOffice[];
}

/** Villages with cards waiting and how many, for the village-list picker. */
export function villagesWithCards(db: Database): { villageCode: string; n: number }[] {
  return db
    .prepare(
      `SELECT village_code AS villageCode, COUNT(*) AS n FROM cards
       WHERE state = 'at_office' GROUP BY village_code ORDER BY village_code`,
    )
    .all() as { villageCode: string; n: number }[];
}

/**
 * The card reached the resident (or a family member). Only a card at the office (counter) or
 * out on a round (round) can be handed over; returns false otherwise, so a second handover of
 * the same card is refused by the store itself.
 */
export function markHandedOver(
  db: Database,
  h: { recordingId: string; at: string; kind: HandoverKind; byProxy: boolean },
): boolean {
  const from = h.kind === 'round' ? 'on_round' : 'at_office';
  return (
    db
      .prepare(
        `UPDATE cards SET state = 'handed_over', state_at = ?, handed_over_at = ?,
           handover_kind = ?, by_proxy = ?
         WHERE recording_id = ? AND state = ?`,
      )
      .run(h.at, h.at, h.kind, h.byProxy ? 1 : 0, h.recordingId, from).changes === 1
  );
}

/** Cards leave with a round: at the office → on_round, tagged with the round. */
export function sendCardsOnRound(
  db: Database,
  roundId: string,
  recordingIds: readonly string[],
  at: string,
): number {
  return db
    .prepare(
      `UPDATE cards SET state = 'on_round', state_at = ?, round_id = ?
       WHERE state = 'at_office' AND recording_id IN (SELECT value FROM json_each(?))`,
    )
    .run(at, roundId, JSON.stringify(recordingIds)).changes;
}

/**
 * A card the round could not deliver goes back to the counter's stock with the reason (kept so
 * the counter sees why it is back). Its arrival date stays: the wait is counted from arrival.
 */
export function returnCardFromRound(
  db: Database,
  r: { recordingId: string; at: string; reason: UndeliverableReason | null },
): boolean {
  return (
    db
      .prepare(
        `UPDATE cards SET state = 'at_office', state_at = ?, round_id = NULL,
           undeliverable_reason = COALESCE(?, undeliverable_reason),
           undeliverable_at = CASE WHEN ? IS NULL THEN undeliverable_at ELSE ? END
         WHERE recording_id = ? AND state = 'on_round'`,
      )
      .run(r.at, r.reason, r.reason, r.at, r.recordingId).changes === 1
  );
}

/**
 * The recording a packet of this station carries and its village (from the resident's data), so
 * a statement naming a packet is only acted on for a packet this station sealed.
 */
export function cardRefForPacket(
  db: Database,
  packetId: string,
): (CardRef & { packetRecordingId: string }) | null {
  const r = db
    .prepare(
      `SELECT o.recording_id AS recordingId, o.recording_id AS packetRecordingId,
         COALESCE(json_extract(r.resident_json, '$.villageCode'), '') AS villageCode
       FROM outbox o JOIN recordings r ON r.id = o.recording_id WHERE o.packet_id = ?`,
    )
    .get(packetId) as (CardRef & { packetRecordingId: string }) | undefined;
  return r ?? null;
}
