// The signature pad's HID I/O runs in the driver host child (a real fork): the STU simulator is
// opened inside the child with a `sim:` path, the station's driver reads its capability and a
// scripted signature through the remote device, and killing the child (SIGKILL, as a native
// crash would) is an unplug: the host restarts, the driver reconnects by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DriverHost, forkSpawner } from '../../drivers/device-manager/host-supervisor';
import { remoteHidOpener } from '../../drivers/device-manager/remote-hid';
import { TrafficRegistry, tapHid } from '../../drivers/device-manager/traffic';
import { SignaturePadDriver } from '../../drivers/signature-pad/driver';
import type { PadSample } from '../../drivers/signature-pad/driver';
import type { HidDevice } from '../../drivers/transport/hid-device';

describe('signature pad HID I/O in the driver host child', () => {
  let host: DriverHost;
  let driver: SignaturePadDriver;
  let opener: ReturnType<typeof remoteHidOpener>;
  let current: HidDevice | null = null;
  const traffic = new TrafficRegistry();

  const waitFor = async (what: () => boolean, ms = 10_000) => {
    const end = Date.now() + ms;
    while (!what() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(what()).toBe(true);
  };

  /** Plays the simulator's signature script in the child, collecting the driver's samples. */
  async function sign(): Promise<PadSample[]> {
    const samples: PadSample[] = [];
    const onSample = (s: PadSample) => samples.push(s);
    driver.on('sample', onSample);
    const session = await driver.beginSession();
    try {
      const handle = opener.handleOf(current!);
      expect(handle).not.toBeNull();
      await host.request('hid.simulate', { handle: handle!, script: 'signature' });
      // The last reports may still be on the IPC channel when the child answers.
      await new Promise((r) => setTimeout(r, 100));
    } finally {
      await session.end();
      driver.off('sample', onSample);
    }
    return samples;
  }

  beforeAll(async () => {
    host = new DriverHost({ spawn: forkSpawner(), backoff: { initialMs: 100 } }).start();
    opener = remoteHidOpener(host);
    driver = new SignaturePadDriver({
      open: async () => {
        const d = tapHid(await opener('sim:stu-530'), traffic.ring('signature'));
        current = d;
        return { device: d, target: { kind: 'stu', productId: 0x00a5 } };
      },
      backoff: { initialMs: 100, maxMs: 500 },
    });
  }, 20_000);

  afterAll(async () => {
    await driver?.close();
    await host?.close();
  });

  it('reads the capability and a signature through the remote device', async () => {
    const desc = await driver.open();
    expect(desc.model).toBe('STU-530');
    expect(desc.firmware).toBe('1.7');
    expect(desc.maxX).toBeGreaterThan(0);
    expect(desc.maxPressure).toBeGreaterThan(0);

    const samples = await sign();
    expect(samples.length).toBeGreaterThan(50);
    expect(samples.some((s) => s.tip)).toBe(true);
    for (const s of samples) {
      expect(s.x).toBeGreaterThanOrEqual(0);
      expect(s.x).toBeLessThanOrEqual(desc.widthMm);
    }
    // The raw-traffic view sees the feature reports and the pen reports.
    const ring = traffic.ring('signature').after(0);
    expect(ring.some((e) => e.dir === 'tx')).toBe(true);
    expect(ring.some((e) => e.dir === 'rx')).toBe(true);
  }, 20_000);

  it('treats a killed child as an unplug and reconnects through the restarted child', async () => {
    const pid1 = await host.whenUp();
    const disconnected = new Promise<void>((r) => driver.once('disconnected', () => r()));
    const reconnected = new Promise<void>((r) => driver.once('reconnected', () => r()));
    const restarted = new Promise<number>((r) => host.once('up', r));
    process.kill(pid1, 'SIGKILL');
    await disconnected;
    expect(driver.state).not.toBe('ready');
    const pid2 = await restarted;
    expect(pid2).not.toBe(pid1);
    await reconnected;
    await waitFor(() => driver.state === 'ready');
    expect(host.restarts).toBe(1);

    const samples = await sign();
    expect(samples.length).toBeGreaterThan(50);
    expect(samples.some((s) => s.tip)).toBe(true);
  }, 30_000);
});
