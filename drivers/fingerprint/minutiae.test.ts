import { describe, expect, it } from 'vitest';
import { FingerprintDriver } from './driver';
import {
  applyPose,
  captureMinutiae,
  decodeTemplate,
  encodeTemplate,
  matchMinutiae,
  randomPose,
} from './minutiae';
import { FingerprintSimulator } from './simulator';
import { fingerGeometry, mulberry32, syntheticFingerprint } from './synthetic';
import { createMemoryPair } from '../transport/byte-transport';

const capture = (finger: number, seed: number, person = 1) => {
  const rand = mulberry32(seed);
  const { minutiae } = fingerGeometry(finger, person);
  return captureMinutiae(minutiae, randomPose(rand), 'clear', rand);
};

describe('minutiae: the simulated module matcher', () => {
  it('every finger carries ridge endings and bifurcations inside the fingertip', () => {
    for (let f = 1; f <= 10; f++) {
      const { minutiae } = fingerGeometry(f, 3);
      expect(minutiae.length).toBeGreaterThanOrEqual(24);
      expect(new Set(minutiae.map((m) => m.kind))).toEqual(new Set(['ending', 'bifurcation']));
      for (const m of minutiae) {
        expect(m.x).toBeGreaterThan(0);
        expect(m.x).toBeLessThan(256);
        expect(m.y).toBeGreaterThan(0);
        expect(m.y).toBeLessThan(288);
      }
    }
  });

  it('scores two captures of one finger high and two different fingers low', () => {
    const same: number[] = [];
    const other: number[] = [];
    for (let f = 1; f <= 10; f++) {
      const a = capture(f, 100 + f);
      same.push(matchMinutiae(a, capture(f, 200 + f)));
      for (let g = f + 1; g <= 10; g++) other.push(matchMinutiae(a, capture(g, 300 + g)));
      // Another resident's same finger is another finger.
      other.push(matchMinutiae(a, capture(f, 400 + f, 2)));
    }
    expect(Math.min(...same)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...other)).toBeLessThan(50);
  });

  it('a template keeps its minutiae (1/16 px, 256 directions)', () => {
    const ms = capture(6, 9);
    const back = decodeTemplate(encodeTemplate(ms))!;
    expect(back).toHaveLength(ms.length);
    back.forEach((m, i) => {
      expect(m.kind).toBe(ms[i]!.kind);
      expect(Math.abs(m.x - ms[i]!.x)).toBeLessThan(0.05);
      expect(Math.abs(m.y - ms[i]!.y)).toBeLessThan(0.05);
    });
    expect(decodeTemplate(new Uint8Array(512))).toBeNull();
  });

  it('captures of the same finger differ in position, rotation and pressure', () => {
    const base = syntheticFingerprint(3);
    const a = applyPose(base, randomPose(mulberry32(1)), mulberry32(2));
    const b = applyPose(base, randomPose(mulberry32(3)), mulberry32(4));
    let differ = 0;
    for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 40) differ++;
    expect(differ / a.length).toBeGreaterThan(0.1);
  });

  it("the module's Match and Search see the same finger across captures", async () => {
    const [host, dev] = createMemoryPair();
    const simulator = new FingerprintSimulator(dev, { pace: false });
    const driver = new FingerprintDriver({ transport: host, timeouts: { ackMs: 2000 } });
    try {
      const take = async (finger: number, buffer: 1 | 2) => {
        simulator.placeFinger(finger);
        await driver.genImg();
        await driver.img2Tz(buffer);
        return simulator.lastImage!;
      };
      const first = await take(4, 1);
      const second = await take(4, 2);
      expect(second).not.toEqual(first);
      const same = await driver.match();
      expect(same.matched).toBe(true);
      expect(same.score).toBeGreaterThanOrEqual(100);
      await take(5, 2);
      expect((await driver.match()).matched).toBe(false);
    } finally {
      await driver.close();
    }
  });
});
