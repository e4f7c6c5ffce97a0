import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { cardsAtOffice, counterWithCards } from '../../../test/helpers/handover-fixture';
import { openStore } from '../../../test/helpers/sync-fixtures';
import {
  addUser,
  loginAs,
  must,
  openTestStation,
  setUpStation,
  SUPERVISOR,
  tempDir,
  testClock,
} from '../../../test/helpers/station';
import { OPERATOR } from '../../../test/helpers/sync-station';
import { getCard } from '../../store/cards-repo';
import type { Station } from '../station/types';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const DAY = 86_400_000;
const V1 = '32.01.01.1001';
const V2 = '32.01.01.1002';

interface Seed {
  id: string;
  name: string;
  village: string;
  rw: string;
  rt: string;
  address: string;
  arrivedDaysAgo: number;
  lane?: 'elderly' | 'disabled' | 'pregnant';
}

/** Recordings whose cards are at the office, seeded straight into the station's store. */
function seed(db: Database, opId: string, now: Date, rows: Seed[]) {
  rows.forEach((r, i) => {
    const resident = { nik: `320101120590${String(i + 1).padStart(4, '0')}`, name: r.name };
    db.prepare(
      `INSERT INTO recordings (id, status, nik, name, resident_json, operator_id, created_at, updated_at)
       VALUES (?, 'uploaded', ?, ?, ?, ?, ?, ?)`,
    ).run(
      r.id,
      resident.nik,
      r.name,
      JSON.stringify({
        ...resident,
        villageCode: r.village,
        rt: r.rt,
        rw: r.rw,
        address: r.address,
      }),
      opId,
      now.toISOString(),
      now.toISOString(),
    );
    cardsAtOffice(
      db,
      `B-${r.id}`,
      [{ recordingId: r.id, villageCode: r.village }],
      new Date(now.getTime() - r.arrivedDaysAgo * DAY),
    );
    if (r.lane) {
      db.prepare(
        `INSERT INTO queue_cards (id, date, lane, seq, priority_reason, nik, name, phone, status,
           call_order, issued_at, issued_by, recording_id)
         VALUES (?, '2025-06-01', 'priority', ?, ?, ?, ?, '0812 1111 2222', 'served', 1, ?, ?, ?)`,
      ).run(`Q${r.id}`, i + 1, r.lane, resident.nik, r.name, now.toISOString(), opId, r.id);
    }
  });
}

const SEEDS: Seed[] = [
  {
    id: 'RA',
    name: 'AMINAH',
    village: V1,
    rw: '03',
    rt: '002',
    address: 'GG. MELATI 4',
    arrivedDaysAgo: 1,
    lane: 'elderly',
  },
  {
    id: 'RB',
    name: 'BUDI',
    village: V1,
    rw: '01',
    rt: '005',
    address: 'JL. RAYA 10',
    arrivedDaysAgo: 20,
  },
  {
    id: 'RC',
    name: 'CICI',
    village: V2,
    rw: '01',
    rt: '001',
    address: 'JL. PASAR 2',
    arrivedDaysAgo: 2,
    lane: 'disabled',
  },
  {
    id: 'RD',
    name: 'DEDI',
    village: V1,
    rw: '01',
    rt: '005',
    address: 'JL. RAYA 9',
    arrivedDaysAgo: 3,
  },
  {
    id: 'RE',
    name: 'EKA',
    village: V1,
    rw: '01',
    rt: '001',
    address: 'JL. RAYA 1',
    arrivedDaysAgo: 5,
    lane: 'pregnant',
  },
];

async function officeWithCards(): Promise<{
  station: Station;
  db: Database;
  clock: ReturnType<typeof testClock>;
}> {
  const { dir, cleanup } = tempDir();
  const clock = testClock(new Date('2025-07-01T02:00:00.000Z'));
  const station = openTestStation(dir, { now: clock.now });
  cleanups.push(cleanup, () => station.close());
  await setUpStation(station);
  const opId = await addUser(station, OPERATOR, 'operator');
  await addUser(station, 'tekno', 'technician');
  const db = openStore(dir);
  cleanups.push(() => void db.close());
  seed(db, opId, clock.now(), SEEDS);
  return { station, db, clock };
}

const ids = (xs: { recordingId: string }[]) => xs.map((x) => x.recordingId);

describe('delivery rounds', { timeout: 90_000 }, () => {
  it('suggests the elderly and disabled from the priority lane and cards waiting N days; N is a setting', async () => {
    const { station } = await officeWithCards();
    const s = await must(station, 'rounds.suggestions', {});
    expect(s.uncollectedDays).toBe(14);
    expect(s.candidates.map((c) => [c.recordingId, c.reasons])).toEqual([
      ['RC', ['disabled']],
      ['RA', ['elderly']],
      ['RB', ['waiting']],
    ]);
    expect(s.candidates[0]).toMatchObject({ phone: '0812 1111 2222', daysWaiting: 2 });
    expect(s.villages.map((v) => [v.villageCode, v.n])).toEqual([
      [V1, 4],
      [V2, 1],
    ]);
    const v1 = await must(station, 'rounds.suggestions', { villageCode: V1 });
    expect(ids(v1.candidates)).toEqual(['RA', 'RB']);
    await must(station, 'rounds.setUncollectedDays', { days: 3 });
    const three = await must(station, 'rounds.suggestions', { villageCode: V1 });
    expect(three.candidates.map((c) => [c.recordingId, c.reasons])).toEqual([
      ['RA', ['elderly']],
      ['RB', ['waiting']],
      ['RE', ['waiting']],
      ['RD', ['waiting']],
    ]);
    const all = await must(station, 'rounds.suggestions', { all: true });
    expect(all.candidates).toHaveLength(5);
  });

  it('orders a new round by village, RW, RT and address; an explicit order sticks; a wrong one is refused', async () => {
    const { station } = await officeWithCards();
    const r = await must(station, 'rounds.create', {
      label: 'Senin pagi',
      recordingIds: ['RA', 'RB', 'RC', 'RD', 'RE'],
    });
    expect(r.round).toMatchObject({ state: 'planned', total: 5, createdBy: SUPERVISOR.username });
    expect(ids(r.items)).toEqual(['RE', 'RD', 'RB', 'RA', 'RC']);
    const moved = await must(station, 'rounds.reorder', {
      roundId: r.round.id,
      order: ['RC', 'RA', 'RB', 'RD', 'RE'],
    });
    expect(moved.items.map((i) => [i.recordingId, i.position])).toEqual([
      ['RC', 1],
      ['RA', 2],
      ['RB', 3],
      ['RD', 4],
      ['RE', 5],
    ]);
    const bad = await station.call('rounds.reorder', { roundId: r.round.id, order: ['RC', 'RA'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const back = await must(station, 'rounds.defaultOrder', { roundId: r.round.id });
    expect(ids(back.items)).toEqual(['RE', 'RD', 'RB', 'RA', 'RC']);
    // The sheet lists them in that order, with RT/RW and the phone from the queue card.
    const sheet = await must(station, 'rounds.sheet', { roundId: r.round.id });
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], {
      input: Buffer.from(sheet.pdfBase64, 'base64'),
    }).toString();
    const at = ['EKA', 'DEDI', 'BUDI', 'AMINAH', 'CICI'].map((n) => text.indexOf(n));
    expect(at.every((p, i) => p >= 0 && (i === 0 || p > at[i - 1]!))).toBe(true);
    expect(text).toMatch(/001\/01/);
    expect(text).toMatch(/0812 1111 2222/);
    expect(text).toMatch(/LEMBAR PENGANTARAN KTP-el/);
    // A card on an open round is neither suggested nor put on a second round.
    expect((await must(station, 'rounds.suggestions', { all: true })).candidates).toEqual([]);
    const twice = await station.call('rounds.create', { label: 'Lagi', recordingIds: ['RA'] });
    expect(!twice.ok && twice.error.message).toMatch(/sudah masuk rute antar lain: AMINAH/);
  });

  it('sends the cards out; an undeliverable card and the pending ones at closing go back to the counter', async () => {
    const { station, db } = await officeWithCards();
    const r = await must(station, 'rounds.create', {
      label: 'Desa Satu',
      villageCode: V1,
      recordingIds: ['RA', 'RB', 'RD'],
    });
    const roundId = r.round.id;
    const early = await station.call('rounds.undeliverable', {
      roundId,
      recordingId: 'RA',
      reason: 'moved',
    });
    expect(!early.ok && early.error.message).toMatch(/belum berangkat/);
    const out = await must(station, 'rounds.send', { roundId });
    expect(out.round.state).toBe('out');
    expect(['RA', 'RB', 'RD'].map((id) => getCard(db, id)?.state)).toEqual([
      'on_round',
      'on_round',
      'on_round',
    ]);
    expect((await station.call('rounds.reorder', { roundId, order: ['RA', 'RB', 'RD'] })).ok).toBe(
      false,
    );

    await loginAs(station, OPERATOR);
    const list = await must(station, 'rounds.list', {});
    expect(list.map((x) => [x.id, x.state, x.pending])).toEqual([[roundId, 'out', 3]]);
    const after = await must(station, 'rounds.undeliverable', {
      roundId,
      recordingId: 'RB',
      reason: 'not-home-twice',
    });
    expect(after.items.find((i) => i.recordingId === 'RB')).toMatchObject({
      outcome: 'undeliverable',
      reason: 'not-home-twice',
    });
    expect(getCard(db, 'RB')).toMatchObject({
      state: 'at_office',
      roundId: null,
      undeliverableReason: 'not-home-twice',
    });
    const again = await station.call('rounds.undeliverable', {
      roundId,
      recordingId: 'RB',
      reason: 'moved',
    });
    expect(!again.ok && again.error.message).toMatch(/sudah dicatat/);

    await loginAs(station, SUPERVISOR.username, SUPERVISOR.password);
    const closed = await must(station, 'rounds.close', { roundId });
    expect(closed.round).toMatchObject({ state: 'closed', pending: 0, undeliverable: 1 });
    expect(closed.items.map((i) => [i.recordingId, i.outcome])).toEqual([
      ['RD', 'returned'],
      ['RB', 'undeliverable'],
      ['RA', 'returned'],
    ]);
    expect(['RA', 'RB', 'RD'].map((id) => getCard(db, id)?.state)).toEqual([
      'at_office',
      'at_office',
      'at_office',
    ]);
    const audit = db
      .prepare(`SELECT action, target FROM audit_log WHERE action LIKE 'rounds.%' ORDER BY id`)
      .all() as { action: string; target: string }[];
    expect(audit.map((a) => a.action)).toEqual([
      'rounds.created',
      'rounds.sent',
      'rounds.undeliverable',
      'rounds.closed',
    ]);
    expect(audit[3]!.target).toBe(`${roundId} out returned=2`);
    // The sheet is a PDF also for a closed round (the record of the trip).
    const sheet = await must(station, 'rounds.sheet', { roundId });
    expect(Buffer.from(sheet.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses the supervisor actions to the operator and every round method to the technician', async () => {
    const { station } = await officeWithCards();
    const r = await must(station, 'rounds.create', { label: 'X', recordingIds: ['RA'] });
    const roundId = r.round.id;
    await loginAs(station, OPERATOR);
    for (const [m, input] of [
      ['rounds.create', { label: 'Y', recordingIds: ['RB'] }],
      ['rounds.send', { roundId }],
      ['rounds.close', { roundId }],
      ['rounds.reorder', { roundId, order: ['RA'] }],
      ['rounds.suggestions', {}],
      ['rounds.setUncollectedDays', { days: 5 }],
    ] as const) {
      expect(await station.call(m, input as never)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    expect((await must(station, 'rounds.get', { roundId })).items).toHaveLength(1);
    await loginAs(station, 'tekno');
    for (const m of ['rounds.get', 'rounds.list', 'rounds.undeliverable'] as const) {
      const input =
        m === 'rounds.undeliverable'
          ? { roundId, recordingId: 'RA', reason: 'moved' }
          : m === 'rounds.get'
            ? { roundId }
            : {};
      expect(await station.call(m, input as never)).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
  });
});

describe('a delivery round in the field', { timeout: 120_000 }, () => {
  it('a card handed over through the handover flow is delivered on its round; a counter handover leaves a planned round', async () => {
    const { station, db, ids: rec, pad } = await counterWithCards(cleanups, 3);
    const [a, b, c] = rec as [string, string, string];
    cardsAtOffice(db, 'B-R', [{ recordingId: a }, { recordingId: b }, { recordingId: c }]);
    await loginAs(station, SUPERVISOR.username, SUPERVISOR.password);
    const plan = await must(station, 'rounds.create', { label: 'Dua', recordingIds: [a, b] });
    const later = await must(station, 'rounds.create', { label: 'Tiga', recordingIds: [c] });
    await must(station, 'rounds.send', { roundId: plan.round.id });

    await loginAs(station, OPERATOR);
    const handOver = async (recordingId: string, kind: 'round' | 'counter', roundId?: string) => {
      await must(station, 'handover.open', { recordingId, kind, ...(roundId ? { roundId } : {}) });
      await must(station, 'handover.visualCheck', {
        recordingId,
        reason: 'Jari aus; wajah cocok dengan foto',
      });
      await must(station, 'handover.signStart', { recordingId });
      await pad.simulate('signature');
      await must(station, 'handover.signAccept', { recordingId });
      return must(station, 'handover.complete', { recordingId });
    };
    await handOver(a, 'round', plan.round.id);
    const d = await must(station, 'rounds.get', { roundId: plan.round.id });
    expect(d.items.find((i) => i.recordingId === a)).toMatchObject({ outcome: 'delivered' });
    expect(d.round).toMatchObject({ delivered: 1, pending: 1 });
    expect(getCard(db, a)).toMatchObject({ state: 'handed_over', handoverKind: 'round' });

    // The card of the round still being planned is collected at the counter meanwhile.
    await handOver(c, 'counter');
    expect((await must(station, 'rounds.get', { roundId: later.round.id })).items).toEqual([]);
  });
});
