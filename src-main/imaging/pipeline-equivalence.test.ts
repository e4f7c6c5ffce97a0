import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { makeFrame } from '../../test/helpers/photo-fixtures';
import { checkBackground, measure } from './checks';
import { DEFAULT_PHOTO_SETTINGS, guideHead, icaoCrop, type Rect } from './geometry';
import { processFrame } from './pipeline';

/*
 * The stored photo stays what a lanczos3 crop-and-resize of the framing guide gives (the way
 * the pipeline made it before the speed work): same size, same crop region, check values within
 * tolerance. 1080p frames take the bilinear enlargement (1.06×), 720p ones bicubic (1.59×).
 */

const { width: W, height: H } = DEFAULT_PHOTO_SETTINGS;

function psnr(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += ((a[i] as number) - (b[i] as number)) ** 2;
  return 10 * Math.log10((255 * 255 * a.length) / sum);
}

const reference = (png: Buffer, crop: Rect) =>
  sharp(png).extract(crop).resize(W, H, { fit: 'fill', kernel: 'lanczos3' }).raw().toBuffer();

const shifted = (crop: Rect, dx: number, dy: number) => ({
  ...crop,
  left: crop.left + dx,
  top: crop.top + dy,
});

describe('the photo matches a lanczos3 crop of the framing guide', () => {
  const cases = [
    { fw: 1920, fh: 1080, minPsnr: 42, sharpLow: 0.85 },
    { fw: 1280, fh: 720, minPsnr: 42, sharpLow: 0.97 },
  ];
  for (const { fw, fh, minPsnr, sharpLow } of cases) {
    it(`${fw}×${fh}: same size, crop within a pixel, pixels ≥ ${minPsnr} dB (JPEG q90 included), checks alike`, async () => {
      const frame = await makeFrame('good', { width: fw, height: fh });
      const r = await processFrame(frame.png, {
        settings: DEFAULT_PHOTO_SETTINGS,
        birthYear: 1985,
        locale: 'id',
        detector: null,
      });
      const { data, info } = await sharp(r.jpeg).raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([W, H]);
      expect(await sharp(r.thumb).metadata()).toMatchObject({ width: 120, height: 160 });

      const crop = icaoCrop(guideHead(fw, fh));
      const ref = await reference(frame.png, crop);
      expect(psnr(data, ref)).toBeGreaterThanOrEqual(minPsnr);
      // The region: of the guide crop moved by up to 2 px each way, the unmoved one (or one
      // a pixel off, for resampling phase) matches the photo best.
      const moves = [-2, -1, 0, 1, 2];
      const score = async (dx: number, dy: number) =>
        psnr(data, await reference(frame.png, shifted(crop, dx, dy)));
      const alongX = await Promise.all(moves.map((d) => score(d, 0)));
      const alongY = await Promise.all(moves.map((d) => score(0, d)));
      const best = (s: number[]) => moves[s.indexOf(Math.max(...s))] as number;
      expect(Math.abs(best(alongX))).toBeLessThanOrEqual(1);
      expect(Math.abs(best(alongY))).toBeLessThanOrEqual(1);

      const m = measure(ref, W, H);
      const value = (id: string) => r.checks.find((c) => c.id === id)?.value as number;
      expect(Math.abs(value('exposure') - m.faceLuma)).toBeLessThan(1);
      // Never more lenient than the reference, and not much stricter.
      expect(value('sharpness')).toBeLessThanOrEqual(m.sharpness * 1.02);
      expect(value('sharpness')).toBeGreaterThanOrEqual(m.sharpness * sharpLow);
      const bg = checkBackground(m, 1985, DEFAULT_PHOTO_SETTINGS, 'id').value as number;
      expect(Math.abs(value('background') - bg)).toBeLessThanOrEqual(0.5);
      expect(r.checks.map((c) => c.result)).toEqual(['warn', 'pass', 'pass', 'pass', 'warn']);
    });
  }
});
