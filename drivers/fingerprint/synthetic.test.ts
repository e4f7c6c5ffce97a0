import { describe, expect, it } from 'vitest';
import { IMAGE_PIXELS } from './codec';
import { syntheticFingerprint } from './synthetic';

describe('syntheticFingerprint', () => {
  it('is deterministic per finger, person and quality', () => {
    expect(syntheticFingerprint(4, 'dry', 7)).toEqual(syntheticFingerprint(4, 'dry', 7));
    expect(syntheticFingerprint(4).length).toBe(IMAGE_PIXELS);
  });

  it('gives each of the ten fingers (and each person) its own ridges', () => {
    const imgs = Array.from({ length: 10 }, (_, i) => syntheticFingerprint(i + 1));
    const differs = (a: Uint8Array, b: Uint8Array) => {
      let d = 0;
      for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 40) d++;
      return d / a.length;
    };
    for (let i = 0; i < 10; i++)
      for (let j = i + 1; j < 10; j++) expect(differs(imgs[i]!, imgs[j]!)).toBeGreaterThan(0.1);
    expect(
      differs(syntheticFingerprint(1, 'clear', 1), syntheticFingerprint(1, 'clear', 2)),
    ).toBeGreaterThan(0.1);
  });
});
