// What the driver host does for each request. Kept apart from the IPC entry (host-child.ts)
// so tests can run the very same operations in-process against a pty simulator.
import { discoverFingerprint } from '../fingerprint/discovery';
import { enumerateDevices } from './enumerate';
import type { ByteTransport } from '../transport/byte-transport';
import type { HidDevice } from '../transport/hid-device';
import { SimulatedStuPad } from '../signature-pad/simulator';
import { STU_MODELS } from '../signature-pad/stu-codec';
import { shortScript, signatureScript } from '../signature-pad/strokes';
import type { HostHidPush, HostOp, HostOps, HostPush } from './host-protocol';
import type { RawDevice } from './matching';

export interface HostOpsOptions {
  enumerate?: () => Promise<{ devices: RawDevice[]; errors: string[] }>;
  probeTimeoutMs?: number;
  /** Where received serial bytes and port closes go (the IPC channel to the station). */
  push?: (m: HostPush | HostHidPush) => void;
  /** Opens a serial port (default: the real serialport transport). */
  openSerial?: (path: string, baud: number) => Promise<ByteTransport>;
  /** Lists HID devices with digitizer descriptors (default: node-hid + sysfs). */
  listHid?: () => Promise<HostOps['hid.list']['result']>;
  /** Opens a HID device that is not `sim:` (default: node-hid). */
  openHid?: (path: string) => Promise<HidDevice>;
}

/**
 * `sim:stu-530` (any STU model name, `sim:stu` = STU-530) → the STU simulator, run inside the
 * child: how tests and training exercise the remote HID path without a pad.
 */
export function openSimulatedHid(path: string): SimulatedStuPad {
  const name = path.slice('sim:'.length).toUpperCase();
  const model = name === 'STU' ? STU_MODELS[1] : STU_MODELS.find((m) => m.name === name);
  if (!model) throw new Error(`unknown simulated HID device ${path}`);
  return new SimulatedStuPad({ productId: model.productIds[0]!, speed: 4 });
}

export type HostHandler = <O extends HostOp>(
  op: O,
  params: HostOps[O]['params'],
) => Promise<HostOps[O]['result']>;

export function createHostOps(opts: HostOpsOptions = {}): HostHandler {
  const started = Date.now();
  const enumerate = opts.enumerate ?? enumerateDevices;
  const push = opts.push ?? (() => undefined);
  const openSerial: (path: string, baud: number) => Promise<ByteTransport> =
    opts.openSerial ??
    (async (path: string, baud: number) =>
      (await import('../transport/serial')).openSerialTransport(path, baud));
  // Ports opened for the station; the native I/O lives here so a crash only ends this process.
  const ports = new Map<number, ByteTransport>();
  let nextHandle = 1;
  const openHid =
    opts.openHid ??
    (async (path: string) => (await import('../transport/hid')).openHidDevice(path));
  const listHid = opts.listHid ?? listHidWithDescriptors;
  const hids = new Map<number, HidDevice>();
  const hid = (handle: number): HidDevice => {
    const d = hids.get(handle);
    if (!d) throw new Error(`hid handle ${handle} is not open`);
    return d;
  };
  const port = (handle: number): ByteTransport => {
    const p = ports.get(handle);
    if (!p) throw new Error(`serial handle ${handle} is not open`);
    return p;
  };
  const ops: { [O in HostOp]: (p: HostOps[O]['params']) => Promise<HostOps[O]['result']> } = {
    ping: async () => ({ pid: process.pid, uptimeMs: Date.now() - started }),
    enumerate: () => enumerate(),
    probe: async ({ path, baud }) => {
      try {
        const found = await discoverFingerprint({
          path,
          ...(baud ? { baud } : {}),
          probeTimeoutMs: opts.probeTimeoutMs ?? 300,
        });
        // The probe only answers "is a module there?"; the station's own driver opens it.
        await found.driver.close();
        return { answered: true, baud: found.baud, params: found.params };
      } catch (e) {
        return { answered: false, error: e instanceof Error ? e.message : String(e) };
      }
    },
    'serial.open': async ({ path, baud }) => {
      const t = await openSerial(path, baud);
      const handle = nextHandle++;
      ports.set(handle, t);
      t.on('data', (b) =>
        push({
          serial: {
            handle,
            data: Buffer.from(b.buffer, b.byteOffset, b.length).toString('base64'),
          },
        }),
      );
      t.on('error', (e) => push({ serial: { handle, error: e.message } }));
      t.on('close', () => {
        if (!ports.delete(handle)) return;
        push({ serial: { handle, closed: true } });
      });
      return { handle };
    },
    'serial.write': async ({ handle, data }) => {
      await port(handle).write(new Uint8Array(Buffer.from(data, 'base64')));
      return {};
    },
    'serial.close': async ({ handle }) => {
      const p = ports.get(handle);
      if (p) {
        await p.close();
        if (ports.delete(handle)) push({ serial: { handle, closed: true } });
      }
      return {};
    },
    'hid.list': () => listHid(),
    'hid.open': async ({ path }) => {
      const d = path.startsWith('sim:') ? openSimulatedHid(path) : await openHid(path);
      const handle = nextHandle++;
      hids.set(handle, d);
      d.on('data', (b: Buffer) => push({ hid: { handle, data: b.toString('base64') } }));
      // node-hid's 'error' is the unplug: the device is dead, the station's driver reconnects.
      // The handle ends here: the station's device is finished by this push and never closes it.
      d.on('error', (e: Error) => {
        if (!hids.delete(handle)) return;
        try {
          d.close();
        } catch {
          // Already gone.
        }
        push({ hid: { handle, error: e.message } });
      });
      return { handle };
    },
    'hid.write': async ({ handle, data }) => ({
      written: await hid(handle).write(Buffer.from(data, 'base64')),
    }),
    'hid.getFeatureReport': async ({ handle, reportId, length }) => ({
      data: [...(await hid(handle).getFeatureReport(reportId, length))],
    }),
    'hid.sendFeatureReport': async ({ handle, data }) => ({
      sent: await hid(handle).sendFeatureReport(Buffer.from(data, 'base64')),
    }),
    'hid.close': async ({ handle }) => {
      const d = hids.get(handle);
      if (d && hids.delete(handle)) {
        try {
          d.close();
        } finally {
          push({ hid: { handle, closed: true } });
        }
      }
      return {};
    },
    'hid.simulate': async ({ handle, script }) => {
      const d = hid(handle);
      if (!(d instanceof SimulatedStuPad)) throw new Error(`hid handle ${handle} is not simulated`);
      if (script === 'unplug') d.unplug();
      else await d.play((script === 'short' ? shortScript : signatureScript)(d.size, 200));
      return {};
    },
  };
  return (op, params) => {
    const fn = ops[op] as ((p: unknown) => Promise<unknown>) | undefined;
    if (!fn) return Promise.reject(new Error(`unknown op ${String(op)}`));
    return fn(params) as Promise<never>;
  };
}

/** Digitizer usage page: only these need their report descriptor to be understood. */
const DIGITIZER_PAGE = 0x0d;

async function listHidWithDescriptors(): Promise<HostOps['hid.list']['result']> {
  const { listHidDevices, readSysfsDescriptor } = await import('../transport/hid');
  const devices = await listHidDevices();
  const descriptors: Record<string, string> = {};
  for (const d of devices) {
    if (d.usagePage !== DIGITIZER_PAGE) continue;
    const desc = readSysfsDescriptor(d.path);
    if (desc) descriptors[d.path] = Buffer.from(desc).toString('base64');
  }
  return { devices, descriptors };
}
