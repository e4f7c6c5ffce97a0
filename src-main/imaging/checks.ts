import sharp from 'sharp';
import type { CheckResult, PhotoCheck, PhotoSettings } from '../domain/photo-checks';
import type { DetectedFace } from './face-detector';
import { FRAMING_GUIDE, type Rect } from './geometry';
import type { Locale } from '../domain/i18n';
import { photoMsg } from './messages';

/*
 * Quality measures on the processed photo (exposure, sharpness, background) and on the
 * detection in the camera frame (face). Thresholds are calibrated on the real-photo fixtures in
 * test/helpers/photo-fixtures.ts and documented in docs/photo-pipeline.md.
 */

export const THRESHOLDS = {
  /** Head centre distance from the guide centre, as a fraction of the frame's width/height. */
  centreWarn: 0.1,
  centreFail: 0.2,
  /** Chin-to-crown as a fraction of the frame height. */
  headFail: 0.2,
  headWarn: 0.28,
  headTooLarge: 0.75,
  /** Roll in degrees; up to `rollCorrect` the pipeline levels the eyes itself. */
  rollCorrect: 10,
  rollFail: 20,
  /** Mean face luma (0–255). */
  lumaFailLow: 70,
  lumaWarnLow: 95,
  lumaWarnHigh: 195,
  lumaFailHigh: 225,
  /** Share of clipped face pixels. */
  clipWarn: 0.05,
  clipFail: 0.15,
  /** Variance of the Laplacian over the variance of the intensity (size- and gain-free). */
  sharpFail: 0.0015,
  sharpWarn: 0.003,
  /** Hue distance (degrees) within which an off-tone backdrop is "the right colour, badly lit". */
  hueClose: 30,
} as const;

const worstOf = (a: CheckResult, b: CheckResult): CheckResult => {
  const rank = { pass: 0, warn: 1, fail: 2 } as const;
  return rank[b] > rank[a] ? b : a;
};

/**
 * The verdict of an attempt. The glasses check is a prompt the operator answers with the
 * no-glasses confirmation on accept, so it does not colour the verdict: otherwise every good
 * photo would read "check needed" and operators would learn to ignore the badge.
 */
export function worstResult(checks: readonly PhotoCheck[]): CheckResult {
  return checks
    .filter((c) => c.id !== 'glasses')
    .reduce<CheckResult>((w, c) => worstOf(w, c.result), 'pass');
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

const round = (v: number, digits = 3) => Number(v.toFixed(digits));

// ---------------------------------------------------------------- face

export interface FaceInput {
  /** null when the detector could not run at all. */
  faces: DetectedFace[] | null;
  frameWidth: number;
  frameHeight: number;
}

export function checkFace(input: FaceInput, locale: Locale): PhotoCheck {
  const { faces, frameWidth: fw, frameHeight: fh } = input;
  if (!faces) return { id: 'face', result: 'warn', message: photoMsg(locale, 'faceUnavailable') };
  if (faces.length === 0)
    return { id: 'face', result: 'fail', message: photoMsg(locale, 'faceNone'), value: 0 };
  if (faces.length > 1)
    return {
      id: 'face',
      result: 'fail',
      message: photoMsg(locale, 'faceMany'),
      value: faces.length,
    };
  const f = faces[0] as DetectedFace;
  const g = headGeometry(f);
  const dx = Math.abs(g.centerX / fw - FRAMING_GUIDE.centerX);
  const dy = Math.abs((g.crownY + g.chinY) / 2 / fh - FRAMING_GUIDE.centerY);
  const off = Math.max(dx, dy);
  const headShare = (g.chinY - g.crownY) / fh;
  const roll = Math.abs(f.roll);
  if (off > THRESHOLDS.centreFail)
    return {
      id: 'face',
      result: 'fail',
      message: photoMsg(locale, 'faceOffCentre'),
      value: round(off),
    };
  if (headShare < THRESHOLDS.headFail)
    return {
      id: 'face',
      result: 'fail',
      message: photoMsg(locale, 'faceSmall'),
      value: round(headShare),
    };
  if (headShare > THRESHOLDS.headTooLarge)
    return {
      id: 'face',
      result: 'fail',
      message: photoMsg(locale, 'faceLarge'),
      value: round(headShare),
    };
  if (roll > THRESHOLDS.rollFail)
    return {
      id: 'face',
      result: 'fail',
      message: photoMsg(locale, 'faceTilted', { deg: Math.round(roll) }),
      value: round(roll, 1),
    };
  if (roll > THRESHOLDS.rollCorrect)
    return {
      id: 'face',
      result: 'warn',
      message: photoMsg(locale, 'faceTilted', { deg: Math.round(roll) }),
      value: round(roll, 1),
    };
  if (headShare < THRESHOLDS.headWarn)
    return {
      id: 'face',
      result: 'warn',
      message: photoMsg(locale, 'faceSmall'),
      value: round(headShare),
    };
  if (off > THRESHOLDS.centreWarn)
    return {
      id: 'face',
      result: 'warn',
      message: photoMsg(locale, 'faceSlightlyOffCentre'),
      value: round(off),
    };
  return { id: 'face', result: 'pass', message: photoMsg(locale, 'faceOk'), value: round(off) };
}

/**
 * Chin-to-crown from the landmarks: the eyes sit about half way between chin and crown (a
 * classic anthropometric rule), which ignores hair volume as ICAO asks.
 */
export function headGeometry(f: DetectedFace): {
  centerX: number;
  crownY: number;
  chinY: number;
  eyeMid: { x: number; y: number };
  half: number;
} {
  const eyeMid = { x: (f.leftEye.x + f.rightEye.x) / 2, y: (f.leftEye.y + f.rightEye.y) / 2 };
  const half = Math.hypot(f.chin.x - eyeMid.x, f.chin.y - eyeMid.y);
  return { centerX: eyeMid.x, crownY: eyeMid.y - half, chinY: eyeMid.y + half, eyeMid, half };
}

// ---------------------------------------------------------------- image measures

export interface ImageMeasures {
  faceLuma: number;
  highlights: number;
  shadows: number;
  sharpness: number;
  background: [number, number, number];
}

/** All pixel measures of the processed photo, from its packed RGB. */
export async function measure(rgb: Buffer, width: number, height: number): Promise<ImageMeasures> {
  const fr = faceRegion(width, height);
  // Fixed-size patch so the figure does not depend on the configured output size. It is made
  // on sharp's threads while the loops below run here.
  const pw = 96;
  const ph = 128;
  const patch = sharp(rgb, { raw: { width, height, channels: 3 } })
    .extract(fr)
    .greyscale()
    .resize(pw, ph, { kernel: 'cubic' })
    .raw()
    .toBuffer();
  patch.catch(() => undefined);

  let sum = 0;
  let hi = 0;
  let lo = 0;
  for (let y = fr.top; y < fr.top + fr.height; y++) {
    let i = (y * width + fr.left) * 3;
    for (let x = 0; x < fr.width; x++, i += 3) {
      const l =
        0.299 * (rgb[i] as number) +
        0.587 * (rgb[i + 1] as number) +
        0.114 * (rgb[i + 2] as number);
      sum += l;
      if (l >= 250) hi++;
      if (l <= 8) lo++;
    }
  }
  const n = fr.width * fr.height;
  const background = medianColour(rgb, width, backgroundRegions(width, height));

  return {
    faceLuma: sum / n,
    highlights: hi / n,
    shadows: lo / n,
    sharpness: laplacianRatio(await patch, pw, ph),
    background,
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

export function checkExposure(m: ImageMeasures, locale: Locale): PhotoCheck {
  const v = round(m.faceLuma, 1);
  const t = THRESHOLDS;
  if (m.faceLuma < t.lumaFailLow)
    return { id: 'exposure', result: 'fail', message: photoMsg(locale, 'exposureDark'), value: v };
  if (m.faceLuma > t.lumaFailHigh)
    return {
      id: 'exposure',
      result: 'fail',
      message: photoMsg(locale, 'exposureBright'),
      value: v,
    };
  if (m.highlights > t.clipFail)
    return {
      id: 'exposure',
      result: 'fail',
      message: photoMsg(locale, 'exposureHighlights'),
      value: v,
    };
  if (m.shadows > t.clipFail)
    return {
      id: 'exposure',
      result: 'fail',
      message: photoMsg(locale, 'exposureShadows'),
      value: v,
    };
  if (m.faceLuma < t.lumaWarnLow)
    return { id: 'exposure', result: 'warn', message: photoMsg(locale, 'exposureDark'), value: v };
  if (m.faceLuma > t.lumaWarnHigh)
    return {
      id: 'exposure',
      result: 'warn',
      message: photoMsg(locale, 'exposureBright'),
      value: v,
    };
  if (m.highlights > t.clipWarn)
    return {
      id: 'exposure',
      result: 'warn',
      message: photoMsg(locale, 'exposureHighlights'),
      value: v,
    };
  if (m.shadows > t.clipWarn)
    return {
      id: 'exposure',
      result: 'warn',
      message: photoMsg(locale, 'exposureShadows'),
      value: v,
    };
  return { id: 'exposure', result: 'pass', message: photoMsg(locale, 'exposureOk'), value: v };
}

export function checkSharpness(m: ImageMeasures, locale: Locale): PhotoCheck {
  const v = round(m.sharpness, 4);
  if (m.sharpness < THRESHOLDS.sharpFail)
    return { id: 'sharpness', result: 'fail', message: photoMsg(locale, 'sharpBlurred'), value: v };
  if (m.sharpness < THRESHOLDS.sharpWarn)
    return { id: 'sharpness', result: 'warn', message: photoMsg(locale, 'sharpSoft'), value: v };
  return { id: 'sharpness', result: 'pass', message: photoMsg(locale, 'sharpOk'), value: v };
}

// ---------------------------------------------------------------- background

type Lab = [number, number, number];

export function srgbToLab([r, g, b]: readonly [number, number, number]): Lab {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const R = lin(r);
  const G = lin(g);
  const B = lin(b);
  // D65 white.
  const x = (0.4124564 * R + 0.3575761 * G + 0.1804375 * B) / 0.95047;
  const y = 0.2126729 * R + 0.7151522 * G + 0.072175 * B;
  const z = (0.0193339 * R + 0.119192 * G + 0.9503041 * B) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const fx = f(x);
  const fy = f(y);
  const fz = f(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

export function deltaE76(a: Lab, b: Lab): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

const hue = (l: Lab) => (Math.atan2(l[2], l[1]) * 180) / Math.PI;
const hueDistance = (a: Lab, b: Lab) => {
  const d = Math.abs(hue(a) - hue(b)) % 360;
  return d > 180 ? 360 - d : d;
};

/** RED for odd birth years, BLUE for even ones (DOMAIN.md). */
export function checkBackground(
  m: ImageMeasures,
  birthYear: number | null,
  settings: PhotoSettings,
  locale: Locale,
): PhotoCheck {
  if (birthYear === null)
    return { id: 'background', result: 'warn', message: photoMsg(locale, 'backgroundUnknownYear') };
  const odd = birthYear % 2 !== 0;
  const params = {
    colour: photoMsg(locale, odd ? 'red' : 'blue'),
    parity: photoMsg(locale, odd ? 'odd' : 'even'),
  };
  const sample = srgbToLab(m.background);
  const want = srgbToLab(odd ? settings.redReference : settings.blueReference);
  const other = srgbToLab(odd ? settings.blueReference : settings.redReference);
  const d = deltaE76(sample, want);
  const v = round(d, 1);
  if (d <= settings.backgroundTolerance)
    return {
      id: 'background',
      result: 'pass',
      message: photoMsg(locale, 'backgroundOk', params),
      value: v,
    };
  // Lighting changes lightness and chroma but hardly the hue: a dim red wall is still red.
  const chroma = Math.hypot(sample[1], sample[2]);
  const hueWant = hueDistance(sample, want);
  if (chroma >= 10 && hueWant <= THRESHOLDS.hueClose && hueWant < hueDistance(sample, other))
    return {
      id: 'background',
      result: 'warn',
      message: photoMsg(locale, 'backgroundOff', params),
      value: v,
    };
  return {
    id: 'background',
    result: 'fail',
    message: photoMsg(locale, 'backgroundWrong', params),
    value: v,
  };
}

export function checkGlasses(locale: Locale): PhotoCheck {
  // The detector cannot tell glasses or contact lenses apart reliably: the operator confirms.
  return { id: 'glasses', result: 'warn', message: photoMsg(locale, 'glassesPrompt') };
}
