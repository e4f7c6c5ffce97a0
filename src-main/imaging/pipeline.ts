import sharp from 'sharp';
import type { CheckResult, PhotoCheck, PhotoSettings } from '../domain/photo-checks';
import {
  checkBackground,
  checkExposure,
  checkFace,
  checkGlasses,
  checkSharpness,
  headGeometry,
  measure,
  THRESHOLDS,
  worstResult,
} from './checks';
import type { DetectedFace, FaceDetector } from './face-detector';
import { guideHead, icaoCrop, type HeadPlacement, type Rect } from './geometry';
import type { Locale } from '../domain/i18n';
import { photoMsg } from './messages';

/** Frames beyond this many pixels are refused before decoding (4096×4096 = 16.8 MP). */
export const MAX_FRAME_PIXELS = 4096 * 4096;
/** Shorter side below this cannot give a sharp 3:4 crop. */
export const MIN_FRAME_SIDE = 360;
/** Frames are scaled to this width for face detection: the detector works at 256 px anyway. */
const DETECT_WIDTH = 640;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);

export type PhotoInputErrorKind = 'empty' | 'not-image' | 'too-large' | 'too-small' | 'broken';

export class PhotoInputError extends Error {
  constructor(
    readonly kind: PhotoInputErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'PhotoInputError';
  }
}

export interface ProcessOptions {
  settings: PhotoSettings;
  /** From the recording's resident data; null when unknown. */
  birthYear: number | null;
  locale: Locale;
  /** null: no detector (the crop follows the framing guide and the face check warns). */
  detector: FaceDetector | null;
}

export interface ProcessedPhoto {
  jpeg: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
  checks: PhotoCheck[];
  worst: CheckResult;
  crop: 'face' | 'guide';
  /** Milliseconds spent in each stage, for the benchmark. */
  timings: { decode: number; detect: number; crop: number; checks: number; encode: number };
}

const errorFor = (locale: Locale, kind: PhotoInputErrorKind, p: Record<string, number> = {}) => {
  const key = {
    empty: 'frameEmpty',
    'not-image': 'frameNotImage',
    'too-large': 'frameTooLarge',
    'too-small': 'frameTooSmall',
    broken: 'frameBroken',
  } as const;
  return new PhotoInputError(kind, photoMsg(locale, key[kind], p));
};

/**
 * Camera frame → compliant 3:4 JPEG + thumbnail + quality checks. The frame itself is never
 * kept: only the processed photo leaves this function.
 */
export async function processFrame(frame: Buffer, opts: ProcessOptions): Promise<ProcessedPhoto> {
  const { settings, locale } = opts;
  const t0 = performance.now();
  let fw: number;
  let fh: number;
  let faces: DetectedFace[] | null = null;
  let face: DetectedFace | null = null;
  let out: Buffer;
  let t1: number;
  let t2: number;
  if (!opts.detector) {
    // No detector: the crop follows the framing guide, known from the header alone, so the
    // frame is decoded, cropped and scaled in one libvips pipeline straight to the output size
    // (no full-size RGB copy in JS memory).
    ({ width: fw, height: fh } = await readHeader(frame, locale));
    t1 = performance.now();
    t2 = t1;
    try {
      out = await extractExtended(
        sharp(frame, { limitInputPixels: MAX_FRAME_PIXELS, failOn: 'error' })
          .autoOrient()
          .removeAlpha()
          .toColourspace('srgb'),
        fw,
        fh,
        icaoCrop(guideHead(fw, fh)),
        settings,
      );
    } catch {
      throw errorFor(locale, 'broken');
    }
  } else {
    // With a detector the frame is decoded once to RGB: the detector's small copy and the
    // crop both come from it.
    const decoded = await decodeFrame(frame, locale);
    const rgb = decoded.rgb;
    ({ width: fw, height: fh } = decoded);
    t1 = performance.now();
    try {
      faces = await detectScaled(opts.detector, rgb, fw, fh);
    } catch {
      faces = null; // the face check says the detector is unavailable; the crop uses the guide
    }
    t2 = performance.now();
    face = faces?.length === 1 ? (faces[0] as DetectedFace) : null;
    out = await cropToOutput(rgb, fw, fh, face, settings);
  }
  const t3 = performance.now();

  const raw = { raw: { width: settings.width, height: settings.height, channels: 3 as const } };
  // No withMetadata(): sharp writes no EXIF, ICC or XMP unless asked to. The thumbnail comes
  // from the same small image in memory, never from the frame. The encoders run on sharp's
  // threads while the checks measure the same pixels on this one.
  // Standard Huffman tables (no optimising second pass): the same pixels, a file ~2 % larger,
  // the encode ~40 % quicker; it is the step everything else waits for.
  const encoded = Promise.all([
    sharp(out, raw)
      .jpeg({ quality: settings.jpegQuality, chromaSubsampling: '4:4:4', optimiseCoding: false })
      .toBuffer(),
    sharp(out, raw)
      .resize({ width: settings.thumbWidth, kernel: 'linear' })
      .jpeg({ quality: 80 })
      .toBuffer(),
  ]);
  // Handled here so a failed check does not leave an unhandled rejection behind.
  encoded.catch(() => undefined);

  const m = measure(out, settings.width, settings.height);
  const checks: PhotoCheck[] = [
    checkFace({ faces, frameWidth: fw, frameHeight: fh }, locale),
    checkExposure(m, locale),
    checkSharpness(m, locale),
    checkBackground(m, opts.birthYear, settings, locale),
    checkGlasses(locale),
  ];
  const t4 = performance.now();

  const [jpeg, thumb] = await encoded;
  const t5 = performance.now();

  return {
    jpeg,
    thumb,
    width: settings.width,
    height: settings.height,
    checks,
    worst: worstResult(checks),
    crop: face ? 'face' : 'guide',
    timings: { decode: t1 - t0, detect: t2 - t1, crop: t3 - t2, checks: t4 - t3, encode: t5 - t4 },
  };
}

/**
 * The frame's header (cheap, bounded): format, one page, size limits. Returns the size as the
 * frame will be after EXIF orientation.
 */
async function readHeader(
  frame: Buffer,
  locale: Locale,
): Promise<{ width: number; height: number }> {
  if (frame.length === 0) throw errorFor(locale, 'empty');
  let meta: sharp.Metadata;
  try {
    meta = await sharp(frame, { limitInputPixels: false }).metadata();
  } catch {
    throw errorFor(locale, 'not-image');
  }
  if (!meta.format || !ACCEPTED_FORMATS.has(meta.format) || !meta.width || !meta.height)
    throw errorFor(locale, 'not-image');
  if ((meta.pages ?? 1) > 1) throw errorFor(locale, 'not-image');
  const size = { width: meta.width, height: meta.height };
  if (meta.width * meta.height > MAX_FRAME_PIXELS) throw errorFor(locale, 'too-large', size);
  if (Math.min(meta.width, meta.height) < MIN_FRAME_SIDE) throw errorFor(locale, 'too-small', size);
  // EXIF orientations 5–8 turn the frame a quarter.
  return (meta.orientation ?? 1) >= 5 ? { width: meta.height, height: meta.width } : size;
}

/** Header first (cheap, bounded), then the pixels, oriented by EXIF, as packed RGB. */
export async function decodeFrame(
  frame: Buffer,
  locale: Locale = 'id',
): Promise<{ rgb: Buffer; width: number; height: number }> {
  await readHeader(frame, locale);
  try {
    const { data, info } = await sharp(frame, {
      limitInputPixels: MAX_FRAME_PIXELS,
      failOn: 'error',
    })
      .rotate()
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    return { rgb: data, width: info.width, height: info.height };
  } catch {
    throw errorFor(locale, 'broken');
  }
}

async function detectScaled(
  detector: FaceDetector,
  rgb: Buffer,
  width: number,
  height: number,
): Promise<DetectedFace[]> {
  const k = Math.min(1, DETECT_WIDTH / width);
  if (k === 1) return detector.detect(rgb, width, height);
  const w = Math.round(width * k);
  const h = Math.round(height * k);
  const small = await sharp(rgb, { raw: { width, height, channels: 3 } })
    .resize(w, h, { kernel: 'linear' })
    .raw()
    .toBuffer();
  const faces = await detector.detect(small, w, h);
  const s = (p: { x: number; y: number }) => ({ x: p.x / k, y: p.y / k });
  return faces.map((f) => ({
    ...f,
    box: {
      left: f.box.left / k,
      top: f.box.top / k,
      width: f.box.width / k,
      height: f.box.height / k,
    },
    rightEye: s(f.rightEye),
    leftEye: s(f.leftEye),
    chin: s(f.chin),
  }));
}

/**
 * The ICAO crop, levelled when the head is slightly rolled, scaled to the output size, as packed
 * RGB. Parts of the crop outside the frame repeat the frame's edge rather than shrink the head.
 */
async function cropToOutput(
  rgb: Buffer,
  fw: number,
  fh: number,
  face: DetectedFace | null,
  settings: PhotoSettings,
): Promise<Buffer> {
  const raw = { raw: { width: fw, height: fh, channels: 3 as const } };
  if (!face) return extractExtended(sharp(rgb, raw), fw, fh, icaoCrop(guideHead(fw, fh)), settings);
  const g = headGeometry(face);
  const head: HeadPlacement = { centerX: g.centerX, crownY: g.crownY, chinY: g.chinY };
  const crop = icaoCrop(head);
  const roll = face.roll;
  if (Math.abs(roll) < 1 || Math.abs(roll) > THRESHOLDS.rollCorrect)
    return extractExtended(sharp(rgb, raw), fw, fh, crop, settings);

  // Level the eyes: rotate a margin around the crop (cheaper than the whole frame) about its
  // centre, then find the eye midpoint again in the rotated region.
  const margin = Math.round(crop.height * 0.2);
  const region = clampRect(
    {
      left: crop.left - margin,
      top: crop.top - margin,
      width: crop.width + 2 * margin,
      height: crop.height + 2 * margin,
    },
    fw,
    fh,
  );
  if (!region) return extractExtended(sharp(rgb, raw), fw, fh, crop, settings);
  const { data, info } = await sharp(rgb, raw)
    .extract(region)
    .rotate(-roll, { background: edgeColour(rgb, fw, region) })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const a = (-roll * Math.PI) / 180;
  const px = g.eyeMid.x - region.left - region.width / 2;
  const py = g.eyeMid.y - region.top - region.height / 2;
  const ex = Math.cos(a) * px - Math.sin(a) * py + info.width / 2;
  const ey = Math.sin(a) * px + Math.cos(a) * py + info.height / 2;
  const levelled = icaoCrop({ centerX: ex, crownY: ey - g.half, chinY: ey + g.half });
  return extractExtended(
    sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } }),
    info.width,
    info.height,
    levelled,
    settings,
  );
}

function clampRect(r: Rect, w: number, h: number): Rect | null {
  const left = Math.max(0, r.left);
  const top = Math.max(0, r.top);
  const right = Math.min(w, r.left + r.width);
  const bottom = Math.min(h, r.top + r.height);
  return right - left >= 2 && bottom - top >= 2
    ? { left, top, width: right - left, height: bottom - top }
    : null;
}

function edgeColour(rgb: Buffer, fw: number, r: Rect): { r: number; g: number; b: number } {
  const i = (r.top * fw + r.left) * 3;
  return { r: rgb[i] ?? 0, g: rgb[i + 1] ?? 0, b: rgb[i + 2] ?? 0 };
}

async function extractExtended(
  img: sharp.Sharp,
  w: number,
  h: number,
  crop: Rect,
  settings: PhotoSettings,
): Promise<Buffer> {
  const inside = clampRect(crop, w, h);
  const outW = settings.width;
  const outH = settings.height;
  if (!inside) {
    // The head is entirely outside the frame: nothing sensible to crop, scale the frame instead.
    return img.resize(outW, outH, { fit: 'cover' }).raw().toBuffer();
  }
  const kx = outW / crop.width;
  const ky = outH / crop.height;
  const left = Math.round((inside.left - crop.left) * kx);
  const top = Math.round((inside.top - crop.top) * ky);
  const iw = Math.max(1, Math.min(outW - left, Math.round(inside.width * kx)));
  const ih = Math.max(1, Math.min(outH - top, Math.round(inside.height * ky)));
  let p = img.extract(inside).resize(iw, ih, { fit: 'fill', kernel: resizeKernel(kx, ky) });
  if (iw !== outW || ih !== outH) {
    p = p.extend({
      left,
      top,
      right: outW - iw - left,
      bottom: outH - ih - top,
      extendWith: 'copy',
    });
  }
  return p.raw().toBuffer();
}

/**
 * Enlargements up to this factor interpolate bilinearly. libvips enlarges with a general affine
 * transform, where bicubic (what lanczos3 becomes for an enlargement) weighs 16 neighbours per
 * pixel and bilinear 4: on a 1080p frame the ICAO crop (454×605) is enlarged only 1.06× to
 * 480×640, and there bilinear is within 43–53 dB PSNR of lanczos3 (fixtures and a detail-rich
 * frame), and the photo costs ~15 % less CPU (bicubic alone was a quarter of it). Larger
 * enlargements (720p, 480p webcams) keep bicubic, where bilinear would visibly soften the photo;
 * reductions keep lanczos3.
 */
const BILINEAR_MAX_ENLARGEMENT = 1.25;

function resizeKernel(kx: number, ky: number): keyof sharp.KernelEnum {
  const k = Math.max(kx, ky);
  return k > 1 && k <= BILINEAR_MAX_ENLARGEMENT ? 'linear' : 'lanczos3';
}
