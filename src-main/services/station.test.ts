import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayloads, SessionInfo } from '../api/contract';
import { createLogger } from './log';
import { LATEST_SCHEMA_VERSION } from '../store/migrations';
import type { Station } from './station';
import {
  SUPERVISOR,
  addUser,
  dumpStore,
  loginAs,
  must,
  openTestStation,
  setUpStation,
  tempDir,
  testClock,
  validResident,
} from './testing';

let dir: string;
let cleanup: () => void;
let station: Station;
let clock: ReturnType<typeof testClock>;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  clock = testClock();
  station = openTestStation(dir, { now: clock.now });
});
afterEach(() => {
  station.close();
  cleanup();
});

describe('setup and app.info', () => {
  it('reports not set up, then sets up once, logs the supervisor in and names the kecamatan', async () => {
    const before = await must(station, 'app.info', {});
    expect(before).toMatchObject({
      setupDone: false,
      station: null,
      locale: 'id',
      host: 'browser',
    });

    const denied = await station.call('users.list', {});
    expect(denied).toMatchObject({ ok: false, error: { code: 'NOT_SET_UP' } });

    const events: (SessionInfo | null)[] = [];
    station.on('session.changed', (s) => events.push(s));
    await setUpStation(station);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      locked: false,
      idleLockMinutes: 5,
      user: { username: 'sari', role: 'supervisor' },
    });

    const info = await must(station, 'app.info', {});
    expect(info.setupDone).toBe(true);
    expect(info.station).toMatchObject({ kecamatanCode: '32.01.01', kecamatanName: 'CIBINONG' });
    expect(info.station?.id).toMatch(/^S/);

    const again = await station.call('setup.create', {
      stationName: 'Lagi',
      kecamatanCode: '32.01.01',
      supervisor: { username: 'other', fullName: 'Other', password: 'another-pass-1' },
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_SET_UP' } });
    const actions = (await must(station, 'audit.list', {})).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['setup', 'user.created', 'login.ok']));
  });

  it('refuses an unknown kecamatan and a weak first password, writing nothing', async () => {
    const before = dumpStore(dir);
    const unknown = await station.call('setup.create', {
      stationName: 'Meja',
      kecamatanCode: '32.01.99',
      supervisor: SUPERVISOR,
    });
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', fields: { kecamatanCode: expect.any(String) } },
    });
    const weak = await station.call('setup.create', {
      stationName: 'Meja',
      kecamatanCode: '32.01.01',
      supervisor: { ...SUPERVISOR, password: '12345678' },
    });
    expect(weak).toMatchObject({
      ok: false,
      error: { code: 'WEAK_PASSWORD', fields: { password: 'Kata sandi tidak boleh hanya angka.' } },
    });
    expect(dumpStore(dir)).toEqual(before);
  });
});

describe('dispatcher', () => {
  it('answers unknown methods, including prototype names, with UNKNOWN_METHOD', async () => {
    for (const m of ['nope', '__proto__', 'toString', 'constructor', '']) {
      expect(await station.call(m, {})).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_METHOD' },
      });
    }
  });

  it('turns malformed payloads into BAD_REQUEST without echoing them, store unchanged', async () => {
    await setUpStation(station);
    await addUser(station, 'opa', 'operator');
    await loginAs(station, 'opa');
    const before = dumpStore(dir);
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
      const r = await station.call(method, input);
      expect(r, `${method} ${JSON.stringify(input)?.slice(0, 80)}`).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
      if (!r.ok) {
        expect(r.error.message.length).toBeLessThan(200);
        expect(r.error.message).not.toContain('XXXX');
      }
    }
    expect(dumpStore(dir)).toEqual(before);
  });

  it("refuses an operator's users.create with FORBIDDEN, audits it, and creates nobody", async () => {
    await setUpStation(station);
    await addUser(station, 'opa', 'operator');
    await loginAs(station, 'opa');
    const usersBefore = dumpStore(dir).users;
    const r = await station.call('users.create', {
      username: 'sneaky',
      fullName: 'Sneaky',
      role: 'supervisor',
      password: 'sneaky-pass-1',
    });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/Peran Anda/) },
    });
    const after = dumpStore(dir);
    expect(after.users).toEqual(usersBefore);
    expect(after.audit_log?.at(-1)).toMatchObject({
      action: 'forbidden',
      username: 'opa',
      target: 'users.create',
    });
  });

  it('does not let a technician save drafts, nor read recordings', async () => {
    await setUpStation(station);
    await addUser(station, 'tek', 'technician');
    await loginAs(station, 'tek');
    const before = dumpStore(dir).recordings;
    expect(await station.call('recordings.saveDraft', { resident: validResident() })).toMatchObject(
      {
        ok: false,
        error: { code: 'FORBIDDEN' },
      },
    );
    expect(await station.call('recordings.today', {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(dumpStore(dir).recordings).toEqual(before);
    // …but can read the station diagnostics.
    const info = await must(station, 'station.info', {});
    expect(info).toMatchObject({
      encrypted: true,
      keySource: 'key-file',
      schemaVersion: LATEST_SCHEMA_VERSION,
      dataDir: dir,
    });
    expect(info.databaseBytes).toBeGreaterThan(0);
    expect(info.node).toBe(process.versions.node);
  });

  it('needs a session for non-public methods', async () => {
    await setUpStation(station);
    await must(station, 'auth.logout', {});
    expect(await station.call('auth.ping', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await must(station, 'auth.session', {})).toBeNull();
  });

  it('turns a handler crash into INTERNAL with a generic message and logs the stack', async () => {
    station.close();
    let broken = false;
    station = openTestStation(dir, {
      now: () => {
        if (broken) throw new Error('clock broke near 3201011205900001');
        return clock.now();
      },
      logger: createLogger({ dataDir: dir }),
    });
    await setUpStation(station);
    broken = true;
    const r = await station.call('auth.ping', {});
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'Terjadi kesalahan di stasiun. Coba lagi; jika berulang, hubungi teknisi.',
      },
    });
    const log = readFileSync(join(dir, 'logs', 'rekam.log'), 'utf8');
    expect(log).toContain('"msg":"handler failed"');
    expect(log).toContain('"method":"auth.ping"');
    expect(log).toContain('station.test.ts');
    expect(log).not.toContain('3201011205900001');
    broken = false;
    station.close();
    expect(await station.call('auth.session', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });
});

describe('idle lock', () => {
  it('locks after the idle time, refuses non-public calls until the same user unlocks', async () => {
    await setUpStation(station);
    await addUser(station, 'opa', 'operator');
    await loginAs(station, 'opa');
    const events: EventPayloads['session.changed'][] = [];
    station.on('session.changed', (s) => events.push(s));

    clock.advance(4 * 60_000);
    await must(station, 'auth.ping', {}); // activity pushes the lock back
    clock.advance(4 * 60_000);
    await must(station, 'auth.session', {}); // public calls are not activity
    await must(station, 'recordings.today', {});
    clock.advance(5 * 60_000 + 1);
    expect(await station.call('recordings.today', {})).toMatchObject({
      ok: false,
      error: { code: 'SESSION_LOCKED' },
    });
    expect(events.at(-1)).toMatchObject({ locked: true, user: { username: 'opa' } });
    expect(await must(station, 'auth.session', {})).toMatchObject({ locked: true });
    expect(await station.call('auth.ping', {})).toMatchObject({
      ok: false,
      error: { code: 'SESSION_LOCKED' },
    });

    expect(await station.call('auth.unlock', { password: 'wrong-password' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_CREDENTIALS' },
    });
    const unlocked = await must(station, 'auth.unlock', { password: 'sandi-opa-123' });
    expect(unlocked).toMatchObject({ locked: false, user: { username: 'opa' } });
    expect(events.at(-1)).toMatchObject({ locked: false });
    await must(station, 'recordings.today', {});

    await must(station, 'auth.logout', {});
    expect(events.at(-1)).toBeNull();
    await loginAs(station, 'sari', SUPERVISOR.password);
    const actions = (await must(station, 'audit.list', { limit: 20 })).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['session.locked', 'unlock.failed', 'session.unlocked', 'logout']),
    );
  });

  it('locks from the background timer too', async () => {
    station.close();
    station = openTestStation(dir, { now: clock.now, idleCheckMs: 10 });
    await setUpStation(station);
    const locked = new Promise<EventPayloads['session.changed']>((resolve) =>
      station.on('session.changed', resolve),
    );
    clock.advance(6 * 60_000);
    expect(await locked).toMatchObject({ locked: true });
  });
});

describe('prefs, events and status', () => {
  it('persists the locale and answers in English afterwards', async () => {
    await must(station, 'prefs.setLocale', { locale: 'en' });
    expect(await station.call('users.list', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_SET_UP', message: expect.stringMatching(/not set up/) },
    });
    station.close();
    station = openTestStation(dir, { now: clock.now });
    expect((await must(station, 'app.info', {})).locale).toBe('en');
  });

  it('emits status placeholders and lets listeners unsubscribe', () => {
    const seen: EventPayloads['status'][] = [];
    const off = station.on('status', (s) => seen.push(s));
    station.emitStatus();
    expect(seen[0]).toEqual({
      devices: { camera: 'pending', fingerprint: 'pending', signature: 'pending' },
      network: 'unknown',
      sync: { pending: 0, state: 'not-configured' },
    });
    station.emitStatus({ network: 'offline' });
    expect(seen[1]?.network).toBe('offline');
    off();
    station.emitStatus();
    expect(seen).toHaveLength(2);
  });

  it('answers region queries from the region index', async () => {
    const provinces = await must(station, 'regions.children', { parent: '' });
    expect(provinces.length).toBeGreaterThanOrEqual(34);
    const path = await must(station, 'regions.lookup', { code: '32.01.01.1001' });
    expect(path.district?.name).toBe('CIBINONG');
  });
});
