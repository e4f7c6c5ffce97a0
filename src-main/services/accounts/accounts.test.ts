import { describe, expect, it } from 'vitest';
import { decodeHash } from './passwords';
import { SUPERVISOR, addUser, dumpStore, loginAs, must } from '../../../test/helpers/station';
import { useTestStation } from '../../../test/helpers/station-hooks';

const ctx = useTestStation();

const login = (username: string, password: string) =>
  ctx.station.call('auth.login', { username, password });

describe('login and lockout', () => {
  it('logs in with the right password and records the time', async () => {
    await addUser(ctx.station, 'opa', 'operator');
    const s = await must(ctx.station, 'auth.login', { username: 'OPA', password: 'sandi-opa-123' });
    expect(s).toMatchObject({ locked: false, user: { username: 'opa', role: 'operator' } });
    const row = dumpStore(ctx.dir).users?.find(
      (u) => (u as { username: string }).username === 'opa',
    );
    expect(row).toMatchObject({ failed_attempts: 0, last_login_at: ctx.clock.now().toISOString() });
  });

  it('locks the account for 5 minutes after 5 failures, persisted, and releases it after', async () => {
    await addUser(ctx.station, 'opa', 'operator');
    for (let i = 0; i < 4; i++) {
      expect(await login('opa', 'salah-salah')).toMatchObject({
        ok: false,
        error: { code: 'BAD_CREDENTIALS', message: 'Nama pengguna atau kata sandi salah.' },
      });
    }
    const fifth = await login('opa', 'salah-salah');
    expect(fifth).toMatchObject({
      ok: false,
      error: {
        code: 'ACCOUNT_LOCKED',
        message: 'Terlalu banyak percobaan gagal. Coba lagi pukul 09.05.',
      },
    });
    // Even the right password is refused while locked, and the lock survives a restart.
    ctx.reopen();
    ctx.clock.advance(4 * 60_000);
    expect(await login('opa', 'sandi-opa-123')).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED' },
    });
    ctx.clock.advance(60_000);
    expect(await login('opa', 'sandi-opa-123')).toMatchObject({ ok: true });
    const actions = dumpStore(ctx.dir).audit_log?.map((e) => (e as { action: string }).action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'login.failed',
        'account.locked',
        'login.refused-locked',
        'login.ok',
      ]),
    );
  });

  it('answers an unknown username exactly like a wrong password, lockout included', async () => {
    await addUser(ctx.station, 'opa', 'operator');
    const replies = [];
    for (let i = 0; i < 5; i++) replies.push(await login('siapa', 'salah-salah'));
    for (let i = 0; i < 5; i++) replies.push(await login('opa', 'salah-salah'));
    const unknown = replies.slice(0, 5).map((r) => !r.ok && r.error);
    const known = replies.slice(5).map((r) => !r.ok && r.error);
    expect(unknown).toEqual(known);
    // Typed usernames of unknown accounts never reach the audit trail.
    expect(JSON.stringify(dumpStore(ctx.dir).audit_log)).not.toContain('siapa');
  });

  it('refuses a disabled user (after the password check) and lets them in again when enabled', async () => {
    const id = await addUser(ctx.station, 'opa', 'operator');
    const disabled = await must(ctx.station, 'users.setActive', { userId: id, active: false });
    expect(disabled.active).toBe(false);
    expect(await login('opa', 'salah-salah')).toMatchObject({
      ok: false,
      error: { code: 'BAD_CREDENTIALS' },
    });
    expect(await login('opa', 'sandi-opa-123')).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_DISABLED', message: 'Akun ini dinonaktifkan. Hubungi supervisor.' },
    });
    await loginAs(ctx.station, 'sari', SUPERVISOR.password);
    await must(ctx.station, 'users.setActive', { userId: id, active: true });
    expect(await login('opa', 'sandi-opa-123')).toMatchObject({ ok: true });
  });

  it('ends the session when unlock attempts lock the account', async () => {
    await addUser(ctx.station, 'opa', 'operator');
    await loginAs(ctx.station, 'opa');
    ctx.clock.advance(6 * 60_000);
    for (let i = 0; i < 4; i++) await ctx.station.call('auth.unlock', { password: 'salah-salah' });
    expect(await ctx.station.call('auth.unlock', { password: 'salah-salah' })).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED' },
    });
    expect(await must(ctx.station, 'auth.session', {})).toBeNull();
  });
});

describe('users', () => {
  it('creates, lists, rejects duplicate usernames and weak passwords', async () => {
    const id = await addUser(ctx.station, 'opa', 'operator');
    expect(id).toMatch(/^U/);
    const dup = await ctx.station.call('users.create', {
      username: 'Opa',
      fullName: 'Lain',
      role: 'technician',
      password: 'sandi-lain-123',
    });
    expect(dup).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'Nama pengguna "opa" sudah dipakai.',
        fields: { username: expect.any(String) },
      },
    });
    const weak = await ctx.station.call('users.create', {
      username: 'opb',
      fullName: 'Opb',
      role: 'operator',
      password: 'pendek',
    });
    expect(weak).toMatchObject({
      ok: false,
      error: { code: 'WEAK_PASSWORD', fields: { password: 'Kata sandi minimal 8 karakter.' } },
    });
    const sameAsName = await ctx.station.call('users.create', {
      username: 'operator01',
      fullName: 'Op',
      role: 'operator',
      password: 'operator01',
    });
    expect(sameAsName).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });
    const list = await must(ctx.station, 'users.list', {});
    expect(list.map((u) => u.username)).toEqual(['opa', 'sari']);
    expect(list[0]).toMatchObject({ role: 'operator', active: true, lastLoginAt: null });
    expect(JSON.stringify(list)).not.toContain('scrypt');
  });

  it('resets a password (clearing a lockout) and keeps one active supervisor', async () => {
    const id = await addUser(ctx.station, 'opa', 'operator');
    for (let i = 0; i < 5; i++) await login('opa', 'salah-salah');
    await loginAs(ctx.station, 'sari', SUPERVISOR.password);
    await must(ctx.station, 'users.resetPassword', { userId: id, password: 'sandi-baru-456' });
    expect(await login('opa', 'sandi-baru-456')).toMatchObject({ ok: true });

    await loginAs(ctx.station, 'sari', SUPERVISOR.password);
    const me = (await must(ctx.station, 'auth.session', {}))!.user.id;
    expect(await ctx.station.call('users.setActive', { userId: me, active: false })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(
      await ctx.station.call('users.setActive', { userId: 'U0000', active: false }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });

  it('changes the own password after checking the current one', async () => {
    await loginAs(ctx.station, 'sari', SUPERVISOR.password);
    expect(
      await ctx.station.call('auth.changePassword', {
        current: 'bukan-ini-1',
        next: 'sandi-baru-sari-9',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'BAD_CREDENTIALS', fields: { current: 'Kata sandi salah.' } },
    });
    expect(
      await ctx.station.call('auth.changePassword', {
        current: SUPERVISOR.password,
        next: '123456789',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'WEAK_PASSWORD', fields: { next: expect.any(String) } },
    });
    await must(ctx.station, 'auth.changePassword', {
      current: SUPERVISOR.password,
      next: 'sandi-baru-sari-9',
    });
    expect(await login('sari', 'sandi-baru-sari-9')).toMatchObject({ ok: true });
  });

  it('counts wrong current passwords toward lockout and ends the session when it locks', async () => {
    await addUser(ctx.station, 'opa', 'operator');
    await loginAs(ctx.station, 'opa');
    for (let i = 0; i < 2; i++) {
      expect(
        await ctx.station.call('auth.changePassword', {
          current: 'tebak-1234',
          next: 'baru-opa-999',
        }),
      ).toMatchObject({
        ok: false,
        error: { code: 'BAD_CREDENTIALS', fields: { current: expect.any(String) } },
      });
    }
    // Failed logins and failed changes share one count.
    await ctx.station.call('auth.logout', {});
    for (let i = 0; i < 2; i++) await login('opa', 'salah-salah');
    await loginAs(ctx.station, 'opa');
    // The successful login reset the count; four more wrong guesses, then the fifth locks.
    for (let i = 0; i < 4; i++) {
      await ctx.station.call('auth.changePassword', {
        current: 'tebak-1234',
        next: 'baru-opa-999',
      });
    }
    expect(
      await ctx.station.call('auth.changePassword', {
        current: 'tebak-1234',
        next: 'baru-opa-999',
      }),
    ).toMatchObject({ ok: false, error: { code: 'ACCOUNT_LOCKED' } });
    expect(await must(ctx.station, 'auth.session', {})).toBeNull();
    expect(await login('opa', 'sandi-opa-123')).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_LOCKED' },
    });
    const actions = dumpStore(ctx.dir).audit_log?.map((e) => (e as { action: string }).action);
    expect(actions?.filter((a) => a === 'password.change-failed')).toHaveLength(7);
    expect(actions).toContain('account.locked');
  });
});

describe('password hashing cost', () => {
  it('hashes at scrypt N=2^17 by default and redoes a cheaper hash at the next login', async () => {
    await addUser(ctx.station, 'opa', 'operator');
    const hashOf = () =>
      (dumpStore(ctx.dir).users as { username: string; password_hash: string }[]).find(
        (u) => u.username === 'opa',
      )!.password_hash;
    // The test station hashes cheaply, as only tests may; a real station is opened without it.
    expect(decodeHash(hashOf())?.params.ln).toBe(10);
    ctx.reopen({ passwordHashing: undefined });
    expect(await login('opa', 'sandi-opa-123')).toMatchObject({ ok: true });
    expect(decodeHash(hashOf())?.params).toEqual({ ln: 17, r: 8, p: 1 });
    expect(await login('opa', 'sandi-opa-123')).toMatchObject({ ok: true });
  });
});
