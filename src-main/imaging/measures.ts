import type { Rect } from './geometry';

/*
 * Pixel measures of the processed photo (face exposure, sharpness, backdrop colour), computed
 * in plain loops over the packed RGB already in memory: no second sharp job, no decode.
 */

export interface ImageMeasures {
  faceLuma: number;
  highlights: number;
  shadows: number;
  sharpness: number;
  background: [number, number, number];
}

/** Output-image regions, fixed by the ICAO placement (crown at 10 %, chin at 85 %). */
export function faceRegion(width: number, height: number): Rect {
  return region(width, height, 0.3, 0.33, 0.4, 0.49);
}
export function backgroundRegions(width: number, height: number): [Rect, Rect] {
  return [region(width, height, 0, 0.02, 0.12, 0.2), region(width, height, 0.88, 0.02, 0.12, 0.2)];
}
function region(w: number, h: number, x: number, y: number, rw: number, rh: number): Rect {
  return {
    left: Math.round(x * w),
    top: Math.round(y * h),
    width: Math.max(1, Math.round(rw * w)),
    height: Math.max(1, Math.round(rh * h)),
  };
}

/** Fixed-size sharpness patch, so the figure does not depend on the configured output size. */
const PATCH_WIDTH = 96;
const PATCH_HEIGHT = 128;

/** All pixel measures of the processed photo, from its packed RGB. */
export function measure(rgb: Buffer, width: number, height: number): ImageMeasures {
  const fr = faceRegion(width, height);
  const grey = new Uint8Array(fr.width * fr.height);
  let sum = 0;
  let hi = 0;
  let lo = 0;
  let g = 0;
  for (let y = fr.top; y < fr.top + fr.height; y++) {
    let i = (y * width + fr.left) * 3;
    for (let x = 0; x < fr.width; x++, i += 3) {
      const r = rgb[i] as number;
      const gr = rgb[i + 1] as number;
      const b = rgb[i + 2] as number;
      const l = 0.299 * r + 0.587 * gr + 0.114 * b;
      sum += l;
      if (l >= 250) hi++;
      if (l <= 8) lo++;
      // Luminance from linear light (16-bit fixed point), sRGB-encoded again.
      const y16 = (LINEAR_R[r] as number) + (LINEAR_G[gr] as number) + (LINEAR_B[b] as number);
      grey[g++] = LINEAR_TO_SRGB[y16] as number;
    }
  }
  const n = fr.width * fr.height;
  const patch = resampleCubic(grey, fr.width, fr.height, PATCH_WIDTH, PATCH_HEIGHT);
  return {
    faceLuma: sum / n,
    highlights: hi / n,
    shadows: lo / n,
    sharpness: laplacianRatio(patch, PATCH_WIDTH, PATCH_HEIGHT),
    background: medianColour(rgb, width, backgroundRegions(width, height)),
  };
}

/** Variance of the 4-neighbour Laplacian divided by the variance of the intensity. */
export function laplacianRatio(grey: Uint8Array, w: number, h: number): number {
  let s = 0;
  let s2 = 0;
  let ls = 0;
  let ls2 = 0;
  let n = 0;
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      const c = grey[i] as number;
      const lap =
        (grey[i - 1] as number) +
        (grey[i + 1] as number) +
        (grey[i - w] as number) +
        (grey[i + w] as number) -
        4 * c;
      s += c;
      s2 += c * c;
      ls += lap;
      ls2 += lap * lap;
      n++;
    }
  }
  const varI = s2 / n - (s / n) ** 2;
  const varL = ls2 / n - (ls / n) ** 2;
  return varI < 1 ? 0 : varL / varI / 16;
}

function medianColour(rgb: Buffer, width: number, rects: Rect[]): [number, number, number] {
  // A 256-bin histogram per channel: the same element a sort would pick, in one pass.
  const hist = [new Uint32Array(256), new Uint32Array(256), new Uint32Array(256)] as const;
  let n = 0;
  for (const r of rects) {
    for (let y = r.top; y < r.top + r.height; y++) {
      let i = (y * width + r.left) * 3;
      for (let x = 0; x < r.width; x++, i += 3) {
        hist[0][rgb[i] as number]!++;
        hist[1][rgb[i + 1] as number]!++;
        hist[2][rgb[i + 2] as number]!++;
      }
      n += r.width;
    }
  }
  const med = (h: Uint32Array) => {
    const want = n >> 1;
    let seen = 0;
    for (let v = 0; v < 256; v++) {
      seen += h[v] as number;
      if (seen > want) return v;
    }
    return 0;
  };
  return [med(hist[0]), med(hist[1]), med(hist[2])];
}

// ---------------------------------------------------------------- grey patch

/*
 * The patch is made the way libvips' `greyscale()` + `resize(96, 128, { kernel: 'cubic' })`
 * made it before (the thresholds were calibrated on that): luminance from linear light,
 * sRGB-encoded to 0–255, then a Catmull-Rom reduction scaled to the shrink factor, the shorter
 * side fitted and the longer one centre-cropped. On the fixtures it is within 2 grey levels of
 * sharp's patch and the sharpness figure within 1 %.
 */

const toLinear = (c: number) => {
  const v = c / 255;
  return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
};
const linearTable = (weight: number) =>
  Uint32Array.from({ length: 256 }, (_, c) => Math.round(weight * toLinear(c) * 65535));
// Rec. 709 luminance weights, as libvips' sRGB → B_W conversion uses.
const LINEAR_R = linearTable(0.2126);
const LINEAR_G = linearTable(0.7152);
const LINEAR_B = linearTable(0.0722);
/** 16-bit linear luminance → sRGB-encoded 0–255 (fine enough for the darkest levels). */
const LINEAR_TO_SRGB = Uint8Array.from({ length: 65536 + 2 }, (_, i) => {
  const v = Math.min(1, i / 65535);
  return Math.round(255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055));
});

function catmullRom(d: number): number {
  const x = Math.abs(d);
  if (x < 1) return 1.5 * x * x * x - 2.5 * x * x + 1;
  if (x < 2) return -0.5 * x * x * x + 2.5 * x * x - 4 * x + 2;
  return 0;
}

/**
 * Normalised kernel weights of each output sample along one axis, and the input index of each
 * tap, clamped to the `n` input samples (the edge repeats).
 */
function axisWeights(outN: number, shrink: number, offset: number, n: number) {
  const reach = 2 * shrink;
  const taps = Math.ceil(2 * reach) + 1;
  const index = new Int32Array(outN * taps);
  const weight = new Float32Array(outN * taps);
  for (let o = 0; o < outN; o++) {
    const centre = (o + offset + 0.5) * shrink - 0.5;
    const f = Math.ceil(centre - reach);
    let total = 0;
    for (let k = 0; k < taps; k++) {
      const w = catmullRom((f + k - centre) / shrink);
      weight[o * taps + k] = w;
      index[o * taps + k] = f + k < 0 ? 0 : f + k >= n ? n - 1 : f + k;
      total += w;
    }
    for (let k = 0; k < taps; k++) weight[o * taps + k]! /= total;
  }
  return { taps, index, weight };
}

function resampleCubic(grey: Uint8Array, w: number, h: number, pw: number, ph: number) {
  const shrink = Math.min(w / pw, h / ph);
  const hx = axisWeights(pw, shrink, Math.floor((Math.round(w / shrink) - pw + 1) / 2), w);
  const hy = axisWeights(ph, shrink, Math.floor((Math.round(h / shrink) - ph + 1) / 2), h);
  // Horizontal pass, only over the rows the vertical pass reads.
  const rows = new Float32Array(pw * h);
  const y0 = hy.index[0] as number;
  const y1 = hy.index[ph * hy.taps - 1] as number;
  for (let y = y0; y <= y1; y++) {
    const line = y * w;
    for (let x = 0, wi = 0; x < pw; x++) {
      let a = 0;
      for (let k = 0; k < hx.taps; k++, wi++)
        a += (hx.weight[wi] as number) * (grey[line + (hx.index[wi] as number)] as number);
      rows[y * pw + x] = a <= 0 ? 0 : a >= 255 ? 255 : Math.round(a);
    }
  }
  // Vertical pass row by row; each sample still sums its taps in order.
  const out = new Uint8Array(pw * ph);
  const acc = new Float64Array(pw);
  for (let y = 0; y < ph; y++) {
    acc.fill(0);
    for (let k = 0, wi = y * hy.taps; k < hy.taps; k++, wi++) {
      const wk = hy.weight[wi] as number;
      const base = (hy.index[wi] as number) * pw;
      for (let x = 0; x < pw; x++) acc[x]! += wk * (rows[base + x] as number);
    }
    for (let x = 0; x < pw; x++) {
      const a = acc[x] as number;
      out[y * pw + x] = a <= 0 ? 0 : a >= 255 ? 255 : Math.round(a);
    }
  }
  return out;
}
