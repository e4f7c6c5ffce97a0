// Baud negotiation at connect over a real socat pty pair: SetSysPara register 4, both ends of
// the line reopened at the new rate, and a clean fall-back when the module does not follow.
// A pty carries bytes whatever the rate, so the module's end is wrapped in what a real UART
// does when the two ends disagree on the rate: every byte arrives as garbage.
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { FingerprintDriver } from '../../drivers/fingerprint/driver';
import { FingerprintSimulator } from '../../drivers/fingerprint/simulator';
import type { SimulatorOptions } from '../../drivers/fingerprint/simulator';
import type { ByteTransport, TransportEvents } from '../../drivers/transport/byte-transport';
import { openSerialTransport } from '../../drivers/transport/serial';
import { openPtyPair } from '../helpers/pty';
import type { PtyPair } from '../helpers/pty';

/** The rates each end of the line is open at right now. */
interface Line {
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

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function rig(
  sim: SimulatorOptions,
  opts: { hostMax?: number } = {},
): Promise<{ driver: FingerprintDriver; simulator: FingerprintSimulator; line: Line }> {
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
    timeouts: { ackMs: 400, dataIdleMs: 500, settleMs: 30 },
  });
  cleanup.push(() => driver.close());
  await driver.handshake();
  return { driver, simulator, line };
}

describe('baud negotiation over a socat pty pair', () => {
  it('moves both ends to 115,200 and keeps working there', async () => {
    const { driver, simulator, line } = await rig({});
    const change = await driver.negotiateBaud([115200]);
    expect(change).toEqual({ baud: 115200, outcome: 'switched' });
    expect(line).toEqual({ host: 115200, module: 115200 });
    expect(simulator.currentBaud).toBe(115200);
    expect(driver.baud).toBe(115200);
    expect((await driver.readSysPara()).baud).toBe(115200);
    simulator.placeFinger(4);
    const img = await driver.captureImage({ pollMs: 10 });
    expect(img.gray.length).toBe(256 * 288);
    // Already there: nothing to do.
    expect(await driver.negotiateBaud([115200])).toEqual({ baud: 115200, outcome: 'unchanged' });
  });

  it('keeps the rate when the module refuses the register', async () => {
    const { driver, simulator, line } = await rig({ maxBaudMultiplier: 6 });
    const commands: string[] = [];
    simulator.on('command', (c: string) => commands.push(c));
    const change = await driver.negotiateBaud([115200]);
    expect(change).toEqual({ baud: 57600, outcome: 'refused' });
    expect(line).toEqual({ host: 57600, module: 57600 });
    expect(commands).toEqual(['SET_SYS_PARA']);
    await driver.handshake();
  });

  it('falls back to the old rate when the module acks but does not switch', async () => {
    const { driver, simulator, line } = await rig({ ignoresBaudChange: true });
    const states: string[] = [];
    driver.on('state', (s: string) => states.push(s));
    const change = await driver.negotiateBaud([115200]);
    expect(change).toEqual({ baud: 57600, outcome: 'fell-back' });
    expect(line).toEqual({ host: 57600, module: 57600 });
    expect(driver.baud).toBe(57600);
    // The silent probes at the wrong rate did not count as a lost device.
    expect(states).not.toContain('disconnected');
    simulator.placeFinger(2);
    expect((await driver.captureImage({ pollMs: 10 })).gray.length).toBe(256 * 288);
  });

  it('says DISCONNECTED, not hangs, when the module switched but the adapter cannot follow', async () => {
    const { driver, line } = await rig({}, { hostMax: 57600 });
    await expect(driver.negotiateBaud([115200])).rejects.toMatchObject({ code: 'DISCONNECTED' });
    expect(line).toEqual({ host: 57600, module: 115200 });
  });
});
