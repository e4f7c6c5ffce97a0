import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { tempDir } from '../../test/helpers/station';
import { addResident, residents, stockStore, STOCK_AT } from '../../test/helpers/card-stock';
import {
  batchCards,
  confirmBatchArrival,
  getBatch,
  getCard,
  listAtOffice,
  listBatches,
  markHandedOver,
  returnCardFromRound,
  sendCardsOnRound,
  setCardState,
  upsertBatch,
  upsertPrintedCard,
  villagesWithCards,
} from './cards-repo';

let db: Database;
let cleanup: () => void;
beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  db = stockStore(t.dir);
  for (const r of residents(4)) addResident(db, r);
});
afterEach(() => {
  db.close();
  cleanup();
});

const LATER = '2025-06-12T03:00:00.000Z';
const refs = (ids: string[]) =>
  ids.map((id) => ({ recordingId: id, villageCode: id === 'R2' ? 'V2' : 'V1' }));
const batch = { batchNo: 'B-001', dispatchedAt: STOCK_AT, declaredCount: 3, verdictJson: '{}' };

describe('cards repo', () => {
  it('a batch moves printed and new cards to dispatched once; a repeated statement changes nothing', () => {
    expect(upsertPrintedCard(db, refs(['R1'])[0]!, STOCK_AT)).toBe(true);
    expect(upsertPrintedCard(db, refs(['R1'])[0]!, STOCK_AT)).toBe(false);
    expect(getCard(db, 'R1')?.state).toBe('printed');
    expect(upsertBatch(db, batch, refs(['R1', 'R2', 'R3']), STOCK_AT)).toBe(true);
    expect(upsertBatch(db, batch, refs(['R4']), STOCK_AT)).toBe(false);
    expect(getCard(db, 'R4')).toBeNull();
    expect(batchCards(db, 'B-001').map((c) => [c.recordingId, c.state])).toEqual([
      ['R1', 'dispatched'],
      ['R2', 'dispatched'],
      ['R3', 'dispatched'],
    ]);
    expect(listBatches(db, 'dispatched').map((b) => b.batchNo)).toEqual(['B-001']);
  });

  it('arrival puts the counted cards at the office and the missing ones aside, once', () => {
    upsertBatch(db, batch, refs(['R1', 'R2', 'R3']), STOCK_AT);
    const discrepancy = { missing: ['R3'], extra: 0 };
    const a = { batchNo: 'B-001', at: LATER, confirmedBy: 'sari', receivedCount: 2, discrepancy };
    expect(confirmBatchArrival(db, a)).toBe(true);
    expect(confirmBatchArrival(db, a)).toBe(false);
    expect(getBatch(db, 'B-001')).toMatchObject({
      state: 'arrived',
      receivedCount: 2,
      confirmedBy: 'sari',
      discrepancy,
    });
    expect(getCard(db, 'R1')).toMatchObject({ state: 'at_office', arrivedAt: LATER });
    expect(getCard(db, 'R3')).toMatchObject({ state: 'missing', arrivedAt: null });
    expect(villagesWithCards(db)).toEqual([
      { villageCode: 'V1', n: 1 },
      { villageCode: 'V2', n: 1 },
    ]);
  });

  it('lists the stock by village, by NIK and by a word of the name', () => {
    upsertBatch(db, { ...batch, declaredCount: 4 }, refs(['R1', 'R2', 'R3', 'R4']), STOCK_AT);
    confirmBatchArrival(db, {
      batchNo: 'B-001',
      at: LATER,
      confirmedBy: 'sari',
      receivedCount: 4,
      discrepancy: null,
    });
    expect(listAtOffice(db, { villageCode: 'V2', limit: 10 }).map((c) => c.recordingId)).toEqual([
      'R2',
    ]);
    const [r3] = residents(4).slice(2);
    expect(listAtOffice(db, { search: r3!.nik, limit: 10 })).toEqual([
      expect.objectContaining({ recordingId: 'R3', rt: '001', rw: '002', batchNo: 'B-001' }),
    ]);
    expect(listAtOffice(db, { search: 'c', limit: 10 }).map((c) => c.recordingId)).toEqual(['R3']);
    expect(listAtOffice(db, { search: '%', limit: 10 })).toEqual([]);
  });

  it('hands a card over once, from the counter or from a round; undeliverable returns it to stock', () => {
    upsertBatch(db, batch, refs(['R1', 'R2', 'R3']), STOCK_AT);
    confirmBatchArrival(db, {
      batchNo: 'B-001',
      at: LATER,
      confirmedBy: 'sari',
      receivedCount: 3,
      discrepancy: null,
    });
    const h = { recordingId: 'R1', at: LATER, kind: 'counter' as const, byProxy: true };
    expect(markHandedOver(db, h)).toBe(true);
    expect(markHandedOver(db, h)).toBe(false);
    expect(getCard(db, 'R1')).toMatchObject({
      state: 'handed_over',
      handoverKind: 'counter',
      byProxy: true,
    });
    expect(sendCardsOnRound(db, 'RD1', ['R1', 'R2', 'R3'], LATER)).toBe(2);
    expect(markHandedOver(db, { ...h, recordingId: 'R2', kind: 'counter' })).toBe(false);
    expect(markHandedOver(db, { ...h, recordingId: 'R2', kind: 'round', byProxy: false })).toBe(
      true,
    );
    expect(returnCardFromRound(db, { recordingId: 'R3', at: LATER, reason: 'moved' })).toBe(true);
    expect(getCard(db, 'R3')).toMatchObject({
      state: 'at_office',
      roundId: null,
      undeliverableReason: 'moved',
      arrivedAt: LATER,
    });
    expect(setCardState(db, 'R3', 'missing', LATER, ['dispatched'])).toBe(false);
    expect(setCardState(db, 'R3', 'missing', LATER, ['at_office'])).toBe(true);
  });
});
