import { describe, expect, it } from 'vitest';
import { backoffMs } from './backoff';

describe('backoffMs', () => {
  const o = { baseMs: 1000, maxMs: 60_000 };

  it('doubles per failure, between half and all of the cap', () => {
    expect(backoffMs(1, o, () => 0)).toBe(500);
    expect(backoffMs(1, o, () => 1)).toBe(1000);
    expect(backoffMs(4, o, () => 0)).toBe(4000);
    expect(backoffMs(4, o, () => 1)).toBe(8000);
  });

  it('stays within [cap/2, cap] for any random draw', () => {
    for (const n of [1, 2, 3, 6, 9]) {
      const cap = Math.min(o.maxMs, o.baseMs * 2 ** (n - 1));
      for (const r of [0, 0.1, 0.37, 0.5, 0.99, 1]) {
        const wait = backoffMs(n, o, () => r);
        expect(wait).toBeGreaterThanOrEqual(cap / 2);
        expect(wait).toBeLessThanOrEqual(cap);
        expect(wait).toBe(Math.round(cap / 2 + (r * cap) / 2));
      }
    }
  });

  it('never exceeds the maximum, even after very many failures', () => {
    for (const n of [7, 20, 1000, Number.MAX_SAFE_INTEGER]) {
      expect(backoffMs(n, o, () => 1)).toBe(60_000);
      expect(backoffMs(n, o, () => 0)).toBe(30_000);
    }
  });

  it('treats zero, negative and fractional counts as the first failure', () => {
    for (const n of [0, -3, 0.5, 1.9]) expect(backoffMs(n, o, () => 1)).toBe(1000);
  });

  it('grows by the given factor', () => {
    expect(backoffMs(3, { ...o, factor: 3 }, () => 1)).toBe(9000);
    expect(backoffMs(3, { ...o, factor: 1 }, () => 1)).toBe(1000);
  });

  it('uses Math.random when no source is given', () => {
    const seen = new Set(Array.from({ length: 50 }, () => backoffMs(5, o)));
    expect(seen.size).toBeGreaterThan(10);
    for (const w of seen) expect(w >= 8000 && w <= 16_000).toBe(true);
  });
});
