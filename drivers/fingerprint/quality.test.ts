import { describe, expect, it } from 'vitest';
import { packImage4, unpackImage4 } from './codec';
import { fingerprintQuality } from './quality';
import { blankImage, syntheticFingerprint } from './synthetic';

// Scores are computed on what the station really receives: the 4-bit image scaled to 8 bits.
const received = (finger: number, q: 'clear' | 'smudged' | 'partial' | 'dry', seed = 1) =>
  unpackImage4(packImage4(syntheticFingerprint(finger, q, seed)));

// Each ranking synthesises 30 full-size images: ~2 s on a quiet machine, over 20 s when the
// machine's two cores are shared; the budget is for a loaded CI runner, not a speed check.
const SYNTHESIS_BUDGET_MS = 120_000;

describe('fingerprintQuality', () => {
  it.each([1, 2, 3])(
    'ranks clear > smudged > partial for every finger (person %i)',
    (seed) => {
      for (let finger = 1; finger <= 10; finger++) {
        const clear = fingerprintQuality(received(finger, 'clear', seed)).score;
        const smudged = fingerprintQuality(received(finger, 'smudged', seed)).score;
        const partial = fingerprintQuality(received(finger, 'partial', seed)).score;
        expect(clear, `finger ${finger}`).toBeGreaterThan(smudged + 20);
        expect(smudged, `finger ${finger}`).toBeGreaterThan(partial + 3);
        expect(clear).toBeGreaterThanOrEqual(70);
        expect(clear).toBeLessThanOrEqual(100);
      }
    },
    SYNTHESIS_BUDGET_MS,
  );

  it('puts dry prints below clear ones and a blank window at 0', () => {
    for (let finger = 1; finger <= 10; finger++) {
      expect(fingerprintQuality(received(finger, 'dry')).score).toBeLessThan(
        fingerprintQuality(received(finger, 'clear')).score,
      );
    }
    expect(fingerprintQuality(unpackImage4(packImage4(blankImage())))).toEqual({
      score: 0,
      area: 0,
      contrast: 0,
      coherence: 0,
    });
  });

  it('explains the score with its parts', () => {
    const r = fingerprintQuality(received(1, 'partial'));
    expect(r.area).toBeLessThan(0.35);
    expect(r.coherence).toBeGreaterThan(0.7);
    expect(() => fingerprintQuality(new Uint8Array(10))).toThrow(RangeError);
  });
});
