import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { tempDir } from '../../test/helpers/station';
import { addResident, residents, stockStore, STOCK_AT } from '../../test/helpers/card-stock';
import { confirmBatchArrival, sendCardsOnRound, upsertBatch } from './cards-repo';
import { openDatabase } from './db';
import { linkOfficeCard, setOfficeCardDetails } from './office-repo';
import { migrations } from './migrations/index';
import { migration0021 } from './migrations/0021-delivery-rounds';
import {
  cardsOnOpenRounds,
  closeRoundRow,
  getRound,
  insertRound,
  listRounds,
  markRoundItemDelivered,
  markRoundOut,
  removeRoundItem,
  roundCandidates,
  roundItems,
  setItemOutcome,
  setRoundOrder,
} from './rounds-repo';

let dir: string;
let db: Database;
let cleanup: () => void;
beforeEach(() => {
  const t = tempDir();
  ({ dir, cleanup } = t);
  db = stockStore(dir);
  for (const r of residents(4)) addResident(db, r);
  upsertBatch(
    db,
    { batchNo: 'B1', dispatchedAt: STOCK_AT, declaredCount: 4, verdictJson: '{}' },
    residents(4).map((r) => ({ recordingId: r.id, villageCode: r.villageCode })),
    STOCK_AT,
  );
  confirmBatchArrival(db, {
    batchNo: 'B1',
    at: STOCK_AT,
    confirmedBy: 'sari',
    receivedCount: 4,
    discrepancy: null,
  });
});
afterEach(() => {
  if (db.open) db.close();
  cleanup();
});

const LATER = '2025-06-20T03:00:00.000Z';
const round = (id: string) => ({
  id,
  label: 'Desa Satu',
  villageCode: '32.01.01.2001',
  createdBy: 'U1',
  createdAt: LATER,
});

function priorityCard(recordingId: string, reason: 'elderly' | 'disabled' | 'pregnant') {
  db.prepare(
    `INSERT INTO queue_cards (id, date, lane, seq, priority_reason, nik, name, phone, status,
       call_order, issued_at, issued_by, recording_id)
     VALUES (?, '2025-06-01', 'priority', ?, ?, NULL, 'X', '0812-3456-7890', 'served', 1, ?, 'U1', ?)`,
  ).run(`Q${recordingId}`, Number(recordingId.slice(1)), reason, STOCK_AT, recordingId);
}

describe('migration 0021 (delivery rounds)', () => {
  it('adds the round tables to a store at the previous version', () => {
    const key = randomBytes(32);
    const sub = `${dir}/old`;
    const old = openDatabase({
      dataDir: sub,
      key,
      migrations: migrations.filter((m) => m.version < migration0021.version),
    });
    old
      .prepare(
        `INSERT INTO users (id, username, full_name, role, password_hash, created_at)
         VALUES ('U1', 'sari', 'Sari', 'supervisor', 'x', ?)`,
      )
      .run(STOCK_AT);
    old.close();
    const db2 = openDatabase({ dataDir: sub, key });
    insertRound(db2, { ...round('P1'), villageCode: null }, []);
    expect(getRound(db2, 'P1')).toMatchObject({ state: 'planned', total: 0, createdBy: 'sari' });
    db2.close();
  });

  it('answers every round read through an index (no scan of cards, recordings or the queue)', () => {
    insertRound(db, round('P1'), ['R1', 'R3']);
    const plans = [
      `SELECT * FROM round_items WHERE recording_id = 'R1' AND outcome = 'pending'`,
      `SELECT * FROM rounds WHERE state <> 'closed' ORDER BY created_at DESC`,
      `SELECT * FROM round_items WHERE round_id = 'P1' ORDER BY position`,
    ].flatMap((sql) =>
      (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail),
    );
    expect(plans.filter((d) => /^SCAN (round_items|rounds)\b(?! USING)/.test(d))).toEqual([]);
    const cand = db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT c.recording_id FROM cards c JOIN recordings r ON r.id = c.recording_id
         LEFT JOIN queue_cards q ON q.recording_id = c.recording_id
         WHERE c.state = 'at_office' AND c.village_code = ?`,
      )
      .all('V') as { detail: string }[];
    expect(cand.map((r) => r.detail).filter((d) => /^SCAN (c|r|q|recordings)\b/.test(d))).toEqual(
      [],
    );
  });
});

describe('rounds repo', () => {
  it('suggests priority-lane (elderly, disabled) and long-waiting cards, not pregnant-only or fresh ones', () => {
    priorityCard('R1', 'elderly');
    priorityCard('R3', 'pregnant');
    const early = '2025-06-05T00:00:00.000Z';
    const all = roundCandidates(db, {
      villageCode: null,
      arrivedBefore: early,
      all: false,
      limit: 50,
    });
    expect(all.map((c) => [c.recordingId, c.priorityReason, c.phone])).toEqual([
      ['R1', 'elderly', '0812-3456-7890'],
    ]);
    const waited = roundCandidates(db, {
      villageCode: '32.01.01.2001',
      arrivedBefore: LATER,
      all: false,
      limit: 50,
    });
    expect(waited.map((c) => c.recordingId)).toEqual(['R1', 'R3']);
    expect(waited[1]).toMatchObject({ address: 'JL. MAWAR NO. 1', rt: '001', rw: '002' });
  });

  it('on a desk paired to a hub, takes the lane, priority reason and phone from the card link', () => {
    // The queue cards are on the hub; the desk kept its card's details with the link.
    linkOfficeCard(db, { recordingId: 'R2', cardId: 'HUB-1', stationId: null, at: STOCK_AT });
    setOfficeCardDetails(db, {
      recordingId: 'R2',
      lane: 'priority',
      priorityReason: 'disabled',
      phone: '0813-1111-2222',
    });
    linkOfficeCard(db, { recordingId: 'R4', cardId: 'HUB-2', stationId: null, at: STOCK_AT });
    setOfficeCardDetails(db, {
      recordingId: 'R4',
      lane: 'priority',
      priorityReason: 'pregnant',
      phone: '',
    });
    const all = roundCandidates(db, {
      villageCode: null,
      arrivedBefore: '2025-06-05T00:00:00.000Z',
      all: false,
      limit: 50,
    });
    expect(all.map((c) => [c.recordingId, c.priorityReason, c.phone])).toEqual([
      ['R2', 'disabled', '0813-1111-2222'],
    ]);
    const listed = roundCandidates(db, {
      villageCode: null,
      arrivedBefore: LATER,
      all: true,
      limit: 50,
    });
    expect(listed.find((c) => c.recordingId === 'R4')).toMatchObject({
      priorityReason: null,
      phone: null,
    });
  });

  it('keeps a card on one open round at a time; the candidates leave out cards on rounds', () => {
    insertRound(db, round('P1'), ['R1', 'R3']);
    expect(() => insertRound(db, round('P2'), ['R3'])).toThrow(/UNIQUE/);
    expect(cardsOnOpenRounds(db, ['R1', 'R2', 'R3']).sort()).toEqual(['R1', 'R3']);
    const left = roundCandidates(db, {
      villageCode: null,
      arrivedBefore: LATER,
      all: true,
      limit: 50,
    });
    expect(left.map((c) => c.recordingId).sort()).toEqual(['R2', 'R4']);
  });

  it('reorders, removes from a planned round, sends out, records outcomes and closes', () => {
    insertRound(db, round('P1'), ['R1', 'R3', 'R2']);
    setRoundOrder(db, 'P1', ['R2', 'R1', 'R3']);
    expect(roundItems(db, 'P1').map((i) => [i.recordingId, i.position])).toEqual([
      ['R2', 1],
      ['R1', 2],
      ['R3', 3],
    ]);
    expect(removeRoundItem(db, 'P1', 'R1')).toBe(true);
    expect(roundItems(db, 'P1').map((i) => [i.recordingId, i.position])).toEqual([
      ['R2', 1],
      ['R3', 2],
    ]);
    insertRound(db, round('P3'), ['R1', 'R4']);
    expect(markRoundOut(db, 'P1', LATER, 'U1')).toBe(true);
    expect(markRoundOut(db, 'P1', LATER, 'U1')).toBe(false);
    expect(removeRoundItem(db, 'P1', 'R2')).toBe(false);
    sendCardsOnRound(db, 'P1', ['R2', 'R3'], LATER);
    expect(markRoundItemDelivered(db, 'R2', LATER, 'U1')).toBe(true);
    expect(markRoundItemDelivered(db, 'R2', LATER, 'U1')).toBe(false);
    const o = { roundId: 'P1', recordingId: 'R3', reason: 'moved' as const, at: LATER, by: 'U1' };
    expect(setItemOutcome(db, { ...o, outcome: 'undeliverable' })).toBe(true);
    expect(setItemOutcome(db, { ...o, outcome: 'undeliverable' })).toBe(false);
    expect(getRound(db, 'P1')).toMatchObject({
      state: 'out',
      total: 2,
      pending: 0,
      delivered: 1,
      undeliverable: 1,
    });
    expect(closeRoundRow(db, 'P3', LATER, 'U1')).toBe(true);
    expect(closeRoundRow(db, 'P3', LATER, 'U1')).toBe(false);
    expect(roundItems(db, 'P3').map((i) => i.outcome)).toEqual(['returned', 'returned']);
    expect(listRounds(db, 10).map((r) => [r.id, r.state])).toEqual([
      ['P1', 'out'],
      ['P3', 'closed'],
    ]);
  });
});
