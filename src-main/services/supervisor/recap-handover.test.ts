// The recap's handover figures: the day's handovers in the station's local day, and
// the office's stock by age with the bounds at 7 and 30 days, in a zone where a local day is
// not a UTC day (Asia/Jakarta, UTC+7).
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addResident, residents, stockStore } from '../../../test/helpers/card-stock';
import { tempDir } from '../../../test/helpers/station';
import { daysWaiting } from '../../domain/cards';
import { confirmBatchArrival, setCardState, upsertBatch } from '../../store/cards-repo';
import { insertHandover } from '../../store/handover-repo';
import { computeRecap } from './recap';

const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = 'Asia/Jakarta';
});
afterAll(() => {
  process.env.TZ = zone;
});

let db: Database;
let cleanup: () => void;
beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  db = stockStore(t.dir);
  for (const r of residents(12)) addResident(db, r);
});
afterEach(() => {
  db.close();
  cleanup();
});

/** Local wall-clock time in Jakarta. */
const local = (d: number, h = 0, mi = 0, mo = 6) => new Date(2025, mo - 1, d, h, mi);
const NOW = local(30, 9);

/** Card `id` arrived at the office at `at` (a batch of its own). */
function arrived(id: string, at: Date): void {
  const batchNo = `B-${id}`;
  const batch = { batchNo, dispatchedAt: at.toISOString(), declaredCount: 1, verdictJson: '{}' };
  upsertBatch(db, batch, [{ recordingId: id, villageCode: '32.01.01.2001' }], at.toISOString());
  const a = { batchNo, at: at.toISOString(), confirmedBy: 'sari', receivedCount: 1 };
  confirmBatchArrival(db, { ...a, discrepancy: null });
}

function handedOver(id: string, at: Date, kind: 'counter' | 'round', byProxy: boolean): void {
  insertHandover(db, {
    id: `H-${id}`,
    recordingId: id,
    kind,
    roundId: kind === 'round' ? 'RD1' : null,
    verification: 'visual',
    finger: null,
    score: null,
    visualReason: 'jari aus',
    byProxy,
    proxyName: byProxy ? 'SITI' : null,
    proxyNik: byProxy ? '3201014101900001' : null,
    proxyRelation: byProxy ? 'istri' : null,
    signaturePng: null,
    handedOverAt: at.toISOString(),
    operatorId: 'U1',
    recordJson: '{}',
    recordSignature: 'x',
  });
}

const recap = (date: string) =>
  computeRecap(db, {
    date,
    now: NOW,
    regionName: () => '',
    freeze: { frozen: false, checks: [], message: null, checkedAt: NOW.toISOString() },
  }).handover;

describe('recap handover figures', () => {
  it('counts handovers of the local day only, with rounds and proxies', () => {
    expect(local(30, 0, 0).toISOString()).toBe('2025-06-29T17:00:00.000Z');
    handedOver('R1', local(29, 23, 59), 'counter', false); // yesterday, local
    handedOver('R2', local(30, 0, 0), 'counter', true); // 17:00 UTC the day before
    handedOver('R3', local(30, 8, 15), 'round', false);
    handedOver('R4', local(30, 23, 59), 'round', true);
    handedOver('R5', local(1, 0, 0, 7), 'counter', false); // tomorrow
    const today = recap('2025-06-30');
    expect([today.handedOver, today.onRounds, today.byProxy]).toEqual([3, 2, 2]);
    const before = recap('2025-06-29');
    expect([before.handedOver, before.onRounds, before.byProxy]).toEqual([1, 0, 0]);
  });

  it('ages the cards at the office at 7 and 30 local days, counting no other card', () => {
    const ages: [string, Date, number][] = [
      ['R1', local(30, 8), 0],
      ['R2', local(24, 0, 0), 6],
      ['R3', local(23, 23, 59), 7],
      ['R4', local(31, 0, 0, 5), 30],
      ['R5', local(30, 23, 59, 5), 31],
      ['R6', local(1, 10, 0, 3), 121],
    ];
    for (const [id, at, days] of ages) {
      arrived(id, at);
      expect(daysWaiting(at.toISOString(), NOW)).toBe(days);
    }
    // Out of the office: on a round, handed over, missing. Still dispatched: not arrived.
    for (const id of ['R7', 'R8', 'R9']) arrived(id, local(20));
    setCardState(db, 'R7', 'on_round', NOW.toISOString(), ['at_office']);
    setCardState(db, 'R8', 'handed_over', NOW.toISOString(), ['at_office']);
    setCardState(db, 'R9', 'missing', NOW.toISOString(), ['at_office']);
    const batch = { batchNo: 'B-X', dispatchedAt: NOW.toISOString(), declaredCount: 1 };
    upsertBatch(
      db,
      { ...batch, verdictJson: '{}' },
      [{ recordingId: 'R10', villageCode: 'V' }],
      '',
    );
    expect(recap('2025-06-30').waiting).toEqual({ under7: 2, from7to30: 2, over30: 2, total: 6 });
  });
});
