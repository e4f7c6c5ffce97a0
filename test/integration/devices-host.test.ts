// The driver host is a real child process: killing it (SIGKILL, as a native crash would end
// it) must cost the station nothing but a short gap, and the host must come back by itself.
import { afterEach, describe, expect, it } from 'vitest';
import { DriverHost, forkSpawner } from '../../drivers/device-manager/host-supervisor';
import { DeviceManager } from '../../drivers/device-manager/manager';
import { TrafficRegistry } from '../../drivers/device-manager/traffic';
import { createFingerprintDevice } from '../../src-main/services/devices/fingerprint-device';
import type { FingerprintDevice } from '../../src-main/services/devices/fingerprint-device';
import type { Station } from '../../src-main/services/station/station';
import { addUser, loginAs, must, openTestStation, setUpStation, tempDir } from '../helpers/station';
import { fingerprintTrafficRedactor } from '../../drivers/fingerprint/traffic-redactor';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('driver host supervision', () => {
  it('restarts a killed host with backoff and answers again', async () => {
    const host = new DriverHost({ spawn: forkSpawner(), backoff: { initialMs: 50 } }).start();
    cleanups.push(() => host.close());
    const pid1 = await host.whenUp();
    expect(pid1).not.toBe(process.pid);
    expect((await host.request('ping', {})).pid).toBe(pid1);
    const listed = await host.request('enumerate', {});
    expect(Array.isArray(listed.devices)).toBe(true);

    const down = new Promise<{ signal: string | null }>((r) => host.once('down', r));
    const up = new Promise<number>((r) => host.once('up', r));
    process.kill(pid1, 'SIGKILL');
    expect((await down).signal).toBe('SIGKILL');
    await expect(host.request('ping', {})).rejects.toMatchObject({ code: 'HOST_DOWN' });
    const pid2 = await up;
    expect(pid2).not.toBe(pid1);
    expect(host.restarts).toBe(1);
    expect((await host.request('ping', {})).pid).toBe(pid2);

    await host.close();
    expect(isAlive(pid2)).toBe(false);
  }, 30_000);

  it('fails a request cut off by the crash instead of hanging', async () => {
    const host = new DriverHost({ spawn: forkSpawner(), backoff: { initialMs: 50 } }).start();
    cleanups.push(() => host.close());
    const pid = await host.whenUp();
    // A probe of a port that does not exist still takes a moment; kill the host meanwhile.
    const pending = host.request('probe', { path: '/dev/rekam-does-not-exist' });
    process.kill(pid, 'SIGKILL');
    await expect(pending).rejects.toBeDefined();
    await host.whenUp();
  }, 30_000);

  it('keeps the station answering while the driver host is killed and restarted', async () => {
    const tmp = tempDir('rekam-devhost-');
    cleanups.push(() => tmp.cleanup());
    const host = new DriverHost({ spawn: forkSpawner(), backoff: { initialMs: 100 } }).start();
    const manager = new DeviceManager({ host, pollMs: 200 });
    const traffic = new TrafficRegistry();
    const fp: FingerprintDevice = createFingerprintDevice(
      { mode: 'simulated', simTransport: 'memory', simSpeed: 50 },
      {
        log: { info: () => undefined, warn: () => undefined },
        tap: (t) => traffic.tap('fingerprint', t, fingerprintTrafficRedactor()),
      },
    );
    const station: Station = openTestStation(tmp.dir, {
      faceDetector: null,
      fingerprint: { instance: fp },
      devices: { manager, traffic },
    });
    cleanups.push(async () => {
      station.close();
      manager.stop();
      await host.close();
      await fp.close();
    });
    manager.start();
    await setUpStation(station);
    await addUser(station, 'teknisi', 'technician');
    await loginAs(station, 'teknisi');
    const pid = await host.whenUp();

    const hostStates: string[] = [];
    manager.on('host', (s: string) => hostStates.push(s));
    const restarted = new Promise<number>((r) => host.once('up', r));
    process.kill(pid, 'SIGKILL');
    // While the host is down the station answers at once, from what it knows.
    const during = await station.call('devices.list', {});
    expect(during.ok).toBe(true);
    expect((await station.call('app.info', {})).ok).toBe(true);
    expect(await restarted).not.toBe(pid);
    await manager.refresh();
    expect(manager.hostState).toBe('up');
    expect(hostStates).toContain('up');
    const after = await must(station, 'devices.list', {});
    expect(after.find((e) => e.modality === 'fingerprint')?.state).toBe('simulated');
  }, 40_000);
});

describe('a hung driver host', () => {
  it('is killed when a request times out, and comes back', async () => {
    let n = 0;
    // The first child never says anything after hello (a native call stuck forever).
    const spawn = forkSpawner();
    const host = new DriverHost({
      spawn: () => {
        const ch = spawn();
        if (n++ === 0)
          return {
            ...ch,
            send: () => undefined,
            get pid() {
              return ch.pid;
            },
          };
        return ch;
      },
      backoff: { initialMs: 50 },
    }).start();
    cleanups.push(() => host.close());
    const pid1 = await host.whenUp();
    const up = new Promise<number>((r) => host.once('up', r));
    await expect(host.request('ping', {}, 300)).rejects.toMatchObject({ code: 'TIMEOUT' });
    const pid2 = await up;
    expect(pid2).not.toBe(pid1);
    expect(isAlive(pid1)).toBe(false);
    expect((await host.request('ping', {})).pid).toBe(pid2);
  }, 30_000);
});
