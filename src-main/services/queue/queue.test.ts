import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardCall, IssueResult } from '../../api/contract-queue';
import type { Reply } from '../../api/reply';
import type { Station } from '../station/station';
import {
  addUser,
  loginAs,
  must,
  openTestStation,
  setUpStation,
  tempDir,
  testClock,
  validResident,
} from '../../../test/helpers/station';

// testClock starts on Tuesday 2025-06-10 at 09:00 local time.
const TUE = '2025-06-10';
const WED = '2025-06-11';

/** Valid NIKs: Cibinong, born 12-05-90, serial n. */
const nik = (n: number) => `320101120590${String(n).padStart(4, '0')}`;

let dir: ReturnType<typeof tempDir>;
let station: Station;
let clock: ReturnType<typeof testClock>;

beforeEach(async () => {
  dir = tempDir();
  clock = testClock();
  station = openTestStation(dir.dir, { now: clock.now });
  await setUpStation(station);
  await addUser(station, 'ani', 'operator');
  await loginAs(station, 'ani');
});

afterEach(() => {
  station.close();
  dir.cleanup();
});

async function asSupervisor<T>(fn: () => Promise<T>): Promise<T> {
  await loginAs(station, 'sari', 'rahasia-sari-1');
  try {
    return await fn();
  } finally {
    await loginAs(station, 'ani');
  }
}

describe('queue cards', () => {
  it('160 walk-ins at capacity 150, all at once: 150 today, 10 the next service day', async () => {
    const replies = (await Promise.all(
      Array.from({ length: 160 }, (_, i) =>
        i % 2 === 0
          ? station.call('queue.issue', { nik: nik(i + 1), name: `Warga ${i}` })
          : station.call('queue.issue', { name: `Warga Tanpa NIK ${i}` }),
      ),
    )) as Reply<IssueResult>[];
    expect(replies.every((r) => r.ok)).toBe(true);
    const cards = replies.map((r) => (r.ok ? r.value.card : null)!);
    expect(cards.filter((c) => c.date === TUE)).toHaveLength(150);
    expect(cards.filter((c) => c.date === WED)).toHaveLength(10);
    // Numbers are unique per day and lane and count from 001.
    const numbersToday = new Set(cards.filter((c) => c.date === TUE).map((c) => c.number));
    expect(numbersToday.size).toBe(150);
    expect(numbersToday.has('A-001') && numbersToday.has('A-150')).toBe(true);
    const late = replies.find((r) => r.ok && r.value.card.date === WED);
    expect(late?.ok && late.value.note).toMatch(/Kuota hari ini sudah penuh/);

    // A search over every date returns one page, the cards issued last first.
    const found = await must(station, 'queue.cards', { query: 'warga' });
    expect(found).toHaveLength(50);
    expect(found.slice(0, 10).every((c) => c.date === WED)).toBe(true);
    expect(await must(station, 'queue.cards', { query: 'warga', limit: 200 })).toHaveLength(160);

    const days = await must(station, 'queue.days', { from: TUE, days: 2 });
    expect(days.map((d) => [d.issued, d.free])).toEqual([
      [150, 0],
      [10, 140],
    ]);
  });

  it('gives no second live card to one NIK and validates the NIK', async () => {
    const a = await must(station, 'queue.issue', { nik: nik(7), name: 'Budi' });
    const b = await must(station, 'queue.issue', {
      nik: `${nik(7).slice(0, 4)} ${nik(7).slice(4)}`,
      name: 'Budi',
    });
    expect(b.existing).toBe(true);
    expect(b.card.id).toBe(a.card.id);
    expect(b.note).toMatch(/sudah punya kartu antrian A-001/);

    const bad = await station.call('queue.issue', { nik: '3201011205', name: 'Budi' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.fields?.nik).toMatch(/harus 16 angka/);

    // A cancelled card is not live: a new one may be issued.
    await must(station, 'queue.cancel', { id: a.card.id, reason: 'salah data' });
    const c = await must(station, 'queue.issue', { nik: nik(7), name: 'Budi' });
    expect(c.existing).toBe(false);
    expect(c.card.number).toBe('A-002');
  });

  it('after closing time the earliest date is the next service day; weekends and holidays skipped', async () => {
    await asSupervisor(() =>
      must(station, 'queue.setCapacity', { holidays: [{ date: '2025-06-11', name: 'Libur' }] }),
    );
    clock.advance(7 * 3600_000); // 16:00
    await loginAs(station, 'ani');
    const r = await must(station, 'queue.issue', { name: 'Sore' });
    expect(r.card.date).toBe('2025-06-12');
    expect(r.note).toMatch(/sudah tutup/);
  });

  it('priority lane: P numbers and its reserved share', async () => {
    await asSupervisor(() =>
      must(station, 'queue.setCapacity', {
        activeDesks: 1,
        recordingsPerDesk: 10,
        priorityShare: 20,
      }),
    );
    const regular = [];
    for (let i = 0; i < 9; i++) regular.push(await must(station, 'queue.issue', { name: `R${i}` }));
    expect(regular.filter((r) => r.card.date === TUE)).toHaveLength(8);
    const p = await must(station, 'queue.issue', { name: 'Nenek', priority: 'elderly' });
    expect(p.card).toMatchObject({
      number: 'P-001',
      date: TUE,
      lane: 'priority',
      priorityReason: 'elderly',
    });
  });

  it('capacity shrink keeps cards and lists the residents to call; reschedule moves one', async () => {
    for (let i = 0; i < 8; i++) {
      await must(station, 'queue.issue', { name: `Warga ${i}`, phone: '0812-3456-7890' });
      clock.advance(1000);
    }
    const res = await asSupervisor(() =>
      must(station, 'queue.setCapacity', { activeDesks: 1, recordingsPerDesk: 5 }),
    );
    expect(res.capacity.dailyCapacity).toBe(5);
    expect(res.affected.map((a) => [a.card.number, a.position])).toEqual([
      ['A-006', 6],
      ['A-007', 7],
      ['A-008', 8],
    ]);
    expect(res.affected[0]!.card.phone).toBe('081234567890');
    expect(res.affected[0]!.earliestDate).toBe(WED);
    // Issued cards keep their date until someone reschedules them.
    expect((await must(station, 'queue.cards', { date: TUE })).length).toBe(8);
    const moved = await must(station, 'queue.reschedule', { id: res.affected[0]!.card.id });
    expect(moved).toMatchObject({ date: WED, number: 'A-001' });
    expect(await must(station, 'queue.affected', {})).toHaveLength(2);
  });
});

describe('calling', () => {
  it('calls priority fairly, announces on the board, pre-fills and links the recording', async () => {
    const calls: BoardCall[] = [];
    station.on('queue.called', (c) => calls.push(c));
    const a1 = await must(station, 'queue.issue', {
      nik: validResident().nik,
      name: 'Budi Santoso',
      address: 'Jl. Mawar 5',
    });
    await must(station, 'queue.issue', { name: 'Dua' });
    await must(station, 'queue.issue', { name: 'Ibu Hamil', priority: 'pregnant' });

    const first = await must(station, 'queue.callNext', { desk: 'Loket 1' });
    expect(first?.card.number).toBe('P-001');
    const second = await must(station, 'queue.callNext', { desk: 'Loket 2' });
    expect(second?.card.id).toBe(a1.card.id);
    expect(second?.prefill).toEqual({
      nik: validResident().nik,
      name: 'BUDI SANTOSO',
      address: 'Jl. Mawar 5',
    });
    expect(calls.map((c) => [c.number, c.desk])).toEqual([
      ['P-001', 'Loket 1'],
      ['A-001', 'Loket 2'],
    ]);

    // Recall and skip.
    await must(station, 'queue.recall', { id: first!.card.id, desk: 'Loket 1' });
    expect(calls[2]).toMatchObject({ number: 'P-001', recall: true });
    await must(station, 'queue.skip', { id: first!.card.id });
    const third = await must(station, 'queue.callNext', { desk: 'Loket 1' });
    expect(third?.card.number).toBe('A-002');
    const fourth = await must(station, 'queue.callNext', { desk: 'Loket 1' });
    expect(fourth?.card.number).toBe('P-001');
    await must(station, 'queue.noShow', { id: fourth!.card.id });
    expect(await must(station, 'queue.callNext', { desk: 'Loket 1' })).toBeNull();

    const board = await must(station, 'queue.board', {});
    expect(board.calls[0]).toMatchObject({ number: 'P-001', desk: 'Loket 1' });
    expect(board.waiting).toBe(0);

    // Saving the draft for the called NIK links the card.
    const rec = await must(station, 'recordings.saveDraft', { resident: validResident() });
    const card = await must(station, 'queue.card', { id: a1.card.id });
    expect(card).toMatchObject({ status: 'served', recordingId: rec.id });

    // A name-only card is linked explicitly.
    const rec2 = await must(station, 'recordings.saveDraft', {
      resident: validResident({ nik: '3201011205900002', name: 'Dua' }),
    });
    const linked = await must(station, 'queue.linkRecording', {
      id: third!.card.id,
      recordingId: rec2.id,
    });
    expect(linked.status).toBe('served');

    const figures = await asSupervisor(() =>
      must(station, 'queue.figures', { from: TUE, to: WED }),
    );
    expect(figures).toMatchObject({
      issued: 3,
      served: 2,
      noShows: 1,
      waitingDays: { median: 0, worst: 0 },
    });
    expect(figures.days[0]).toMatchObject({ date: TUE, capacity: 150, served: 2 });
  });

  it('cards of past days not served become no-shows; a new card may be issued', async () => {
    const a = await must(station, 'queue.issue', { nik: nik(1), name: 'A' });
    clock.advance(24 * 3600_000);
    await loginAs(station, 'ani');
    const b = await must(station, 'queue.issue', { nik: nik(1), name: 'A' });
    expect(b.existing).toBe(false);
    expect((await must(station, 'queue.card', { id: a.card.id })).status).toBe('no-show');
  });
});

describe('outreach sessions', () => {
  it('tags recordings made while active and reports who was and was not recorded', async () => {
    const csv = [
      'NIK;NAMA;ALAMAT;HP',
      `${validResident().nik};Budi Santoso;Jl. Mawar 5;`,
      `${nik(9)};Siti;Jl. Melati;081234567890`,
    ].join('\n');
    const s = await asSupervisor(async () => {
      const list = await must(station, 'queue.importList', {
        name: 'SDN 1',
        fileName: 'sdn1.csv',
        contentBase64: Buffer.from(csv).toString('base64'),
      });
      return must(station, 'outreach.create', {
        place: 'SDN 1 Cibinong',
        date: TUE,
        kind: 'school',
        listId: list.list.id,
      });
    });
    await must(station, 'queue.issue', { name: 'sebelum' }); // no effect on the session
    await must(station, 'outreach.start', { id: s.id });
    expect((await must(station, 'outreach.active', {}))?.id).toBe(s.id);
    const rec = await must(station, 'recordings.saveDraft', { resident: validResident() });
    await must(station, 'outreach.end', { id: s.id });
    await must(station, 'recordings.saveDraft', {
      resident: validResident({ nik: '3201011205900003' }),
    });
    const report = await must(station, 'outreach.report', { id: s.id });
    expect(report.session.recordings).toBe(1);
    expect(report.recorded.map((r) => r.recordingId)).toEqual([rec.id]);
    expect(report.notRecorded.map((e) => e.name)).toEqual(['SITI']);
  });
});
