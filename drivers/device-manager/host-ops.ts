// What the driver host does for each request. Kept apart from the IPC entry (host-child.ts)
// so tests can run the very same operations in-process against a pty simulator.
import { discoverFingerprint } from '../fingerprint/discovery';
import { enumerateDevices } from './enumerate';
import type { ByteTransport } from '../fingerprint/transport';
import type { HostOp, HostOps, HostPush } from './host-protocol';
import type { RawDevice } from './matching';

export interface HostOpsOptions {
  enumerate?: () => Promise<{ devices: RawDevice[]; errors: string[] }>;
  probeTimeoutMs?: number;
  /** Where received serial bytes and port closes go (the IPC channel to the station). */
  push?: (m: HostPush) => void;
  /** Opens a serial port (default: the real serialport transport). */
  openSerial?: (path: string, baud: number) => Promise<ByteTransport>;
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
  };
  return (op, params) => {
    const fn = ops[op] as ((p: unknown) => Promise<unknown>) | undefined;
    if (!fn) return Promise.reject(new Error(`unknown op ${String(op)}`));
    return fn(params) as Promise<never>;
  };
}
