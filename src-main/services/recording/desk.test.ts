import { describe, expect, it } from 'vitest';
import { MAX_SEAL_ATTEMPTS } from './seal-guard';
import { SUPERVISOR, addUser, loginAs, must, validResident } from '../../../test/helpers/station';
import { useTestStation } from '../../../test/helpers/station-hooks';

const ctx = useTestStation({ extra: { faceDetector: null } });

async function operatorWithDraft(): Promise<string> {
  await addUser(ctx.station, 'opa', 'operator');
  await addUser(ctx.station, 'tekno', 'technician');
  await loginAs(ctx.station, 'opa');
  const rec = await must(ctx.station, 'recordings.saveDraft', { resident: validResident() });
  return rec.id;
}

describe('seal step password attempts', () => {
  it('counts down, then waits for a supervisor instead of a timed lockout', async () => {
    const id = await operatorWithDraft();
    expect(await must(ctx.station, 'desk.sealGuard', {})).toEqual({
      attemptsLeft: MAX_SEAL_ATTEMPTS,
      maxAttempts: MAX_SEAL_ATTEMPTS,
      locked: false,
    });
    const messages: string[] = [];
    for (let i = 1; i <= MAX_SEAL_ATTEMPTS; i++) {
      const r = await ctx.station.call('recordings.finish', { id, password: 'salah-sekali' });
      expect(r.ok).toBe(false);
      if (!r.ok) messages.push(r.error.message);
    }
    expect(messages[0]).toContain(`Sisa ${MAX_SEAL_ATTEMPTS - 1} percobaan`);
    expect(messages[MAX_SEAL_ATTEMPTS - 2]).toContain('Sisa 1 percobaan terakhir');
    expect(messages[MAX_SEAL_ATTEMPTS - 1]).toContain('Minta supervisor');
    expect((await must(ctx.station, 'desk.sealGuard', {})).locked).toBe(true);
    // Even the right password is refused now: the lock is lifted by a supervisor only.
    const right = await ctx.station.call('recordings.finish', { id, password: 'sandi-opa-123' });
    expect(right.ok ? null : right.error.code).toBe('ACCOUNT_LOCKED');
    // The login account is not locked: the operator stays signed in and can log in again.
    await must(ctx.station, 'auth.logout', {});
    await loginAs(ctx.station, 'opa');

    // A technician or a wrong supervisor password does not unlock it.
    const tech = await ctx.station.call('desk.unlockSeal', {
      username: 'tekno',
      password: 'sandi-tekno-123',
    });
    expect(tech.ok ? null : tech.error.code).toBe('FORBIDDEN');
    const wrong = await ctx.station.call('desk.unlockSeal', {
      username: SUPERVISOR.username,
      password: 'bukan-ini',
    });
    expect(wrong.ok ? null : wrong.error.code).toBe('BAD_CREDENTIALS');
    const unlocked = await must(ctx.station, 'desk.unlockSeal', {
      username: SUPERVISOR.username,
      password: SUPERVISOR.password,
    });
    expect(unlocked).toMatchObject({ attemptsLeft: MAX_SEAL_ATTEMPTS, locked: false });

    await loginAs(ctx.station, SUPERVISOR.username, SUPERVISOR.password);
    const audit = await must(ctx.station, 'audit.list', {});
    const unlock = audit.find((a) => a.action === 'seal.unlocked');
    expect(unlock).toMatchObject({ username: SUPERVISOR.username, target: 'opa' });
    expect(audit.filter((a) => a.action === 'seal.failed')).toHaveLength(MAX_SEAL_ATTEMPTS);
    expect(audit.some((a) => a.action === 'account.locked')).toBe(false);
  });

  it('keeps the count across a restart', async () => {
    const id = await operatorWithDraft();
    await ctx.station.call('recordings.finish', { id, password: 'salah-sekali' });
    const station = ctx.reopen({ faceDetector: null });
    await loginAs(station, 'opa');
    expect((await must(station, 'desk.sealGuard', {})).attemptsLeft).toBe(MAX_SEAL_ATTEMPTS - 1);
  });
});

describe('desk draft', () => {
  it('keeps the form as typed and the step, and forgets a recording that is not a draft', async () => {
    const id = await operatorWithDraft();
    expect(await must(ctx.station, 'desk.draft', {})).toBeNull();
    await must(ctx.station, 'desk.saveDraft', {
      recordingId: id,
      step: 'photo',
      name: 'BUDI SANTOSO',
      form: { nik: '3201011205900001', name: 'BUDI SANTOSO', address: 'JL. MAWAR' },
    });
    const station = ctx.reopen({ faceDetector: null });
    await loginAs(station, 'opa');
    const d = await must(station, 'desk.draft', {});
    expect(d).toMatchObject({ recordingId: id, step: 'photo', name: 'BUDI SANTOSO' });
    expect(d?.form.address).toBe('JL. MAWAR');

    // Another operator does not see it, and cannot claim someone else's recording.
    await loginAs(station, SUPERVISOR.username, SUPERVISOR.password);
    await addUser(station, 'opb', 'operator');
    await loginAs(station, 'opb');
    expect(await must(station, 'desk.draft', {})).toBeNull();
    await must(station, 'desk.saveDraft', { recordingId: id, step: 'review', name: '', form: {} });
    expect(await must(station, 'desk.draft', {})).toMatchObject({
      recordingId: null,
      step: 'data',
    });

    await loginAs(station, 'opa');
    await must(station, 'desk.clearDraft', {});
    expect(await must(station, 'desk.draft', {})).toBeNull();
  });
});

describe('approval before upload', () => {
  it('is on for a new station', async () => {
    const { openTestStation, tempDir } = await import('../../../test/helpers/station');
    const { dir, cleanup } = tempDir();
    const station = openTestStation(dir, { faceDetector: null });
    try {
      await must(station, 'setup.create', {
        stationName: 'Meja baru',
        kecamatanCode: '32.01.01',
        supervisor: SUPERVISOR,
      });
      const s = await must(station, 'supervisor.settings', {});
      expect(s.approvalRequiredForUpload).toBe(true);
    } finally {
      station.close();
      cleanup();
    }
  });
});
