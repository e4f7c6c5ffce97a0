// The queue's thermal printer and `--signature auto`'s pad list run in the driver host child
// (a real fork), like the scanner: the printer's port is opened by the child at each print
// (so a port chosen on the technician screen takes effect at the next print, no restart), and
// node-hid's devices() is read there, the pad chosen in the station from that list.
import { realpathSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forkSpawner } from '../../drivers/device-manager/host-supervisor';
import type { HostOp } from '../../drivers/device-manager/host-protocol';
import { attachSimulatedPrinter } from '../../drivers/printer/simulator';
import type { SimulatedPrinter } from '../../drivers/printer/simulator';
import { STU_MODELS } from '../../drivers/signature-pad/stu-codec';
import { ptyPairsAvailable } from '../../drivers/transport/pty-pair';
import { openSerialTransport } from '../../drivers/transport/serial';
import type { SerialTransport } from '../../drivers/transport/serial';
import { startDevices } from '../../src-main/services/devices/startup';
import type { StartedDevices } from '../../src-main/services/devices/startup';
import { silentLogger } from '../../src-main/services/common/log';
import { createSignatureDevice } from '../../src-main/services/devices/signature-device';
import type { Station } from '../../src-main/services/station/station';
import { addUser, loginAs, must, openTestStation, setUpStation, tempDir } from '../helpers/station';
import { openPtyPair } from '../helpers/pty';
import type { PtyPair } from '../helpers/pty';

interface FakePrinter {
  pair: PtyPair;
  port: SerialTransport;
  sim: SimulatedPrinter;
}
async function fakePrinter(): Promise<FakePrinter> {
  const pair = await openPtyPair();
  const port = await openSerialTransport(pair.b, 9600);
  return { pair, port, sim: attachSimulatedPrinter(port) };
}

describe.skipIf(!ptyPairsAvailable() || process.platform !== 'linux')(
  'thermal printer and pad list in the driver host child',
  () => {
    let dir: string;
    let cleanup: () => void;
    let devices: StartedDevices;
    let station: Station;
    const printers: FakePrinter[] = [];
    /** Every request the station sends to the child, with its path when it has one. */
    const requests: string[] = [];

    beforeAll(async () => {
      ({ dir, cleanup } = tempDir('rekam-printerio-'));
      devices = startDevices({
        dataDir: dir,
        fingerprint: { mode: 'none' },
        spawn: forkSpawner(),
        log: silentLogger,
      });
      const host = devices.host!;
      const request = host.request.bind(host);
      host.request = ((op: HostOp, params: { path?: string }) => {
        requests.push(params?.path ? `${op} ${params.path}` : op);
        return request(op, params as never);
      }) as typeof host.request;
      station = openTestStation(dir, { faceDetector: null, devices: devices.stationOptions });
      await setUpStation(station);
      await addUser(station, 'ani', 'operator');
      printers.push(await fakePrinter(), await fakePrinter());
    }, 30_000);

    afterAll(async () => {
      station?.close();
      await devices?.close();
      for (const p of printers) {
        p.sim.detach();
        await p.port.close();
        await p.pair.close();
      }
      cleanup?.();
    });

    it('prints through a port the child opens, and a new port choice works at once', async () => {
      const [first, second] = printers as [FakePrinter, FakePrinter];
      await loginAs(station, 'sari', 'rahasia-sari-1');
      await must(station, 'queue.setPrinter', { path: first.pair.a, baud: 9600, width: 32 });
      await loginAs(station, 'ani');
      const { card } = await must(station, 'queue.issue', { name: 'Budi' });
      const job = first.sim.nextJob();
      await must(station, 'queue.print', { id: card.id });
      expect((await job).some((c) => c.kind === 'cut')).toBe(true);
      expect(requests).toContain(`serial.open ${first.pair.a}`);

      // The technician moves the printer to another port: the next print uses it, no restart.
      await loginAs(station, 'sari', 'rahasia-sari-1');
      await must(station, 'queue.setPrinter', { path: second.pair.a });
      await loginAs(station, 'ani');
      const job2 = second.sim.nextJob();
      await must(station, 'queue.print', { id: card.id });
      expect((await job2).some((c) => c.kind === 'cut')).toBe(true);
      expect(requests).toContain(`serial.open ${second.pair.a}`);
      expect(realpathSync(second.pair.a)).toMatch(/^\/dev\/pts\//);
      expect(first.sim.jobs).toHaveLength(1);
      // The technician's port list comes from the child's enumeration.
      requests.length = 0;
      await loginAs(station, 'sari', 'rahasia-sari-1');
      const ports = await must(station, 'queue.printerPorts', {});
      expect(Array.isArray(ports)).toBe(true);
      expect(requests).toContain('enumerate');
    }, 30_000);

    it("reads --signature auto's pad list in the child", async () => {
      requests.length = 0;
      const listed = await devices.listHid!();
      expect(Array.isArray(listed.devices)).toBe(true);
      expect(requests.filter((r) => r.startsWith('hid.'))).toEqual(['hid.list']);

      // The station picks the pad from the child's list and opens it through the child: here
      // the list is the child's real one plus the child's STU simulator (no pad on CI).
      const stu = STU_MODELS[1]!;
      const pad = createSignatureDevice(
        { mode: 'auto' },
        {
          log: silentLogger,
          listHid: async () => {
            const real = await devices.listHid!();
            const sim = {
              path: 'sim:stu-530',
              vendorId: 0x056a,
              productId: stu.productIds[0]!,
              product: stu.name,
              manufacturer: 'Wacom',
              serialNumber: null,
              usagePage: null,
              usage: null,
              interface: 0,
            };
            return { devices: [sim, ...real.devices], readDescriptor: real.readDescriptor };
          },
          openHid: devices.openHid!,
        },
      );
      try {
        await pad.ready();
        expect(pad.simulated).toBe(false);
        expect(requests).toContain('hid.open sim:stu-530');
      } finally {
        await pad.close();
      }
    }, 30_000);
  },
);
