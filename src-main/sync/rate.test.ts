import { describe, expect, it } from 'vitest';
import { RateMeter } from './rate';

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
