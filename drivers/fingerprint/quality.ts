// Station-side quality score (0–100) for an 8-bit 256×288 finger image. It is not NFIQ 2 (no
// npm implementation exists); it is a cheap, explainable measure used to ask for a re-capture.
//
// Formula. The image is cut into 16×16 blocks (16 × 18 = 288 blocks). For each block b:
//   σ_b  = standard deviation of the grey levels;
//   foreground(b) ⇔ σ_b ≥ 6 and K_b ≥ 0.3 (a blank window is flat, sensor noise has no
//          orientation);
//   C_b  = min(1, σ_b / 45)                         — ridge/valley contrast;
//   K_b  = √((Gxx − Gyy)² + 4·Gxy²) / (Gxx + Gyy)    — orientation coherence of the structure
//          tensor built from central-difference gradients (1 for perfectly parallel ridges,
//          0 for isotropic noise or broken ridges);
//   q_b  = C_b · K_b.
// Over the image:
//   A = min(1, foregroundBlocks / (0.55 · 288))   — a finger well placed on the window covers
//       at least 55 % of it;
//   Q = mean of q_b over foreground blocks;
//   score = round(100 · A² · Q), in 0..100.
// The area term is squared because a partial print loses minutiae faster than a
// low-contrast one: operators should re-place the finger rather than accept half a print.
import { IMAGE_HEIGHT, IMAGE_WIDTH } from './codec';

export const QUALITY_BLOCK = 16;
const FOREGROUND_SIGMA = 6;
const FOREGROUND_COHERENCE = 0.3;
const CONTRAST_SIGMA = 45;
const EXPECTED_AREA = 0.55;

export interface QualityReport {
  score: number;
  /** Share of the window covered by ridges (0..1). */
  area: number;
  /** Mean contrast term over the finger (0..1). */
  contrast: number;
  /** Mean orientation coherence over the finger (0..1). */
  coherence: number;
}

export function fingerprintQuality(
  gray: Uint8Array,
  width = IMAGE_WIDTH,
  height = IMAGE_HEIGHT,
): QualityReport {
  if (gray.length !== width * height) throw new RangeError('image size does not match');
  const bw = Math.floor(width / QUALITY_BLOCK);
  const bh = Math.floor(height / QUALITY_BLOCK);
  let fg = 0;
  let sumQ = 0;
  let sumC = 0;
  let sumK = 0;
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      const x0 = bx * QUALITY_BLOCK;
      const y0 = by * QUALITY_BLOCK;
      let s = 0;
      let s2 = 0;
      let gxx = 0;
      let gyy = 0;
      let gxy = 0;
      for (let y = y0; y < y0 + QUALITY_BLOCK; y++) {
        const row = y * width;
        for (let x = x0; x < x0 + QUALITY_BLOCK; x++) {
          const v = gray[row + x]!;
          s += v;
          s2 += v * v;
          const gx =
            (gray[row + Math.min(width - 1, x + 1)]! - gray[row + Math.max(0, x - 1)]!) / 2;
          const gy =
            (gray[Math.min(height - 1, y + 1) * width + x]! -
              gray[Math.max(0, y - 1) * width + x]!) /
            2;
          gxx += gx * gx;
          gyy += gy * gy;
          gxy += gx * gy;
        }
      }
      const n = QUALITY_BLOCK * QUALITY_BLOCK;
      const mean = s / n;
      const sigma = Math.sqrt(Math.max(0, s2 / n - mean * mean));
      if (sigma < FOREGROUND_SIGMA) continue;
      const energy = gxx + gyy;
      const k = energy > 0 ? Math.sqrt((gxx - gyy) ** 2 + 4 * gxy * gxy) / energy : 0;
      if (k < FOREGROUND_COHERENCE) continue;
      const c = Math.min(1, sigma / CONTRAST_SIGMA);
      fg++;
      sumQ += c * k;
      sumC += c;
      sumK += k;
    }
  }
  const blocks = bw * bh;
  if (fg === 0) return { score: 0, area: 0, contrast: 0, coherence: 0 };
  const a = Math.min(1, fg / (EXPECTED_AREA * blocks));
  return {
    score: Math.round(100 * a * a * (sumQ / fg)),
    area: fg / blocks,
    contrast: sumC / fg,
    coherence: sumK / fg,
  };
}
