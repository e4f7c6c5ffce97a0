// Baud negotiation at connect over a real socat pty pair: SetSysPara register 4, both ends of
// the line reopened at the new rate, and a clean fall-back when the module does not follow.
// (The line and its rate check: test/helpers/fingerprint-line.ts.)
import { afterEach, describe, expect, it } from 'vitest';
import type { SimulatorOptions } from '../../drivers/fingerprint/simulator';
import { openFingerprintLine } from '../helpers/fingerprint-line';
import type { Cleanup } from '../helpers/fingerprint-line';

const cleanup: Cleanup = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const rig = (sim: SimulatorOptions, opts: { hostMax?: number } = {}) =>
  openFingerprintLine(cleanup, sim, opts);

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
