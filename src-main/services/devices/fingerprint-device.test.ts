import { afterEach, describe, expect, it } from 'vitest';
import type { DeviceState } from '../../api/contract';
import { createFingerprintDevice } from './fingerprint-device';
import type { FingerprintDevice } from './fingerprint-device';

const silent = { info: () => undefined, warn: () => undefined };

let fp: FingerprintDevice | null = null;

afterEach(async () => {
  await fp?.close();
  fp = null;
});

describe('fingerprint device start-up', () => {
  it('says "pending" while the module is negotiated, and ready only once a capture can use it', async () => {
    // Negotiation moves the line to 115,200 baud: the driver reports idle/busy several times
    // before start-up has finished. A caller that sees "simulated" must find a driver.
    const seen: Array<{ state: DeviceState; hasDriver: boolean }> = [];
    fp = createFingerprintDevice(
      { mode: 'simulated', simTransport: 'memory', simSpeed: 50, bauds: [115_200] },
      { log: silent },
    );
    const device = fp;
    device.onState((state) => seen.push({ state, hasDriver: device.driver() !== null }));
    expect(device.state()).toBe('pending');
    expect(device.driver()).toBeNull();
    await device.ready();
    expect(device.state()).toBe('simulated');
    expect(seen).toEqual([{ state: 'simulated', hasDriver: true }]);
  });

  it('still reports a lost module after start-up', async () => {
    fp = createFingerprintDevice(
      { mode: 'simulated', simTransport: 'memory', simSpeed: 50 },
      { log: silent },
    );
    const device = fp;
    await device.ready();
    const states: DeviceState[] = [];
    device.onState((s) => states.push(s));
    await device.sim!.unplug();
    await expect.poll(() => states.includes('error'), { timeout: 5_000 }).toBe(true);
  });
});
