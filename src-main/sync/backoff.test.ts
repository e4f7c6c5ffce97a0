import { describe, expect, it } from 'vitest';
import { backoffMs } from './backoff';
import { RateMeter } from './rate';

describe('backoffMs', () => {
  const o = { baseMs: 1000, maxMs: 60_000 };
  it('doubles per failure between half and all of the cap', () => {
    expect(backoffMs(1, o, () => 0)).toBe(500);
    expect(backoffMs(1, o, () => 1)).toBe(1000);
    expect(backoffMs(4, o, () => 0)).toBe(4000);
    expect(backoffMs(4, o, () => 1)).toBe(8000);
  });
  it('never exceeds the maximum, even after many failures', () => {
    for (const n of [7, 20, 1000]) {
      expect(backoffMs(n, o, () => 1)).toBe(60_000);
      expect(backoffMs(n, o, () => 0)).toBe(30_000);
    }
  });
  it('spreads retries (jitter)', () => {
    const seen = new Set(Array.from({ length: 50 }, () => backoffMs(5, o)));
    expect(seen.size).toBeGreaterThan(10);
  });
});

describe('RateMeter', () => {
  it('has no rate until it has seen traffic', () => {
    const m = new RateMeter();
    expect(m.rate(0)).toBeNull();
    m.add(1000, 0);
    expect(m.rate(100)).toBeNull();
  });
  it('measures bytes per second over the window', () => {
    const m = new RateMeter(10_000);
    for (let t = 0; t <= 5000; t += 500) m.add(5000, t);
    expect(m.rate(5000)).toBeCloseTo(10_000, -2);
    expect(m.sent).toBe(55_000);
  });
  it('forgets a rate after a long silence (offline)', () => {
    const m = new RateMeter(10_000);
    m.add(1000, 0);
    m.add(1000, 1000);
    expect(m.rate(60_000)).toBeNull();
  });
});
