import { describe, expect, it } from 'vitest';
import { lineWidth, liveStats } from './signature-model';

describe('signature model', () => {
  it('counts ink points, strokes between pen lifts and the length of ink', () => {
    const s = liveStats([
      { x: 0, y: 0, p: 0.5, t: 0 },
      { x: 3, y: 4, p: 0.5, t: 5 },
      { x: 3, y: 4, p: 0, t: 10 },
      { x: 10, y: 0, p: 0.4, t: 200 },
      { x: 10, y: 2, p: 0.4, t: 205 },
    ]);
    expect(s).toEqual({ pointCount: 4, strokeCount: 2, inkMm: 7 });
    expect(liveStats([])).toEqual({ pointCount: 0, strokeCount: 0, inkMm: 0 });
  });
  it('widens the line with pressure, never below one pixel', () => {
    expect(lineWidth(0, 1)).toBe(1);
    expect(lineWidth(1, 6)).toBeCloseTo(3.6);
    expect(lineWidth(1, 6)).toBeGreaterThan(lineWidth(0.2, 6));
  });
});
