import { afterEach, describe, expect, it } from 'vitest';
import { SignaturePadDriver } from './driver';
import type { PadSample, PadTarget } from './driver';
import { isSignaturePadError } from './errors';
import { SIMULATED_GENERIC_PROFILE } from './profiles';
import { SimulatedDigitizerPad, SimulatedStuPad } from './simulator';
import { garbageReports, shortScript, signatureScript } from './strokes';

const FAST = { speed: 20 };
let drivers: SignaturePadDriver[] = [];
afterEach(async () => {
  await Promise.all(drivers.map((d) => d.close()));
  drivers = [];
});

function stuDriver(opts: { reopenFails?: () => boolean } = {}) {
  const pads: SimulatedStuPad[] = [];
  const driver = new SignaturePadDriver({
    open: async () => {
      if (opts.reopenFails?.() && pads.length > 0) throw new Error('not there');
      const pad = new SimulatedStuPad({ productId: 0x00a5, ...FAST });
      pads.push(pad);
      return { device: pad, target: { kind: 'stu', productId: 0x00a5 } satisfies PadTarget };
    },
    backoff: { initialMs: 10, maxMs: 40 },
  });
  drivers.push(driver);
  return { driver, pads, pad: () => pads[pads.length - 1]! };
}

describe('signature pad driver with the simulated STU-530', () => {
  it('reads the capability and information on open', async () => {
    const { driver } = stuDriver();
    const desc = await driver.open();
    expect(desc).toMatchObject({
      kind: 'stu',
      model: 'STU-530',
      vendorId: 0x056a,
      productId: 0x00a5,
      firmware: '1.7',
      maxX: 10800,
      maxY: 6480,
      maxPressure: 1023,
      widthMm: 108,
      reportRate: 200,
    });
    expect(driver.state).toBe('ready');
  });

  it('clears the screen and turns inking on for a session, off at the end', async () => {
    const { driver, pad } = stuDriver();
    await driver.open();
    const s = await driver.beginSession();
    expect(pad().received.map((r) => [...r])).toEqual([
      [0x20, 0x00],
      [0x21, 0x01],
    ]);
    expect(pad().inking).toBe(true);
    await expect(driver.beginSession()).rejects.toSatisfy((e) => isSignaturePadError(e, 'BUSY'));
    await s.end();
    expect(pad().inking).toBe(false);
  });

  it('streams a full signature as samples in millimetres with the pad clock', async () => {
    const { driver, pad } = stuDriver();
    await driver.open();
    const samples: PadSample[] = [];
    driver.on('sample', (s: PadSample) => samples.push(s));
    await driver.beginSession();
    const script = signatureScript(pad().size);
    await pad().play(script);
    expect(samples).toHaveLength(script.length);
    const ink = samples.filter((s) => s.tip);
    expect(ink.length).toBeGreaterThan(400);
    for (const s of ink) {
      expect(s.x).toBeGreaterThanOrEqual(0);
      expect(s.x).toBeLessThanOrEqual(108);
      expect(s.y).toBeLessThanOrEqual(64.8);
      expect(s.p).toBeGreaterThan(0);
      expect(s.p).toBeLessThanOrEqual(1);
    }
    // 0x34 time counter: 5 ms apart at 200 reports/s, strictly increasing.
    expect(samples[10]!.t - samples[9]!.t).toBe(5);
    expect(Math.abs(ink[100]!.x - script.filter((s) => s.tip)[100]!.x)).toBeLessThan(0.02);
  });

  it('drops samples outside a session and counts garbage without failing', async () => {
    const { driver, pad } = stuDriver();
    await driver.open();
    const samples: PadSample[] = [];
    driver.on('sample', (s: PadSample) => samples.push(s));
    await pad().play(shortScript(pad().size));
    expect(samples).toHaveLength(0);
    await driver.beginSession();
    await pad().emitReports(garbageReports(20));
    await pad().play(shortScript(pad().size));
    expect(driver.garbageCount).toBe(20);
    expect(samples.filter((s) => s.tip).length).toBe(8);
    expect(driver.state).toBe('ready');
  });

  it('survives an unplug mid-signature and reconnects, inking on again', async () => {
    let plugged = true;
    const { driver, pads, pad } = stuDriver({ reopenFails: () => !plugged });
    await driver.open();
    const states: string[] = [];
    driver.on('state', (s: string) => states.push(s));
    const samples: PadSample[] = [];
    driver.on('sample', (s: PadSample) => samples.push(s));
    await driver.beginSession();
    const first = pad();
    const playing = first.play(signatureScript(first.size));
    await new Promise((r) => setTimeout(r, 20));
    plugged = false;
    first.unplug();
    await playing;
    const before = samples.length;
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(signatureScript(first.size).length);
    expect(driver.state === 'disconnected' || driver.state === 'reconnecting').toBe(true);
    await new Promise((r) => setTimeout(r, 60));
    expect(pads).toHaveLength(1); // reopen keeps failing while unplugged
    plugged = true;
    const back = new Promise((r) => driver.once('reconnected', r));
    await back;
    expect(driver.state).toBe('ready');
    expect(states).toContain('disconnected');
    expect(pads).toHaveLength(2);
    expect(pad().inking).toBe(true);
    await pad().play(shortScript(pad().size));
    expect(samples.length).toBeGreaterThan(before);
  });

  it('refuses an unknown STU product id', async () => {
    const driver = new SignaturePadDriver({
      open: async () => ({
        device: new SimulatedStuPad(),
        target: { kind: 'stu', productId: 0x0999 },
      }),
    });
    drivers.push(driver);
    await expect(driver.open()).rejects.toSatisfy((e) => isSignaturePadError(e, 'UNKNOWN_MODEL'));
  });

  it('wraps a failing open as OPEN_FAILED', async () => {
    const driver = new SignaturePadDriver({
      open: async () => {
        throw new Error('permission denied');
      },
    });
    drivers.push(driver);
    await expect(driver.open()).rejects.toSatisfy((e) => isSignaturePadError(e, 'OPEN_FAILED'));
  });
});

describe('signature pad driver with the simulated generic HID pen pad', () => {
  it('decodes the descriptor-laid-out reports into the same millimetres', async () => {
    const p = SIMULATED_GENERIC_PROFILE;
    const pad = new SimulatedDigitizerPad(p, FAST);
    const driver = new SignaturePadDriver({
      open: async () => ({
        device: pad,
        target: {
          kind: 'generic',
          name: p.name,
          vendorId: p.vendorId,
          productId: p.productId,
          descriptor: p.descriptor,
          widthMm: 1,
          heightMm: 1,
          reportRate: 200,
        },
      }),
    });
    drivers.push(driver);
    const desc = await driver.open();
    // The descriptor's units win over the profile's numbers.
    expect(desc.widthMm).toBeCloseTo(100, 6);
    expect(desc.heightMm).toBeCloseTo(60, 6);
    expect(desc.maxPressure).toBe(4095);
    const samples: PadSample[] = [];
    driver.on('sample', (s: PadSample) => samples.push(s));
    await driver.beginSession();
    const script = signatureScript(pad.size);
    await pad.play(script);
    expect(samples).toHaveLength(script.length);
    const i = script.findIndex((s) => s.tip) + 50;
    expect(samples[i]!.x).toBeCloseTo(script[i]!.x, 2);
    expect(samples[i]!.y).toBeCloseTo(script[i]!.y, 2);
    expect(samples[i]!.p).toBeCloseTo(script[i]!.p, 2);
    // No screen to drive on a generic pad.
    expect(pad.received).toHaveLength(0);
  });

  it("takes a profile's measured size over the descriptor's physical range", async () => {
    const p = SIMULATED_GENERIC_PROFILE;
    const pad = new SimulatedDigitizerPad(p, FAST);
    const driver = new SignaturePadDriver({
      open: async () => ({
        device: pad,
        target: {
          kind: 'generic',
          name: p.name,
          vendorId: p.vendorId,
          productId: p.productId,
          descriptor: p.descriptor,
          widthMm: 200,
          heightMm: 120,
          sizeFromProfile: true,
          reportRate: 200,
        },
      }),
    });
    drivers.push(driver);
    const desc = await driver.open();
    expect(desc.widthMm).toBe(200);
    expect(desc.heightMm).toBe(120);
    const samples: PadSample[] = [];
    driver.on('sample', (s: PadSample) => samples.push(s));
    await driver.beginSession();
    const script = shortScript(pad.size);
    await pad.play(script);
    const i = script.findIndex((s) => s.tip);
    // The simulator draws in the descriptor's 100 × 60 mm; the profile says the pad is twice that.
    expect(samples[i]!.x).toBeCloseTo(script[i]!.x * 2, 1);
    expect(samples[i]!.y).toBeCloseTo(script[i]!.y * 2, 1);
  });
});
