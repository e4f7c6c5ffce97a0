import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sealedRecordings } from '../../../test/helpers/supervisor-fixtures';
import { openStore } from '../../../test/helpers/sync-fixtures';
import { dueUploads, outboxTotals } from '../../store/outbox-repo';
import { SUPERVISOR, addUser, loginAs, must } from '../../../test/helpers/station';
import { useTestStation } from '../../../test/helpers/station-hooks';

// Every read of the clock moves it a second on, so recordings have distinct times.
const ctx = useTestStation({
  start: () => new Date(),
  tickMs: 1000,
  extra: { faceDetector: null },
});
let db: Database;
let operatorId: string;
let ids: string[];

const asSupervisor = () => loginAs(ctx.station, SUPERVISOR.username, SUPERVISOR.password);

beforeEach(async () => {
  operatorId = await addUser(ctx.station, 'opa', 'operator');
  await loginAs(ctx.station, 'opa');
  db = openStore(ctx.dir);
  ids = await sealedRecordings(ctx.station, db, operatorId, 3);
});
afterEach(() => {
  db.close();
});

describe('approval queue', () => {
  it('lists sealed recordings with forced captures and exceptions flagged', async () => {
    db.prepare(
      "UPDATE fingerprints SET state = 'forced' WHERE recording_id = ? AND finger = 3",
    ).run(ids[0]);
    db.prepare(
      `UPDATE fingerprints SET state = 'exception', exception_kind = 'bandaged',
       exception_reason = 'diperban', image_png = NULL WHERE recording_id = ? AND finger = 7`,
    ).run(ids[0]);
    db.prepare('UPDATE photos SET forced = 1, force_reason = ? WHERE recording_id = ?').run(
      'latar agak gelap',
      ids[0],
    );
    await asSupervisor();
    const queue = await must(ctx.station, 'approval.queue', {});
    expect(queue.map((q) => q.recordingId)).toEqual(ids);
    expect(queue[0]!.flags).toEqual({
      forcedPhoto: true,
      forcedFingers: [3],
      fingerExceptions: [7],
      signatureException: false,
      warnings: 0,
    });
    expect(queue[1]!.flags.forcedFingers).toEqual([]);
    const detail = await must(ctx.station, 'approval.item', { id: ids[0]! });
    expect(detail.review.photo?.forced).toBe(true);
    expect(detail.review.fingerprints.fingers).toHaveLength(10);
    expect(detail.review.signature).not.toBeNull();
  });

  it('approves: status approved, out of the pending queue, audited', async () => {
    await asSupervisor();
    const item = await must(ctx.station, 'approval.approve', { id: ids[0]! });
    expect(item.status).toBe('approved');
    expect(item.decision).toMatchObject({ decision: 'approved', by: SUPERVISOR.username });
    const pending = await must(ctx.station, 'approval.queue', { filter: 'pending' });
    expect(pending.map((q) => q.recordingId)).toEqual(ids.slice(1));
    const decided = await must(ctx.station, 'approval.queue', { filter: 'decided' });
    expect(decided.map((q) => q.recordingId)).toEqual([ids[0]]);
    const again = await ctx.station.call('approval.reject', { id: ids[0]!, reason: 'salah data' });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('CONFLICT');
    const audit = await must(ctx.station, 'audit.list', {});
    expect(audit.some((a) => a.action === 'approval.approved' && a.target === ids[0])).toBe(true);
  });

  it('rejects with a reason: the operator sees it, the packet is withdrawn from the outbox', async () => {
    await asSupervisor();
    const short = await ctx.station.call('approval.reject', { id: ids[1]!, reason: 'abc' });
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.error.code).toBe('BAD_REQUEST');
    const item = await must(ctx.station, 'approval.reject', {
      id: ids[1]!,
      reason: 'Foto buram, ulangi',
    });
    expect(item.status).toBe('rejected');
    expect(item.decision?.reason).toBe('Foto buram, ulangi');
    expect(outboxTotals(db).pendingPackets).toBe(2);
    const due = dueUploads(db, new Date(Date.now() + 1e9).toISOString(), 10, []);
    expect(due.map((r) => r.recordingId)).not.toContain(ids[1]);

    await loginAs(ctx.station, 'opa');
    const today = await must(ctx.station, 'recordings.today', {});
    const row = today.find((r) => r.id === ids[1]);
    expect(row).toMatchObject({ status: 'rejected', rejectionReason: 'Foto buram, ulangi' });
    const audit = db.prepare('SELECT action, target FROM audit_log').all() as {
      action: string;
      target: string | null;
    }[];
    expect(audit).toContainEqual({ action: 'approval.rejected', target: ids[1] });
    expect(audit).toContainEqual({ action: 'outbox.withdrawn', target: ids[1] });
    // The reason is never an audit target (it is free text).
    expect(audit.some((a) => a.target?.includes('buram'))).toBe(false);
  });

  it('redo makes one new draft prefilled from the rejected recording, which stays rejected', async () => {
    await asSupervisor();
    const notYet = await ctx.station.call('approval.approve', { id: 'R-does-not-exist' });
    expect(notYet.ok).toBe(false);
    await must(ctx.station, 'approval.reject', { id: ids[2]!, reason: 'Sidik jari tertukar' });
    await loginAs(ctx.station, 'opa');
    const refused = await ctx.station.call('recordings.redo', { id: ids[0]! });
    expect(refused.ok).toBe(false);
    const draft = await must(ctx.station, 'recordings.redo', { id: ids[2]! });
    const old = await must(ctx.station, 'recordings.get', { id: ids[2]! });
    expect(draft.id).not.toBe(ids[2]);
    expect(draft.status).toBe('draft');
    expect(draft.resident).toEqual(old.resident);
    expect(old.status).toBe('rejected');
    const twice = await must(ctx.station, 'recordings.redo', { id: ids[2]! });
    expect(twice.id).toBe(draft.id);
  });

  it('an operator cannot approve, reject or read the queue', async () => {
    for (const [m, input] of [
      ['approval.approve', { id: ids[0]! }],
      ['approval.reject', { id: ids[0]!, reason: 'tidak boleh' }],
      ['approval.queue', {}],
    ] as const) {
      const r = await ctx.station.call(m, input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
    }
    expect((db.prepare('SELECT COUNT(*) AS n FROM approvals').get() as { n: number }).n).toBe(0);
  });

  it('holds unapproved packets back from upload while approval is required', async () => {
    const due = () =>
      dueUploads(db, new Date(Date.now() + 1e9).toISOString(), 10, []).map((r) => r.recordingId);
    expect(due()).toEqual(ids);
    await asSupervisor();
    await must(ctx.station, 'supervisor.setSettings', { approvalRequiredForUpload: true });
    expect(due()).toEqual([]);
    await must(ctx.station, 'approval.approve', { id: ids[1]! });
    expect(due()).toEqual([ids[1]]);
    await must(ctx.station, 'supervisor.setSettings', { approvalRequiredForUpload: false });
    expect(due()).toEqual(ids);
  });
});
