import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { DEFAULT_PHOTO_SETTINGS, FRAMING_GUIDE } from '../../src-main/imaging/geometry';

/**
 * Camera frames built at test time from a real photograph (NASA's public-domain astronaut
 * portrait, see test/fixtures/photos/README.md): the resident is cut out with a hand-drawn
 * head-and-shoulders mask and placed in the framing guide in front of a painted wall in the
 * station's reference colour. Each variant breaks exactly one quality rule.
 */
export type FrameVariant =
  | 'good'
  | 'dark'
  | 'blurred'
  | 'wrong-background'
  | 'off-centre'
  | 'no-face';

export interface FrameOptions {
  width?: number;
  height?: number;
  /** Birth-year parity of the resident the frame is for: odd → red wall, even → blue. */
  year?: 'odd' | 'even';
}

export interface Frame {
  /** width × height × 3 bytes, row by row. */
  rgb: Buffer;
  width: number;
  height: number;
  png: Buffer;
}

export const ASTRONAUT_PATH = fileURLToPath(
  new URL('../fixtures/photos/astronaut.png', import.meta.url),
);

/** Where the head is in astronaut.png (512×512), measured by eye and by the face detector. */
const SOURCE = { size: 512, headCenterX: 226, headCenterY: 93, headHeight: 160 };
/** The face itself (eyebrows to chin), scrambled for the no-face variant. */
const SOURCE_FACE = { left: 160, top: 45, width: 135, height: 150 };
/** Head-and-shoulders outline in source pixels: head, helmet ring and suit. */
const MASK_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512">
  <rect width="512" height="512" fill="black"/>
  <polygon points="225,13 190,23 165,43 152,75 155,100 172,120 180,140 200,165 222,174 245,166 265,146 274,125 290,120 300,90 297,60 280,30 255,17" fill="white"/>
  <ellipse cx="210" cy="218" rx="97" ry="72" fill="white"/>
  <polygon points="120,200 300,200 325,250 345,280 362,350 372,512 12,512 30,320 50,260 95,220" fill="white"/>
</svg>`;

const sourceCache = new Map<string, Promise<Buffer>>();

function sourceRgb(scrambleFace: boolean): Promise<Buffer> {
  const key = scrambleFace ? 'scrambled' : 'plain';
  let p = sourceCache.get(key);
  if (!p) {
    p = sharp(ASTRONAUT_PATH)
      .removeAlpha()
      .raw()
      .toBuffer()
      .then((buf) => (scrambleFace ? scramble(buf) : buf));
    sourceCache.set(key, p);
  }
  return p;
}

/** Shuffles the face in 5×5 tiles (fixed seed): colours and texture stay, the face does not. */
function scramble(src: Buffer): Buffer {
  const out = Buffer.from(src);
  const n = 5;
  const tw = Math.floor(SOURCE_FACE.width / n);
  const th = Math.floor(SOURCE_FACE.height / n);
  const order = Array.from({ length: n * n }, (_, i) => i);
  let seed = 12345;
  for (let i = order.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const j = seed % (i + 1);
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  for (let t = 0; t < n * n; t++) {
    const from = order[t] as number;
    const dx = SOURCE_FACE.left + (t % n) * tw;
    const dy = SOURCE_FACE.top + Math.floor(t / n) * th;
    const sx = SOURCE_FACE.left + (from % n) * tw;
    const sy = SOURCE_FACE.top + Math.floor(from / n) * th;
    for (let y = 0; y < th; y++) {
      const s = ((sy + y) * SOURCE.size + sx) * 3;
      src.copy(out, ((dy + y) * SOURCE.size + dx) * 3, s, s + tw * 3);
    }
  }
  return out;
}

/** A painted wall: the colour, lit a little brighter at the top, with sensor-like noise. */
function wall(width: number, height: number, colour: readonly [number, number, number]): Buffer {
  const buf = Buffer.alloc(width * height * 3);
  let seed = 987654;
  for (let y = 0; y < height; y++) {
    const light = 1.05 - (0.1 * y) / height;
    for (let x = 0; x < width; x++) {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      const noise = ((seed >>> 24) % 7) - 3;
      const i = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        const v = Math.round((colour[c] as number) * light + noise);
        buf[i + c] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
  return buf;
}

export async function makeFrame(variant: FrameVariant, opts: FrameOptions = {}): Promise<Frame> {
  const width = opts.width ?? 1280;
  const height = opts.height ?? 720;
  const oddYear = (opts.year ?? 'odd') === 'odd';
  const wantRed = variant === 'wrong-background' ? !oddYear : oddYear;
  const colour = wantRed
    ? DEFAULT_PHOTO_SETTINGS.redReference
    : DEFAULT_PHOTO_SETTINGS.blueReference;

  // Scale the person so the head fills the framing guide, and put the head in it.
  const scale = (FRAMING_GUIDE.headHeight * height) / SOURCE.headHeight;
  const size = Math.round(SOURCE.size * scale);
  const centreX = variant === 'off-centre' ? 0.17 : FRAMING_GUIDE.centerX;
  const offX = Math.round(centreX * width - SOURCE.headCenterX * scale);
  const offY = Math.round(FRAMING_GUIDE.centerY * height - SOURCE.headCenterY * scale);

  const src = await sourceRgb(variant === 'no-face');
  const person = await sharp(src, { raw: { width: SOURCE.size, height: SOURCE.size, channels: 3 } })
    .resize(size, size, { kernel: 'lanczos3' })
    .raw()
    .toBuffer();
  const mask = await sharp(Buffer.from(MASK_SVG))
    .resize(size, size)
    .blur(Math.max(0.5, scale))
    .greyscale()
    .raw()
    .toBuffer();

  const rgb = wall(width, height, colour);
  for (let y = Math.max(0, offY); y < Math.min(height, offY + size); y++) {
    const sy = y - offY;
    for (let x = Math.max(0, offX); x < Math.min(width, offX + size); x++) {
      const sx = x - offX;
      const a = (mask[sy * size + sx] as number) / 255;
      if (a === 0) continue;
      const si = (sy * size + sx) * 3;
      const di = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        rgb[di + c] = Math.round(
          (person[si + c] as number) * a + (rgb[di + c] as number) * (1 - a),
        );
      }
    }
  }

  let out: Buffer = rgb;
  if (variant === 'dark') {
    // Under-exposure: a camera at a fifth of the light, in sRGB terms.
    out = await sharp(rgb, { raw: { width, height, channels: 3 } })
      .linear(0.2, 0)
      .raw()
      .toBuffer();
  } else if (variant === 'blurred') {
    // Out of focus / motion: the blur scales with the frame so every size fails alike.
    out = await sharp(rgb, { raw: { width, height, channels: 3 } })
      .blur(height / 110)
      .raw()
      .toBuffer();
  }
  const png = await sharp(out, { raw: { width, height, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
  return { rgb: out, width, height, png };
}
