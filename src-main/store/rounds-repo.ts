// Delivery rounds: a round's cards in walking order and their outcomes. Every
// read is bounded: a round's items by its key, the open rounds by a partial index, the
// candidates by the cards at the office (`cards_state_arrived` / `cards_village_state`), never
// the recordings' history. On a desk paired to an office hub the queue cards live on the hub:
// the lane, priority reason and phone then come from the desk's office card link.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { UndeliverableReason } from '../domain/cards';
import type { RoundCandidate, RoundItem, RoundOutcome, RoundSummary } from '../domain/rounds';

/** What the sheet and the field list show of a resident; `c` is the card, `r` its recording. */
const RESIDENT_COLS = `r.nik, r.name, c.village_code AS villageCode,
  COALESCE(json_extract(r.resident_json, '$.address'), '') AS address,
  COALESCE(json_extract(r.resident_json, '$.rt'), '') AS rt,
  COALESCE(json_extract(r.resident_json, '$.rw'), '') AS rw,
  COALESCE((SELECT q.phone FROM queue_cards q WHERE q.recording_id = c.recording_id
     AND q.phone IS NOT NULL AND q.phone <> '' ORDER BY q.issued_at DESC LIMIT 1),
    (SELECT NULLIF(l.phone, '') FROM office_card_links l
     WHERE l.recording_id = c.recording_id AND l.station_id IS NULL)) AS phone`;

const SUMMARY_SELECT = `SELECT o.id, o.label, o.village_code AS villageCode, o.state,
    o.created_at AS createdAt, u.username AS createdBy, o.sent_at AS sentAt,
    o.closed_at AS closedAt,
    (SELECT COUNT(*) FROM round_items i WHERE i.round_id = o.id) AS total,
    (SELECT COUNT(*) FROM round_items i WHERE i.round_id = o.id AND i.outcome = 'pending') AS pending,
    (SELECT COUNT(*) FROM round_items i WHERE i.round_id = o.id AND i.outcome = 'delivered') AS delivered,
    (SELECT COUNT(*) FROM round_items i WHERE i.round_id = o.id AND i.outcome = 'undeliverable')
      AS undeliverable
  FROM rounds o JOIN users u ON u.id = o.created_by`;

export interface NewRound {
  id: string;
  label: string;
  villageCode: string | null;
  createdBy: string;
  createdAt: string;
}

/** A planned round with its cards at positions 1…n in the given order. */
export function insertRound(db: Database, r: NewRound, recordingIds: readonly string[]): void {
  db.prepare(
    `INSERT INTO rounds (id, label, village_code, state, created_by, created_at)
     VALUES (?, ?, ?, 'planned', ?, ?)`,
  ).run(r.id, r.label, r.villageCode, r.createdBy, r.createdAt);
  const put = db.prepare(
    `INSERT INTO round_items (round_id, recording_id, position) VALUES (?, ?, ?)`,
  );
  recordingIds.forEach((id, i) => put.run(r.id, id, i + 1));
}

export function getRound(db: Database, id: string): RoundSummary | null {
  const r = db.prepare(`${SUMMARY_SELECT} WHERE o.id = ?`).get(id);
  return (r as RoundSummary | undefined) ?? null;
}

/** Rounds not yet closed (by `rounds_open`), then the latest closed ones. */
export function listRounds(db: Database, closedLimit: number): RoundSummary[] {
  const open = db
    .prepare(`${SUMMARY_SELECT} WHERE o.state <> 'closed' ORDER BY o.created_at DESC`)
    .all() as RoundSummary[];
  const closed = db
    .prepare(
      `${SUMMARY_SELECT} WHERE o.id IN (SELECT id FROM rounds WHERE state = 'closed'
         ORDER BY created_at DESC LIMIT ?) ORDER BY o.created_at DESC`,
    )
    .all(closedLimit) as RoundSummary[];
  return [...open, ...closed];
}

/** A round's cards in walking order. */
export function roundItems(db: Database, roundId: string): RoundItem[] {
  return db
    .prepare(
      `SELECT i.recording_id AS recordingId, i.position, i.outcome, i.reason,
         i.outcome_at AS outcomeAt, ${RESIDENT_COLS}
       FROM round_items i JOIN cards c ON c.recording_id = i.recording_id
         JOIN recordings r ON r.id = i.recording_id
       WHERE i.round_id = ? ORDER BY i.position`,
    )
    .all(roundId) as RoundItem[];
}

/** Which of these cards are already on a round that is not closed (by `round_items_open`). */
export function cardsOnOpenRounds(db: Database, recordingIds: readonly string[]): string[] {
  return (
    db
      .prepare(
        `SELECT recording_id AS id FROM round_items
         WHERE outcome = 'pending' AND recording_id IN (SELECT value FROM json_each(?))`,
      )
      .all(JSON.stringify(recordingIds)) as { id: string }[]
  ).map((r) => r.id);
}

/** New walking order of a planned round: `order[k]` goes to position k + 1. */
export function setRoundOrder(db: Database, roundId: string, order: readonly string[]): void {
  const put = db.prepare(
    `UPDATE round_items SET position = ? WHERE round_id = ? AND recording_id = ?`,
  );
  order.forEach((id, i) => put.run(i + 1, roundId, id));
}

/** Takes a card off a planned round (nothing has left yet); positions close up. */
export function removeRoundItem(db: Database, roundId: string, recordingId: string): boolean {
  const gone = db
    .prepare(
      `DELETE FROM round_items WHERE round_id = ? AND recording_id = ?
         AND (SELECT state FROM rounds WHERE id = ?) = 'planned'`,
    )
    .run(roundId, recordingId, roundId).changes;
  if (gone !== 1) return false;
  const ids = (
    db
      .prepare(`SELECT recording_id AS id FROM round_items WHERE round_id = ? ORDER BY position`)
      .all(roundId) as { id: string }[]
  ).map((r) => r.id);
  setRoundOrder(db, roundId, ids);
  return true;
}

/** planned → out; false when the round was not planned any more. */
export function markRoundOut(db: Database, id: string, at: string, by: string): boolean {
  return (
    db
      .prepare(
        `UPDATE rounds SET state = 'out', sent_at = ?, sent_by = ? WHERE id = ? AND state = 'planned'`,
      )
      .run(at, by, id).changes === 1
  );
}

/** The pending cards of a round (those that are still to be visited or returned). */
export function pendingRoundCards(db: Database, roundId: string): string[] {
  return (
    db
      .prepare(
        `SELECT recording_id AS id FROM round_items WHERE round_id = ? AND outcome = 'pending'
         ORDER BY position`,
      )
      .all(roundId) as { id: string }[]
  ).map((r) => r.id);
}

/** Records what became of a pending card on a round; false when it was not pending. */
export function setItemOutcome(
  db: Database,
  o: {
    roundId: string;
    recordingId: string;
    outcome: Exclude<RoundOutcome, 'pending'>;
    reason: UndeliverableReason | null;
    at: string;
    by: string | null;
  },
): boolean {
  return (
    db
      .prepare(
        `UPDATE round_items SET outcome = ?, reason = ?, outcome_at = ?, outcome_by = ?
         WHERE round_id = ? AND recording_id = ? AND outcome = 'pending'`,
      )
      .run(o.outcome, o.reason, o.at, o.by, o.roundId, o.recordingId).changes === 1
  );
}

/**
 * The handover flow handed a card over on its round: the pending item of the round the card
 * is out with (`cards.round_id`) becomes delivered. False when the card was on no open round.
 */
export function markRoundItemDelivered(
  db: Database,
  recordingId: string,
  at: string,
  by: string | null,
): boolean {
  return (
    db
      .prepare(
        `UPDATE round_items SET outcome = 'delivered', outcome_at = ?, outcome_by = ?
         WHERE recording_id = ? AND outcome = 'pending'
           AND round_id = (SELECT round_id FROM cards WHERE recording_id = ?)`,
      )
      .run(at, by, recordingId, recordingId).changes === 1
  );
}

/** Closes a round: its still-pending cards are marked returned. False when already closed. */
export function closeRoundRow(db: Database, id: string, at: string, by: string): boolean {
  const done = db
    .prepare(
      `UPDATE rounds SET state = 'closed', closed_at = ?, closed_by = ?
       WHERE id = ? AND state <> 'closed'`,
    )
    .run(at, by, id).changes;
  if (done !== 1) return false;
  db.prepare(
    `UPDATE round_items SET outcome = 'returned', outcome_at = ?, outcome_by = ?
     WHERE round_id = ? AND outcome = 'pending'`,
  ).run(at, by, id);
  return true;
}

type CandidateRow = Omit<RoundCandidate, 'reasons' | 'daysWaiting'>;

/**
 * Cards at the office not on an open round, with the queue's priority reason (elderly,
 * disabled) when the resident came through the priority lane. Only suggested ones (priority, or
 * arrived on or before `arrivedBefore`) unless `all`. Priority first, then the longest waiting.
 */
export function roundCandidates(
  db: Database,
  q: { villageCode: string | null; arrivedBefore: string; all: boolean; limit: number },
): CandidateRow[] {
  const where = q.all ? '' : 'WHERE x.priorityReason IS NOT NULL OR x.arrivedAt <= ?';
  const params: (string | number)[] = [];
  if (q.villageCode) params.push(q.villageCode);
  if (!q.all) params.push(q.arrivedBefore);
  return db
    .prepare(
      `SELECT * FROM (
         SELECT c.recording_id AS recordingId, ${RESIDENT_COLS}, c.arrived_at AS arrivedAt,
           COALESCE((SELECT q.priority_reason FROM queue_cards q
              WHERE q.recording_id = c.recording_id
              AND q.lane = 'priority' AND q.priority_reason IN ('elderly', 'disabled')
              ORDER BY q.issued_at DESC LIMIT 1),
             (SELECT l.priority_reason FROM office_card_links l
              WHERE l.recording_id = c.recording_id AND l.station_id IS NULL
              AND l.lane = 'priority' AND l.priority_reason IN ('elderly', 'disabled')))
             AS priorityReason
         FROM cards c JOIN recordings r ON r.id = c.recording_id
         WHERE c.state = 'at_office' ${q.villageCode ? 'AND c.village_code = ?' : ''}
           AND NOT EXISTS (SELECT 1 FROM round_items i
                           WHERE i.recording_id = c.recording_id AND i.outcome = 'pending')
       ) x ${where}
       ORDER BY x.priorityReason IS NULL, x.arrivedAt, x.name LIMIT ?`,
    )
    .all(...params, q.limit) as CandidateRow[];
}

/** Residents' names of a few recordings (for a message naming the cards a request trips on). */
export function recordingNames(db: Database, recordingIds: readonly string[]): string[] {
  return (
    db
      .prepare(
        `SELECT name FROM recordings WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name`,
      )
      .all(JSON.stringify(recordingIds)) as { name: string }[]
  ).map((r) => r.name);
}

/**
 * A card handed over at the counter while on a round still being planned leaves that plan
 * (positions keep their order; numbering on the sheet follows the order, not the number).
 */
export function dropFromPlannedRounds(db: Database, recordingId: string): number {
  return db
    .prepare(
      `DELETE FROM round_items WHERE recording_id = ? AND outcome = 'pending'
         AND round_id IN (SELECT id FROM rounds WHERE state = 'planned')`,
    )
    .run(recordingId).changes;
}
