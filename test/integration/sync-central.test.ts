// central.* against the reference central server: configuration, key checks, registration.
import { afterEach, describe, expect, it } from 'vitest';
import { generateStationKeys } from '../../src-main/packets/index';
import { addUser, loginAs, must, openTestStation, setUpStation, tempDir } from '../helpers/station';
import { startCentral } from '../central/server';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function technicianStation() {
  const { dir, cleanup } = tempDir();
  const station = openTestStation(dir, { faceDetector: null });
  cleanups.push(cleanup, () => station.close());
  await setUpStation(station);
  await addUser(station, 'tekno', 'technician');
  await loginAs(station, 'tekno');
  return station;
}

describe('central configuration and registration', () => {
  it('shows the station key fingerprint before anything is configured', async () => {
    const station = await technicianStation();
    const c = await must(station, 'central.config', {});
    expect(c).toMatchObject({ url: null, centralKeyFingerprint: null, registered: false });
    expect(c.stationKeyFingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    const status = await must(station, 'sync.status', {});
    expect(status.state).toBe('not-configured');
  });

  it('refuses a signing key or garbage where the central encryption key belongs', async () => {
    const station = await technicianStation();
    for (const publicKey of [generateStationKeys().publicKeyPem, 'bukan kunci sama sekali']) {
      const r = await station.call('central.setConfig', { url: 'http://127.0.0.1:1', publicKey });
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('VALIDATION');
        expect(r.error.fields?.publicKey).toBeTruthy();
      }
    }
  });

  it('registers with a one-time token; a forged token and a dead address get clear answers', async () => {
    const { dir, cleanup } = tempDir('rekam-central-');
    const central = await startCentral({ dataDir: dir, port: 0, tls: true });
    cleanups.push(cleanup, () => central.close());
    const station = await technicianStation();

    const dead = await must(station, 'central.setConfig', {
      url: 'http://127.0.0.1:9',
      publicKey: central.keyBundle,
    });
    expect(dead.centralKeyFingerprint).toBe(central.fingerprint);
    const unreachable = await station.call('central.register', {
      token: central.issueToken(dead.stationId!),
    });
    expect(unreachable.ok).toBe(false);
    if (!unreachable.ok) expect(unreachable.error.message).toMatch(/tidak dapat dihubungi/);

    await must(station, 'central.setConfig', {
      url: `${central.url}/`,
      publicKey: central.keyBundle,
      tlsPin: central.tlsPin!,
    });
    const token = central.issueToken(dead.stationId!);
    const reg = await must(station, 'central.register', { token });
    expect(reg.registered).toBe(true);
    expect((await must(station, 'sync.status', {})).state).not.toBe('not-configured');

    const forged = await station.call('central.register', { token: 'bukan-token-asli-123' });
    expect(forged.ok).toBe(false);
    if (!forged.ok) expect(forged.error.fields?.token).toMatch(/token/i);

    // Pointing at another centre drops the registration (that centre has not seen our key).
    const moved = await must(station, 'central.setConfig', {
      url: 'http://127.0.0.1:10',
      publicKey: central.keyBundle,
    });
    expect(moved.registered).toBe(false);
  });

  it('keeps the pause across a restart and audits it', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const first = openTestStation(dir, { faceDetector: null });
    await setUpStation(first);
    await addUser(first, 'tekno', 'technician');
    await loginAs(first, 'tekno');
    expect((await must(first, 'sync.setPaused', { paused: true })).state).toBe('paused');
    first.close();
    const again = openTestStation(dir, { faceDetector: null });
    cleanups.push(() => again.close());
    await loginAs(again, 'tekno');
    expect((await must(again, 'sync.status', {})).state).toBe('paused');
    expect((await must(again, 'sync.setPaused', { paused: false })).state).toBe('not-configured');
  });
});
