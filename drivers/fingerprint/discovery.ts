// Finding the module: a configured port, or every candidate serial port probed with a
// handshake. Modules ship at 57,600 baud; the station moves them to 115,200 (kept in the
// module's flash), so that is tried next; a previous SetSysPara may have left any N × 9600.
import type { SystemParameters } from './codec';
import { FingerprintDriver } from './driver';
import type { DriverOptions } from './driver';
import { FingerprintError } from './errors';
import type { ByteTransport } from '../transport/byte-transport';

export const DEFAULT_BAUD = 57600;
const FAST_BAUD = 115200;
export const BAUD_CANDIDATES: readonly number[] = [
  DEFAULT_BAUD,
  FAST_BAUD,
  ...Array.from({ length: 12 }, (_, i) => (i + 1) * 9600).filter(
    (b) => b !== DEFAULT_BAUD && b !== FAST_BAUD,
  ),
];

export interface DiscoveryOptions {
  /** Configured port: only this one is tried. */
  path?: string;
  /** Configured baud: only this one is tried. */
  baud?: number;
  listPorts?: () => Promise<string[]>;
  open?: (path: string, baud: number) => Promise<ByteTransport>;
  password?: number;
  address?: number;
  /** Per-attempt answer time; a module answers VfyPwd in a few ms. */
  probeTimeoutMs?: number;
  signal?: AbortSignal;
  /** Options for the driver handed back (reopen is filled in here). */
  driver?: Omit<DriverOptions, 'transport' | 'reopen' | 'openAt' | 'baud' | 'password' | 'address'>;
  onAttempt?: (a: { path: string; baud: number; error?: string }) => void;
}

export interface DiscoveredModule {
  path: string;
  baud: number;
  params: SystemParameters;
  driver: FingerprintDriver;
}

async function defaultSerial() {
  // Loaded lazily so that code which only needs in-memory transports never loads the native
  // serialport binding.
  return import('../transport/serial');
}

export async function discoverFingerprint(opts: DiscoveryOptions = {}): Promise<DiscoveredModule> {
  const open = opts.open ?? (async (p, b) => (await defaultSerial()).openSerialTransport(p, b));
  const paths = opts.path
    ? [opts.path]
    : await (opts.listPorts ?? (async () => (await defaultSerial()).listSerialPorts()))();
  const bauds = opts.baud ? [opts.baud] : BAUD_CANDIDATES;
  const probeMs = opts.probeTimeoutMs ?? 300;
  for (const path of paths) {
    for (const baud of bauds) {
      if (opts.signal?.aborted) throw new FingerprintError('CANCELLED');
      let transport: ByteTransport;
      try {
        transport = await open(path, baud);
      } catch (e) {
        // Busy or forbidden ports are someone else's device; no other baud will change that.
        opts.onAttempt?.({ path, baud, error: (e as Error).message });
        break;
      }
      const probe = new FingerprintDriver({
        transport,
        password: opts.password,
        address: opts.address,
        timeouts: { ackMs: probeMs, settleMs: 20 },
        maxConsecutiveTimeouts: Number.POSITIVE_INFINITY,
      });
      try {
        await probe.handshake({ signal: opts.signal });
        const params = await probe.readSysPara({ signal: opts.signal });
        opts.onAttempt?.({ path, baud });
        await probe.close();
        // Reopen for the long-lived driver so it owns a fresh port with reconnect wired in.
        const driver = new FingerprintDriver({
          ...opts.driver,
          transport: await open(path, baud),
          baud,
          password: opts.password,
          address: opts.address,
          // Reconnects and baud changes reopen this port at the rate then in effect.
          openAt: (b) => open(path, b),
        });
        return { path, baud, params, driver };
      } catch (e) {
        opts.onAttempt?.({ path, baud, error: (e as Error).message });
        await probe.close();
        // A wrong password means we found the module; guessing bauds will not help.
        if (e instanceof FingerprintError && e.code === 'WRONG_PASSWORD') throw e;
        if (e instanceof FingerprintError && e.code === 'CANCELLED') throw e;
      }
    }
  }
  throw new FingerprintError('DEVICE_NOT_FOUND', { detail: `${paths.length} port(s) probed` });
}
