import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventPayloads, SessionInfo } from '../../api/contract';
import { createLogger } from '../common/log';
import { LATEST_SCHEMA_VERSION } from '../../store/migrations';
import {
  SUPERVISOR,
  addUser,
  dumpStore,
  loginAs,
  must,
  setUpStation,
  validResident,
} from '../../../test/helpers/station';
import { useTestStation } from '../../../test/helpers/station-hooks';

const ctx = useTestStation({ setUp: false });

describe('setup and app.info', () => {
  it('reports not set up, then sets up once, logs the supervisor in and names the kecamatan', async () => {
    const before = await must(ctx.station, 'app.info', {});
    expect(before).toMatchObject({
      setupDone: false,
      station: null,
      locale: 'id',
      host: 'browser',
    });

    const denied = await ctx.station.call('users.list', {});
    expect(denied).toMatchObject({ ok: false, error: { code: 'NOT_SET_UP' } });

    const events: (SessionInfo | null)[] = [];
    ctx.station.on('session.changed', (s) => events.push(s));
    await setUpStation(ctx.station);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      locked: false,
      idleLockMinutes: 5,
      user: { username: 'sari', role: 'supervisor' },
    });

    const info = await must(ctx.station, 'app.info', {});
    expect(info.setupDone).toBe(true);
    expect(info.station).toMatchObject({ kecamatanCode: '32.01.01', kecamatanName: 'CIBINONG' });
    expect(info.station?.id).toMatch(/^S/);

    const again = await ctx.station.call('setup.create', {
      stationName: 'Lagi',
      kecamatanCode: '32.01.01',
      supervisor: { username: 'other', fullName: 'Other', password: 'another-pass-1' },
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });
    const actions = (await must(ctx.station, 'audit.list', {})).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['setup', 'user.created', 'login.ok']));
  });

  it('refuses an unknown kecamatan and a weak first password, writing nothing', async () => {
    const before = dumpStore(ctx.dir);
    const unknown = await ctx.station.call('setup.create', {
      stationName: 'Meja',
      kecamatanCode: '32.01.99',
      supervisor: SUPERVISOR,
    });
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { kecamatanCode: expect.any(String) } },
    });
    const weak = await ctx.station.call('setup.create', {
      stationName: 'Meja',
      kecamatanCode: '32.01.01',
      supervisor: { ...SUPERVISOR, password: '12345678' },
    });
    expect(weak).toMatchObject({
      ok: false,
      error: { code: 'WEAK_PASSWORD', fields: { password: 'Kata sandi tidak boleh hanya angka.' } },
    });
    expect(dumpStore(ctx.dir)).toEqual(before);
  });
});

describe('dispatcher', () => {
  it('answers unknown methods, including prototype names, with UNKNOWN_METHOD', async () => {
    for (const m of ['nope', '__proto__', 'toString', 'constructor', '']) {
      expect(await ctx.station.call(m, {})).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_METHOD' },
      });
    }
  });

  it('turns malformed payloads into BAD_REQUEST without echoing them, store unchanged', async () => {
    await setUpStation(ctx.station);
    await addUser(ctx.station, 'opa', 'operator');
    await loginAs(ctx.station, 'opa');
    const before = dumpStore(ctx.dir);
    const huge = 'X'.repeat(1_000_000);
    const bad: [string, unknown][] = [
      ['users.create', null],
      ['users.create', []],
      ['users.create', 'string'],
      ['auth.login', { username: 42, password: 'x' }],
      ['auth.login', { username: 'sari', password: 'x', extra: true }],
      ['auth.login', { username: huge, password: 'x' }],
      ['auth.login', { username: 'sari', password: huge }],
      ['recordings.saveDraft', { resident: { ...validResident(), name: huge } }],
      ['recordings.saveDraft', { resident: { ...validResident(), sex: 'X' } }],
      ['recordings.saveDraft', { resident: validResident(), nik: '1' }],
      ['recordings.saveDraft', { resident: [validResident()] }],
      ['recordings.saveDraft', { id: '../etc', resident: validResident() }],
      ['recordings.today', { query: 42 }],
      ['audit.list', { limit: 1e9 }],
      ['prefs.setLocale', { locale: 'fr' }],
      ['app.info', undefined],
      ['auth.ping', { __proto__: { x: 1 }, y: 2 }],
    ];
    for (const [method, input] of bad) {
      const r = await ctx.station.call(method, input);
      expect(r, `${method} ${JSON.stringify(input)?.slice(0, 80)}`).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
      if (!r.ok) {
        expect(r.error.message.length).toBeLessThan(200);
        expect(r.error.message).not.toContain('XXXX');
      }
    }
    expect(dumpStore(ctx.dir)).toEqual(before);
  });

  it("refuses an operator's users.create with FORBIDDEN, audits it, and creates nobody", async () => {
    await setUpStation(ctx.station);
    await addUser(ctx.station, 'opa', 'operator');
    await loginAs(ctx.station, 'opa');
    const usersBefore = dumpStore(ctx.dir).users;
    const r = await ctx.station.call('users.create', {
      username: 'sneaky',
      fullName: 'Sneaky',
      role: 'supervisor',
      password: 'sneaky-pass-1',
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/Peran Anda/) },
    });
    const after = dumpStore(ctx.dir);
    expect(after.users).toEqual(usersBefore);
    expect(after.audit_log?.at(-1)).toMatchObject({
      action: 'forbidden',
      username: 'opa',
      target: 'users.create',
    });
  });

  it('does not let a technician save drafts, nor read recordings', async () => {
    await setUpStation(ctx.station);
    await addUser(ctx.station, 'tek', 'technician');
    await loginAs(ctx.station, 'tek');
    const before = dumpStore(ctx.dir).recordings;
    expect(
      await ctx.station.call('recordings.saveDraft', { resident: validResident() }),
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await ctx.station.call('recordings.today', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(dumpStore(ctx.dir).recordings).toEqual(before);
    // …but can read the ctx.station diagnostics.
    const info = await must(ctx.station, 'station.info', {});
    expect(info).toMatchObject({
      encrypted: true,
      keySource: 'key-file',
      schemaVersion: LATEST_SCHEMA_VERSION,
      dataDir: ctx.dir,
    });
    expect(info.databaseBytes).toBeGreaterThan(0);
    expect(info.node).toBe(process.versions.node);
  });

  it('needs a session for non-public methods', async () => {
    await setUpStation(ctx.station);
    await must(ctx.station, 'auth.logout', {});
    expect(await ctx.station.call('auth.ping', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await must(ctx.station, 'auth.session', {})).toBeNull();
  });

  it('turns a handler crash into INTERNAL with a generic message and logs the stack', async () => {
    let broken = false;
    ctx.reopen({
      now: () => {
        if (broken) throw new Error('clock broke near 3201011205900001');
        return ctx.clock.now();
      },
      logger: createLogger({ dataDir: ctx.dir }),
    });
    await setUpStation(ctx.station);
    broken = true;
    const r = await ctx.station.call('auth.ping', {});
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'Terjadi kesalahan di stasiun. Coba lagi; jika berulang, hubungi teknisi.',
      },
    });
    const log = readFileSync(join(ctx.dir, 'logs', 'rekam.log'), 'utf8');
    expect(log).toContain('"msg":"handler failed"');
    expect(log).toContain('"method":"auth.ping"');
    expect(log).toContain('station.test.ts');
    expect(log).not.toContain('3201011205900001');
    broken = false;
    ctx.station.close();
    expect(await ctx.station.call('auth.session', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });
});

describe('idle lock', () => {
  it('locks after the idle time, refuses non-public calls until the same user unlocks', async () => {
    await setUpStation(ctx.station);
    await addUser(ctx.station, 'opa', 'operator');
    await loginAs(ctx.station, 'opa');
    const events: EventPayloads['session.changed'][] = [];
    ctx.station.on('session.changed', (s) => events.push(s));

    ctx.clock.advance(4 * 60_000);
    await must(ctx.station, 'auth.ping', {}); // activity pushes the lock back
    ctx.clock.advance(4 * 60_000);
    await must(ctx.station, 'auth.session', {}); // public calls are not activity
    await must(ctx.station, 'recordings.today', {});
    ctx.clock.advance(5 * 60_000 + 1);
    expect(await ctx.station.call('recordings.today', {})).toMatchObject({
      ok: false,
      error: { code: 'SESSION_LOCKED' },
    });
    expect(events.at(-1)).toMatchObject({ locked: true, user: { username: 'opa' } });
    expect(await must(ctx.station, 'auth.session', {})).toMatchObject({ locked: true });
    expect(await ctx.station.call('auth.ping', {})).toMatchObject({
      ok: false,
      error: { code: 'SESSION_LOCKED' },
    });

    expect(await ctx.station.call('auth.unlock', { password: 'wrong-password' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_CREDENTIALS' },
    });
    const unlocked = await must(ctx.station, 'auth.unlock', { password: 'sandi-opa-123' });
    expect(unlocked).toMatchObject({ locked: false, user: { username: 'opa' } });
    expect(events.at(-1)).toMatchObject({ locked: false });
    await must(ctx.station, 'recordings.today', {});

    await must(ctx.station, 'auth.logout', {});
    expect(events.at(-1)).toBeNull();
    await loginAs(ctx.station, 'sari', SUPERVISOR.password);
    const actions = (await must(ctx.station, 'audit.list', { limit: 20 })).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['session.locked', 'unlock.failed', 'session.unlocked', 'logout']),
    );
  });

  it('locks from the background timer too', async () => {
    ctx.reopen({ idleCheckMs: 10 });
    await setUpStation(ctx.station);
    const locked = new Promise<EventPayloads['session.changed']>((resolve) =>
      ctx.station.on('session.changed', resolve),
    );
    ctx.clock.advance(6 * 60_000);
    expect(await locked).toMatchObject({ locked: true });
  });
});

describe('prefs, events and status', () => {
  it('persists the locale and answers in English afterwards', async () => {
    await must(ctx.station, 'prefs.setLocale', { locale: 'en' });
    expect(await ctx.station.call('users.list', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_SET_UP', message: expect.stringMatching(/not set up/) },
    });
    ctx.reopen();
    expect((await must(ctx.station, 'app.info', {})).locale).toBe('en');
  });

  it('emits status placeholders and lets listeners unsubscribe', () => {
    const seen: EventPayloads['status'][] = [];
    const off = ctx.station.on('status', (s) => seen.push(s));
    ctx.station.emitStatus();
    expect(seen[0]).toEqual({
      devices: { camera: 'pending', fingerprint: 'pending', signature: 'pending' },
      network: 'unknown',
      sync: { pending: 0, state: 'not-configured' },
    });
    ctx.station.emitStatus({ network: 'offline' });
    expect(seen[1]?.network).toBe('offline');
    off();
    ctx.station.emitStatus();
    expect(seen).toHaveLength(2);
  });

  it('answers region queries from the region index', async () => {
    const provinces = await must(ctx.station, 'regions.children', { parent: '' });
    expect(provinces.length).toBeGreaterThanOrEqual(34);
    const path = await must(ctx.station, 'regions.lookup', { code: '32.01.01.1001' });
    expect(path.district?.name).toBe('CIBINONG');
  });
});
