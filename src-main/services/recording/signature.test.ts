import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { PenPoint } from '../../api/contract';
import { packPoints, unpackPoints } from '../../store/signatures-repo';
import { inkStats, renderSignaturePng, tooShortDetail } from './signature';

const line = (n: number, dx: number, dt: number, t0 = 0): PenPoint[] =>
  Array.from({ length: n }, (_, i) => ({ x: 10 + i * dx, y: 20, p: 0.5, t: t0 + i * dt }));

describe('signature rules', () => {
  it('counts ink points, strokes, duration and length; pen-up points split strokes', () => {
    const pts = [...line(10, 1, 5), { x: 19, y: 20, p: 0, t: 50 }, ...line(10, 1, 5, 200)];
    expect(inkStats(pts)).toEqual({ pointCount: 20, strokeCount: 2, durationMs: 245, inkMm: 18 });
  });

  it('refuses too few points, too little ink or too short a time, with the reason', () => {
    expect(tooShortDetail(inkStats(line(10, 5, 50)), 'id')).toBe('10 titik, perlu minimal 20');
    expect(tooShortDetail(inkStats(line(30, 0.2, 20)), 'en')).toBe(
      '6 mm of ink, at least 15 mm needed',
    );
    expect(tooShortDetail(inkStats(line(30, 1, 5)), 'id')).toBe('145 ms, perlu minimal 300 ms');
    expect(tooShortDetail(inkStats(line(30, 1, 20)), 'id')).toBeNull();
  });

  it('renders a 600×200 grey PNG with the ink inside the margins', async () => {
    const png = await renderSignaturePng([...line(40, 1, 10), { x: 50, y: 20, p: 0, t: 400 }]);
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height, meta.channels]).toEqual(['png', 600, 200, 1]);
    const { data } = await sharp(png)
      .toColourspace('b-w')
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(data[0]).toBe(255); // the corner stays white
    expect(data[100 * 600 + 300]).toBeLessThan(64); // the middle of the line is ink
  });

  it('packs the time series as float32 quadruples and back', () => {
    const pts = [
      { x: 1.25, y: 2.5, p: 0.75, t: 0 },
      { x: 100.125, y: 64.75, p: 0, t: 123456 },
    ];
    const buf = packPoints(pts);
    expect(buf.length).toBe(32);
    expect(unpackPoints(buf)).toEqual(pts);
    expect(unpackPoints(null)).toEqual([]);
  });
});
