// Matching by probing over real pseudo-terminals: a CP210x-looking port with the simulated
// module behind it answers the handshake; one with nothing behind it stays silent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHostOps } from '../../drivers/device-manager/host-ops';
import { DeviceManager } from '../../drivers/device-manager/manager';
import type { HostClient, ManagedDevice } from '../../drivers/device-manager/manager';
import type { RawDevice } from '../../drivers/device-manager/matching';
import { FingerprintSimulator } from '../../drivers/fingerprint/simulator';
import { openSerialTransport } from '../../drivers/transport/serial';
import type { SerialTransport } from '../../drivers/transport/serial';
import { openPtyPair } from '../helpers/pty';
import type { PtyPair } from '../helpers/pty';

let withModule: PtyPair;
let empty: PtyPair;
let devicePort: SerialTransport;
let sim: FingerprintSimulator;

beforeAll(async () => {
  [withModule, empty] = await Promise.all([openPtyPair(), openPtyPair()]);
  devicePort = await openSerialTransport(withModule.b, 57600);
  sim = new FingerprintSimulator(devicePort, { baud: 57600, capacity: 1000, systemId: 0x5349 });
});

afterAll(async () => {
  sim?.stop();
  await devicePort?.close();
  await withModule?.close();
  await empty?.close();
});

const cp210x = (path: string): RawDevice => ({
  kind: 'serial',
  path,
  vendorId: 0x10c4,
  productId: 0xea60,
  serial: null,
  manufacturer: 'Silicon Labs',
  product: null,
});

describe('fingerprint candidates probed through the driver host operations', () => {
  it('confirms the port with a module and marks the silent one', async () => {
    const ops = createHostOps({
      enumerate: async () => ({ devices: [cp210x(withModule.a), cp210x(empty.a)], errors: [] }),
      probeTimeoutMs: 100,
    });
    const host: HostClient = { request: ops };
    const m = new DeviceManager({ host, pollMs: 50 }).start();
    try {
      const list = await new Promise<ManagedDevice[]>((resolve) => {
        m.on('changed', (l: ManagedDevice[]) => {
          if (l.length === 2 && l.every((d) => d.probe.state !== 'pending')) resolve(l);
        });
      });
      const by = Object.fromEntries(list.map((d) => [d.path, d.probe]));
      expect(by[withModule.a]).toEqual({
        state: 'answered',
        baud: 57600,
        systemId: 0x5349,
        capacity: 1000,
      });
      expect(by[empty.a]).toMatchObject({ state: 'silent' });
    } finally {
      m.stop();
    }
  }, 30_000);
});
