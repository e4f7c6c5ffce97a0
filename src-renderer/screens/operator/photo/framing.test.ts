import { describe, expect, it } from 'vitest';
import { guideHead, icaoCrop } from '../../../../src-main/domain/photo-geometry';
import { guideGeometry } from './framing';

describe('framing guide', () => {
  it.each([
    [1920, 1080],
    [1280, 720],
    [640, 480],
  ])('draws the crop the pipeline makes without a face (%i×%i)', (w, h) => {
    const g = guideGeometry(w, h);
    const crop = icaoCrop(guideHead(w, h));
    expect(Math.abs(g.crop.x - crop.left)).toBeLessThanOrEqual(1);
    expect(Math.abs(g.crop.y - crop.top)).toBeLessThanOrEqual(1);
    expect(Math.abs(g.crop.width - crop.width)).toBeLessThanOrEqual(1);
    expect(Math.abs(g.crop.height - crop.height)).toBeLessThanOrEqual(1);
    expect(g.crop.width / g.crop.height).toBeCloseTo(0.75, 5);
    // Chin to crown is 75 % of the photo height, the crop stays inside the frame.
    expect((g.chinY - g.crownY) / g.crop.height).toBeCloseTo(0.75, 5);
    expect(g.crop.y).toBeGreaterThanOrEqual(0);
    expect(g.crop.y + g.crop.height).toBeLessThanOrEqual(h);
    expect(g.eyeY).toBeGreaterThan(g.crownY);
    expect(g.eyeY).toBeLessThan(g.chinY);
  });
});
