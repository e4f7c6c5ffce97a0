import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sealedRecordings } from '../../../test/helpers/supervisor-fixtures';
import { openStore } from '../../../test/helpers/sync-fixtures';
import { markRecordingUploaded } from '../../store/outbox-repo';
import { localDateKey } from './recap';
import { SUPERVISOR, addUser, loginAs, must, validResident } from '../../../test/helpers/station';
import { useTestStation } from '../../../test/helpers/station-hooks';

const ctx = useTestStation({
  start: new Date(2025, 5, 10, 9, 0, 0),
  tickMs: 1000,
  extra: { faceDetector: null },
});
let db: Database;

beforeEach(() => {
  db = openStore(ctx.dir);
});
afterEach(() => {
  db.close();
});

describe('daily recap', () => {
  it('counts a seeded day by status, operator and village, with backlog, quality and 30 days', async () => {
    const opa = await addUser(ctx.station, 'opa', 'operator');
    const opb = await addUser(ctx.station, 'opb', 'operator');
    await loginAs(ctx.station, 'opa');
    const a = await sealedRecordings(ctx.station, db, opa, 4, {
      sealedAt: () => ctx.clock.now().toISOString(),
    });
    await must(ctx.station, 'recordings.saveDraft', {
      resident: validResident({ nik: '3201011205900080', name: 'Masih Draf' }),
    });
    await loginAs(ctx.station, 'opb');
    const b = await sealedRecordings(ctx.station, db, opb, 2, {
      first: 11,
      villageCode: '32.01.01.1002',
    });
    // Quality: one forced finger and one excepted finger on a's first, a signature exception on b's.
    db.prepare(
      "UPDATE fingerprints SET state = 'forced' WHERE recording_id = ? AND finger = 2",
    ).run(a[0]);
    db.prepare(
      `UPDATE fingerprints SET state = 'exception', exception_kind = 'missing',
       exception_reason = 'tidak ada', image_png = NULL WHERE recording_id = ? AND finger = 10`,
    ).run(a[0]);
    db.prepare(
      'UPDATE signatures SET exception_reason = ?, image = NULL WHERE recording_id = ?',
    ).run('tidak bisa menulis', b[0]);
    // One recording two days ago, uploaded long since.
    db.prepare("UPDATE recordings SET created_at = ?, status = 'uploaded' WHERE id = ?").run(
      new Date(2025, 5, 8, 10, 0, 0).toISOString(),
      b[1],
    );
    db.prepare("UPDATE outbox SET state = 'done', sent_at = ? WHERE recording_id = ?").run(
      new Date(2025, 5, 8, 11, 0, 0).toISOString(),
      b[1],
    );

    await loginAs(ctx.station, SUPERVISOR.username, SUPERVISOR.password);
    await must(ctx.station, 'approval.approve', { id: a[0]! });
    await must(ctx.station, 'approval.reject', { id: a[1]!, reason: 'Data salah ketik' });
    await must(ctx.station, 'supervisor.setSettings', { dailyQuota: 120 });

    const r = await must(ctx.station, 'recap.daily', {});
    expect(r.date).toBe('2025-06-10');
    expect(r.counts).toEqual({
      draft: 1,
      sealed: 3,
      approved: 1,
      rejected: 1,
      uploaded: 0,
      total: 6,
    });
    expect(r.byOperator.map((o) => [o.username, o.counts.total, o.counts.sealed])).toEqual([
      ['opa', 5, 2],
      ['opb', 1, 1],
    ]);
    expect(r.byVillage).toEqual([
      { code: '32.01.01.1001', name: expect.any(String), total: 5 },
      { code: '32.01.01.1002', name: expect.any(String), total: 1 },
    ]);
    expect(r.byVillage[0]!.name).not.toBe('32.01.01.1001');
    // a[1] was rejected and withdrawn; b[1] is at the centre.
    expect(r.backlog).toMatchObject({ packets: 4, heldForApproval: 0 });
    expect(r.backlog.oldestRecordingId).toBe(a[0]);
    expect(r.quality).toMatchObject({
      recordings: 5,
      photos: 5,
      forcedPhotos: 0,
      fingers: 49,
      forcedFingers: 1,
      fingerExceptions: 1,
      signatures: 5,
      signatureExceptions: 1,
    });
    expect(r.quality.forcedShare).toBeCloseTo(1 / 54);
    expect(r.quality.exceptionShare).toBeCloseTo(2 / 55);
    expect(r.quota).toBe(120);
    expect(r.days).toHaveLength(30);
    expect(r.days[29]).toEqual({ date: '2025-06-10', count: 5 });
    expect(r.days[27]).toEqual({ date: '2025-06-08', count: 1 });
    expect(r.days[0]!.date).toBe(localDateKey(new Date(2025, 4, 12)));
    expect(r.days.reduce((n, d) => n + d.count, 0)).toBe(6);

    const earlier = await must(ctx.station, 'recap.daily', { date: '2025-06-08' });
    expect(earlier.counts.total).toBe(1);
    expect(earlier.counts.uploaded).toBe(1);
  });

  it('counts an approved recording as approved, also once its packet reached the centre', async () => {
    const opa = await addUser(ctx.station, 'opa', 'operator');
    await loginAs(ctx.station, 'opa');
    const [early, late] = await sealedRecordings(ctx.station, db, opa, 2);
    // Approval not required for upload: the centre accepted `early` before the supervisor looked.
    markRecordingUploaded(db, early!, ctx.clock.now().toISOString());
    await loginAs(ctx.station, SUPERVISOR.username, SUPERVISOR.password);
    await must(ctx.station, 'approval.approve', { id: early! });
    await must(ctx.station, 'approval.approve', { id: late! });
    // …and `late` reaches the centre after its approval.
    markRecordingUploaded(db, late!, ctx.clock.now().toISOString());

    const r = await must(ctx.station, 'recap.daily', {});
    expect(r.counts).toMatchObject({ sealed: 0, approved: 2, uploaded: 0, total: 2 });
    expect(r.byOperator[0]!.counts.approved).toBe(2);
    const pending = await must(ctx.station, 'approval.queue', {});
    expect(pending).toEqual([]);
  });

  it('is for the supervisor only', async () => {
    await addUser(ctx.station, 'opa', 'operator');
    await loginAs(ctx.station, 'opa');
    const r = await ctx.station.call('recap.daily', {});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
  });
});
