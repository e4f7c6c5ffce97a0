import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sealedRecordings } from '../../../test/helpers/supervisor-fixtures';
import { openStore } from '../../../test/helpers/sync-fixtures';
import { evaluateFreeze, writeSupervisorSettings } from './freeze';
import { SUPERVISOR, addUser, loginAs, must, validResident } from '../../../test/helpers/station';
import { useTestStation } from '../../../test/helpers/station-hooks';

const ctx = useTestStation({ start: () => new Date(), extra: { faceDetector: null } });
let db: Database;
let operatorId: string;

const HOUR = 3_600_000;
const rule = (at: Date, r: string) =>
  evaluateFreeze(db, at, 'id').checks.find((c) => c.rule === r)!;

beforeEach(async () => {
  operatorId = await addUser(ctx.station, 'opa', 'operator');
  await loginAs(ctx.station, 'opa');
  db = openStore(ctx.dir);
});
afterEach(() => {
  db.close();
});

describe('freeze rules', () => {
  it('defaults: 50 awaiting approval, 300 unsent, 72 hours; a fresh ctx.station is not frozen', async () => {
    await loginAs(ctx.station, SUPERVISOR.username, SUPERVISOR.password);
    expect(await must(ctx.station, 'supervisor.settings', {})).toEqual({
      approvalRequiredForUpload: false,
      dailyQuota: 150,
      freezeMaxAwaitingApproval: 50,
      freezeMaxUnsent: 300,
      freezeMaxHoursWithoutOffload: 72,
    });
    await loginAs(ctx.station, 'opa');
    const s = await must(ctx.station, 'freeze.status', {});
    expect(s.frozen).toBe(false);
    expect(s.message).toBeNull();
  });

  it('awaiting approval: blocks a NEW draft exactly at the limit, lets drafts go on, releases on approval', async () => {
    writeSupervisorSettings(db, { freezeMaxAwaitingApproval: 3, freezeMaxUnsent: 0 });
    const ids = await sealedRecordings(ctx.station, db, operatorId, 2);
    const open = await must(ctx.station, 'recordings.saveDraft', {
      resident: validResident({ nik: '3201011205900091', name: 'Draf Terbuka' }),
    });
    expect((await must(ctx.station, 'freeze.status', {})).frozen).toBe(false);
    ids.push(...(await sealedRecordings(ctx.station, db, operatorId, 1, { first: 3 })));
    const s = await must(ctx.station, 'freeze.status', {});
    expect(s.frozen).toBe(true);
    expect(s.checks[0]).toMatchObject({ rule: 'awaiting-approval', value: 3, limit: 3 });

    const refused = await ctx.station.call('recordings.saveDraft', {
      resident: validResident({ nik: '3201011205900092', name: 'Warga Baru' }),
    });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.error.code).toBe('CONFLICT');
      expect(refused.error.message).toContain('menunggu persetujuan');
      expect(refused.error.message).toContain('supervisor');
    }
    // A draft already started is finished, not lost.
    const saved = await ctx.station.call('recordings.saveDraft', {
      id: open.id,
      resident: validResident({ nik: '3201011205900091', name: 'Draf Terbuka Lagi' }),
    });
    expect(saved.ok).toBe(true);

    await loginAs(ctx.station, SUPERVISOR.username, SUPERVISOR.password);
    await must(ctx.station, 'approval.approve', { id: ids[0]! });
    expect((await must(ctx.station, 'freeze.status', {})).frozen).toBe(false);
    const audit = await must(ctx.station, 'audit.list', {});
    expect(
      audit.some((a) => a.action === 'freeze.blocked' && a.target === 'awaiting-approval'),
    ).toBe(true);
  });

  it('unsent: trips at the limit; an upload releases it; with approval required only approved count', async () => {
    writeSupervisorSettings(db, { freezeMaxAwaitingApproval: 0, freezeMaxUnsent: 2 });
    const ids = await sealedRecordings(ctx.station, db, operatorId, 1);
    const at = ctx.clock.now();
    expect(rule(at, 'unsent')).toMatchObject({ value: 1, tripped: false });
    ids.push(...(await sealedRecordings(ctx.station, db, operatorId, 1, { first: 2 })));
    expect(rule(at, 'unsent')).toMatchObject({ value: 2, limit: 2, tripped: true });
    expect(evaluateFreeze(db, at, 'en').message).toContain('neither uploaded nor exported');

    db.prepare("UPDATE outbox SET state = 'sent', sent_at = ? WHERE recording_id = ?").run(
      at.toISOString(),
      ids[0],
    );
    expect(rule(at, 'unsent')).toMatchObject({ value: 1, tripped: false });

    ids.push(...(await sealedRecordings(ctx.station, db, operatorId, 1, { first: 3 })));
    expect(rule(at, 'unsent').tripped).toBe(true);
    writeSupervisorSettings(db, { approvalRequiredForUpload: true });
    // Sealed but unapproved packets are the approval rule's business, not this one's.
    expect(rule(at, 'unsent')).toMatchObject({ value: 0, tripped: false });
    db.prepare("UPDATE recordings SET status = 'approved' WHERE id IN (?, ?)").run(ids[1], ids[2]);
    expect(rule(at, 'unsent')).toMatchObject({ value: 2, tripped: true });
  });

  it('offload age: trips exactly 72 h after the last offload while packets wait; a sync releases it', async () => {
    writeSupervisorSettings(db, { freezeMaxAwaitingApproval: 0, freezeMaxUnsent: 0 });
    const t0 = ctx.clock.now().getTime();
    expect(rule(new Date(t0 + 500 * HOUR), 'offload-age')).toMatchObject({
      value: 0,
      tripped: false,
    });
    await sealedRecordings(ctx.station, db, operatorId, 1, {
      sealedAt: () => new Date(t0).toISOString(),
    });
    expect(rule(new Date(t0 + 72 * HOUR - 1), 'offload-age')).toMatchObject({
      value: 71,
      tripped: false,
    });
    const frozen = rule(new Date(t0 + 72 * HOUR), 'offload-age');
    expect(frozen).toMatchObject({ value: 72, limit: 72, tripped: true });
    expect(frozen.message).toContain('72 jam');

    // Another packet went up an hour later: the ctx.clock starts again from there.
    const [other] = await sealedRecordings(ctx.station, db, operatorId, 1, {
      first: 2,
      sealedAt: () => new Date(t0).toISOString(),
    });
    db.prepare("UPDATE outbox SET state = 'sent', sent_at = ? WHERE recording_id = ?").run(
      new Date(t0 + HOUR).toISOString(),
      other,
    );
    expect(rule(new Date(t0 + 72 * HOUR), 'offload-age').tripped).toBe(false);
    expect(rule(new Date(t0 + 73 * HOUR), 'offload-age').tripped).toBe(true);
  });

  it('settings are supervisor-only and validated', async () => {
    const r = await ctx.station.call('supervisor.setSettings', { freezeMaxUnsent: 5 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
    await loginAs(ctx.station, SUPERVISOR.username, SUPERVISOR.password);
    const bad = await ctx.station.call('supervisor.setSettings', { dailyQuota: 0 });
    expect(bad.ok).toBe(false);
    const s = await must(ctx.station, 'supervisor.setSettings', { dailyQuota: 200 });
    expect(s.dailyQuota).toBe(200);
    expect(s.freezeMaxUnsent).toBe(300);
  });
});
