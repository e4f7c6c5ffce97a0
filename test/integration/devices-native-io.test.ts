// The scanner's native serial I/O runs in the driver host child (a real fork): a capture goes
// through the remote transport, and killing the child (SIGKILL, as a native crash would) costs
// the station a reconnect, not the session: the host restarts, the driver reopens by itself.
import { readdirSync, readlinkSync, realpathSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkSpawner } from '../../drivers/device-manager/host-supervisor';
import { ptyPairsAvailable } from '../../drivers/transport/pty-pair';
import { startDevices } from '../../src-main/services/devices/startup';
import type { StartedDevices } from '../../src-main/services/devices/startup';
import { silentLogger } from '../../src-main/services/common/log';
import type { Station } from '../../src-main/services/station/station';
import {
  addUser,
  loginAs,
  must,
  openTestStation,
  setUpStation,
  tempDir,
  validResident,
} from '../helpers/station';

/** The files a process holds open (Linux), resolved. */
function openFiles(pid: number | 'self'): string[] {
  const dir = `/proc/${pid}/fd`;
  const out: string[] = [];
  for (const fd of readdirSync(dir)) {
    try {
      out.push(readlinkSync(`${dir}/${fd}`));
    } catch {
      // closed meanwhile
    }
  }
  return out;
}

describe.skipIf(!ptyPairsAvailable() || process.platform !== 'linux')(
  'scanner serial I/O in the driver host child',
  () => {
    let dir: string;
    let cleanup: () => void;
    let devices: StartedDevices;
    let station: Station;
    let recordingId: string;

    const waitFor = async (what: () => boolean, ms = 10_000) => {
      const end = Date.now() + ms;
      while (!what() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
      expect(what()).toBe(true);
    };

    beforeAll(async () => {
      ({ dir, cleanup } = tempDir('rekam-nativeio-'));
      devices = startDevices({
        dataDir: dir,
        fingerprint: { mode: 'simulated', simTransport: 'pty', simSpeed: 40 },
        spawn: forkSpawner(),
        log: silentLogger,
      });
      station = openTestStation(dir, {
        faceDetector: null,
        fingerprint: { instance: devices.fingerprint, waitFingerMs: 2000 },
        devices: devices.stationOptions,
      });
      await devices.fingerprint.ready();
      await setUpStation(station);
      await addUser(station, 'ops', 'operator');
      await loginAs(station, 'ops');
      recordingId = (await must(station, 'recordings.saveDraft', { resident: validResident() })).id;
    }, 30_000);

    afterAll(async () => {
      station?.close();
      await devices?.close();
      cleanup?.();
    });

    it('captures through a port opened in the child, not in the station', async () => {
      expect(devices.fingerprint.state()).toBe('simulated');
      const hostPath = devices.fingerprint.info('en').path!;
      const tty = realpathSync(hostPath);
      const pid = await devices.host!.whenUp();
      expect(openFiles(pid)).toContain(tty);
      expect(openFiles('self')).not.toContain(tty);

      const r = await must(station, 'fingerprint.capture', { recordingId, finger: 1 });
      expect(r.outcome).toBe('accepted');
      // The raw-traffic view still sees the scanner's bytes.
      expect(devices.traffic.ring('fingerprint').after(0).length).toBeGreaterThan(0);
    }, 20_000);

    it('survives the child being killed mid-capture and between captures', async () => {
      const host = devices.host!;
      const states: string[] = [];
      const off = devices.fingerprint.onState((s) => states.push(s));

      // Mid-capture: the capture fails cleanly, the station keeps answering.
      const pid1 = await host.whenUp();
      const restarted1 = new Promise<number>((r) => host.once('up', r));
      const capturing = station.call('fingerprint.capture', { recordingId, finger: 2 });
      await new Promise((r) => setTimeout(r, 150));
      process.kill(pid1, 'SIGKILL');
      const failed = await capturing;
      expect(failed.ok).toBe(false);
      expect((await station.call('app.info', {})).ok).toBe(true);
      await waitFor(() => states.includes('error'));
      const during = await must(station, 'fingerprint.device', {});
      expect(['error', 'simulated']).toContain(during.state);
      const pid2 = await restarted1;
      expect(pid2).not.toBe(pid1);
      await waitFor(() => devices.fingerprint.state() === 'simulated');
      const r2 = await must(station, 'fingerprint.capture', { recordingId, finger: 2 });
      expect(r2.outcome).toBe('accepted');

      // Between captures.
      states.length = 0;
      const restarted2 = new Promise<number>((r) => host.once('up', r));
      process.kill(pid2, 'SIGKILL');
      await waitFor(() => states.includes('error'));
      expect((await station.call('app.info', {})).ok).toBe(true);
      const pid3 = await restarted2;
      await waitFor(() => devices.fingerprint.state() === 'simulated');
      const r3 = await must(station, 'fingerprint.capture', { recordingId, finger: 3 });
      expect(r3.outcome).toBe('accepted');
      expect(host.restarts).toBe(2);
      expect(openFiles(pid3)).toContain(realpathSync(devices.fingerprint.info('en').path!));
      off();
    }, 30_000);
  },
);
