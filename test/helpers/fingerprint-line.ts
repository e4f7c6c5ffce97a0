// A scanner line on a real socat pty pair: the simulated module on one end, the driver on the
// other, each end reopened at a new rate the way a real UART is reprogrammed. A pty carries
// bytes whatever the rate, so the module's end is wrapped in what a real UART does when the two
// ends disagree on the rate: every byte arrives as garbage.
import { EventEmitter } from 'node:events';
import { FingerprintDriver } from '../../drivers/fingerprint/driver';
import { FingerprintSimulator } from '../../drivers/fingerprint/simulator';
import type { SimulatorOptions } from '../../drivers/fingerprint/simulator';
import type { ByteTransport, TransportEvents } from '../../drivers/transport/byte-transport';
import { openSerialTransport } from '../../drivers/transport/serial';
import { openPtyPair } from './pty';
import type { PtyPair } from './pty';

/** The rates each end of the line is open at right now. */
export interface Line {
  host: number;
  module: number;
}

/** The module's end of a line: bytes cross intact only while both ends use the same rate. */
class RateCheckedEnd extends EventEmitter implements ByteTransport {
  constructor(
    private readonly inner: ByteTransport,
    private readonly line: Line,
  ) {
    super();
    inner.on('data', (b) => this.emit('data', this.matched() ? b : garble(b)));
    inner.on('close', () => this.emit('close'));
    inner.on('error', (e) => this.emit('error', e));
  }
  private matched(): boolean {
    return this.line.host === this.line.module;
  }
  get isOpen(): boolean {
    return this.inner.isOpen;
  }
  write(bytes: Uint8Array): Promise<void> {
    return this.inner.write(this.matched() ? bytes : garble(bytes));
  }
  close(): Promise<void> {
    return this.inner.close();
  }
  override on<E extends keyof TransportEvents>(event: E, l: TransportEvents[E]): this {
    return super.on(event, l);
  }
  override off<E extends keyof TransportEvents>(event: E, l: TransportEvents[E]): this {
    return super.off(event, l);
  }
}

/** Framing errors at the wrong rate: start bits land mid-byte, nothing decodes. */
const garble = (b: Uint8Array) => b.map((x) => (x ^ 0xa5) | 0x80);

export type Cleanup = (() => Promise<void> | void)[];

export interface FingerprintLine {
  driver: FingerprintDriver;
  simulator: FingerprintSimulator;
  line: Line;
  pair: PtyPair;
}

/** Opens the line at 57,600 baud and handshakes; everything opened is pushed to `cleanup`. */
export async function openFingerprintLine(
  cleanup: Cleanup,
  sim: SimulatorOptions,
  opts: { hostMax?: number; password?: number; handshake?: boolean } = {},
): Promise<FingerprintLine> {
  const pair: PtyPair = await openPtyPair();
  cleanup.push(() => pair.close());
  const line: Line = { host: 57600, module: 57600 };
  const moduleEnd = async (baud: number) => {
    line.module = baud;
    return new RateCheckedEnd(await openSerialTransport(pair.b, baud), line);
  };
  const simulator = new FingerprintSimulator(await moduleEnd(57600), {
    baud: 57600,
    paceSpeedup: 20,
    openAt: moduleEnd,
    ...sim,
  });
  cleanup.push(() => simulator.stop());
  const opened: number[] = [];
  const openAt = async (baud: number) => {
    if (opts.hostMax && baud > opts.hostMax) throw new Error(`adapter cannot do ${baud} baud`);
    opened.push(baud);
    line.host = baud;
    return openSerialTransport(pair.a, baud);
  };
  const driver = new FingerprintDriver({
    transport: await openAt(57600),
    baud: 57600,
    openAt,
    ...(opts.password !== undefined ? { password: opts.password } : {}),
    timeouts: { ackMs: 400, dataIdleMs: 500, settleMs: 30 },
  });
  cleanup.push(() => driver.close());
  if (opts.handshake !== false) await driver.handshake();
  return { driver, simulator, line, pair };
}
