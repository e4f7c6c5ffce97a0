// Synthetic fingerprint images for the simulator: plausible enough that the quality score and
// the UI can be exercised without a sensor, cheap enough to make on demand (a few ms each).
// Ridges are a cosine of a "phase" field built around a core (whorl / loop / arch), warped by a
// few per-finger sinusoids so that each of the ten fingers (and each person seed) differs.
import { IMAGE_HEIGHT as H, IMAGE_WIDTH as W } from './codec';
import { QUALITIES } from './minutiae';
import type { ImageQuality, Minutia } from './minutiae';

export { QUALITIES };
export type { ImageQuality };

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function fingerSeed(personSeed: number, finger: number): number {
  return (Math.imul(personSeed >>> 0, 0x9e3779b1) ^ Math.imul(finger + 1, 0x85ebca6b)) >>> 0;
}

type Pattern = 'whorl' | 'loop' | 'arch';

/** Lattice value noise in [0,1], bilinear, for blotches and broken ridges. */
function valueNoise(rand: () => number, cell: number): (x: number, y: number) => number {
  const gw = Math.ceil(W / cell) + 2;
  const gh = Math.ceil(H / cell) + 2;
  const grid = Float32Array.from({ length: gw * gh }, rand);
  return (x, y) => {
    const fx = x / cell;
    const fy = y / cell;
    const ix = Math.floor(fx);
    const iy = Math.floor(fy);
    const tx = fx - ix;
    const ty = fy - iy;
    const g = (i: number, j: number) => grid[j * gw + i]!;
    const top = g(ix, iy) * (1 - tx) + g(ix + 1, iy) * tx;
    const bottom = g(ix, iy + 1) * (1 - tx) + g(ix + 1, iy + 1) * tx;
    return top * (1 - ty) + bottom * ty;
  };
}

// Near white, like a real optical window: sensor noise then stays inside one 4-bit level.
const BACKGROUND = 252;

/** An 8-bit 256×288 grayscale image (dark ridges on a light background). */
export function syntheticFingerprint(
  finger: number,
  quality: ImageQuality = 'clear',
  personSeed = 1,
): Uint8Array {
  const p = painter(finger, quality, personSeed);
  p.paintRows(0, H);
  return p.finish();
}

/**
 * The same image, painted a few rows at a time with the event loop free in between: the
 * simulator prepares the next finger while it paces the previous image out (a whole image is
 * a few hundred ms of CPU on a slow machine).
 */
export async function syntheticFingerprintAsync(
  finger: number,
  quality: ImageQuality = 'clear',
  personSeed = 1,
  rowsPerSlice = 4,
): Promise<Uint8Array> {
  const p = painter(finger, quality, personSeed);
  for (let y = 0; y < H; y += rowsPerSlice) {
    p.paintRows(y, Math.min(H, y + rowsPerSlice));
    await new Promise<void>((r) => setImmediate(r));
  }
  return p.finish();
}

/** How many minutiae a finger carries (real fingertips show 30–60 in a sensor window). */
const MINUTIAE = 32;

/**
 * The finger's own minutiae (in the image's coordinates, before any capture pose) and the part
 * a partial touch leaves on the glass.
 */
export function fingerGeometry(
  finger: number,
  personSeed = 1,
): { minutiae: Minutia[]; touched: { x: number; y: number; r: number } } {
  const p = painter(finger, 'clear', personSeed);
  return { minutiae: p.minutiae, touched: p.touched };
}

function painter(
  finger: number,
  quality: ImageQuality,
  personSeed: number,
): {
  paintRows(y0: number, y1: number): void;
  finish(): Uint8Array;
  minutiae: Minutia[];
  touched: { x: number; y: number; r: number };
} {
  const rand = mulberry32(fingerSeed(personSeed, finger));
  const patterns: Pattern[] = ['whorl', 'loop', 'loop', 'whorl', 'loop', 'arch', 'loop'];
  const pattern = patterns[Math.floor(rand() * patterns.length)]!;
  const cx = 128 + (rand() - 0.5) * 50;
  const cy = 135 + (rand() - 0.5) * 50;
  const period = 8 + rand() * 2.5;
  // Loops lean towards the thumb side: right hand (fingers 1-5) one way, left hand the other.
  const lean = (finger <= 5 ? 1 : -1) * (0.3 + rand() * 0.4);
  const rot = pattern === 'loop' ? lean : (rand() - 0.5) * 0.4;
  const warps = Array.from({ length: 4 }, () => {
    const w = {
      amp: 2 + rand() * 4,
      k: (2 * Math.PI) / (60 + rand() * 100),
      dir: rand() * Math.PI,
      phase: rand() * 2 * Math.PI,
    };
    // The per-pixel loop needs only these; working them out once keeps an image cheap.
    return {
      ...w,
      cd: Math.cos(w.dir),
      sd: Math.sin(w.dir),
      c1: Math.cos(w.dir + 1),
      s1: Math.sin(w.dir + 1),
    };
  });
  const mx = 128 + (rand() - 0.5) * 16;
  const my = 148 + (rand() - 0.5) * 16;
  const rx = 96 + rand() * 14;
  const ry = 122 + rand() * 14;
  const archHeight = 20 + rand() * 20;
  const pressure = valueNoise(rand, 64);
  const breaks = valueNoise(rand, 5);
  const noise = mulberry32(fingerSeed(personSeed, finger) ^ 0x5bd1e995);
  // Partial: only a disc at one side of the window is touched.
  const partialAngle = rand() * 2 * Math.PI;
  const px = 128 + Math.cos(partialAngle) * 70;
  const py = 144 + Math.sin(partialAngle) * 80;

  const cos = Math.cos(rot);
  const sin = Math.sin(rot);
  /** The ridge field before any minutia: its phase in pixels (ridges every `period`). */
  const basePhase = (x: number, y: number): number => {
    let dx = x - cx;
    let dy = y - cy;
    for (const w of warps) {
      const s = w.amp * Math.sin(w.k * (x * w.cd + y * w.sd) + w.phase);
      dx += s * w.c1;
      dy += s * w.s1;
    }
    const u = dx * cos + dy * sin;
    const v = -dx * sin + dy * cos;
    if (pattern === 'whorl') return Math.hypot(u, v * 1.15);
    if (pattern === 'loop') return v < 0 ? Math.hypot(u, v) : Math.abs(u) + v * v * 0.004;
    return v + archHeight * Math.exp(-(u * u) / 3000);
  };
  // Minutiae as phase spirals (a ridge that ends, or one that forks, where the phase winds once
  // around a point), spread over the fingertip away from the core and from each other. Windings
  // alternate, so far from them the ridge flow stays what it was.
  const mrand = mulberry32(fingerSeed(personSeed, finger) ^ 0x27d4eb2f);
  const minutiae: Minutia[] = [];
  for (let tries = 0; minutiae.length < MINUTIAE && tries < 2000; tries++) {
    const a = mrand() * 2 * Math.PI;
    const r = Math.sqrt(mrand()) * 0.85;
    const x = mx + Math.cos(a) * r * rx;
    const y = my + Math.sin(a) * r * ry;
    if (Math.hypot(x - cx, y - cy) < 24) continue;
    if (minutiae.some((m) => Math.hypot(m.x - x, m.y - y) < 18)) continue;
    // Its direction: along the ridges there (perpendicular to the phase gradient).
    const gx = basePhase(x + 1, y) - basePhase(x - 1, y);
    const gy = basePhase(x, y + 1) - basePhase(x, y - 1);
    const along = Math.atan2(gy, gx) + Math.PI / 2;
    const kind = minutiae.length % 2 === 0 ? 'ending' : 'bifurcation';
    minutiae.push({ x, y, angle: (along + 4 * Math.PI) % (2 * Math.PI), kind });
  }
  const spiral = minutiae.map((m) => ({
    x: m.x,
    y: m.y,
    turn: ((m.kind === 'ending' ? 1 : -1) * period) / (2 * Math.PI),
  }));
  const contrast = quality === 'smudged' ? 0.45 : quality === 'dry' ? 0.75 : 1;
  const img = new Float32Array(W * H);
  const paintRows = (y0: number, y1: number) => {
    for (let y = y0; y < y1; y++) {
      for (let x = 0; x < W; x++) {
        let phase = basePhase(x, y);
        for (const m of spiral) phase += m.turn * Math.atan2(y - m.y, x - m.x);
        let ridge = 0.5 + 0.5 * Math.cos((2 * Math.PI * phase) / period);
        if (quality === 'dry' && breaks(x, y) < 0.42) ridge *= 0.15;
        const e = Math.hypot((x - mx) / rx, (y - my) / ry);
        let mask = Math.min(1, Math.max(0, (1 - e) * 8));
        if (quality === 'partial')
          mask *= Math.min(1, Math.max(0, (1 - Math.hypot(x - px, y - py) / 75) * 6));
        const depth = 190 * contrast * (0.8 + 0.2 * pressure(x, y));
        img[y * W + x] = BACKGROUND - mask * (15 + depth * ridge);
      }
    }
  };
  const finish = () => {
    if (quality === 'smudged') boxBlur(img, 2, 1);
    const out = new Uint8Array(W * H);
    for (let i = 0; i < out.length; i++) {
      const n = (noise() + noise() + noise() - 1.5) * 3;
      out[i] = Math.max(0, Math.min(255, Math.round(img[i]! + n)));
    }
    return out;
  };
  return { paintRows, finish, minutiae, touched: { x: px, y: py, r: 75 } };
}

function boxBlur(img: Float32Array, radius: number, passes: number): void {
  const tmp = new Float32Array(img.length);
  const n = 2 * radius + 1;
  for (let p = 0; p < passes; p++) {
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        let s = 0;
        for (let k = -radius; k <= radius; k++)
          s += img[y * W + Math.min(W - 1, Math.max(0, x + k))]!;
        tmp[y * W + x] = s / n;
      }
    }
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        let s = 0;
        for (let k = -radius; k <= radius; k++)
          s += tmp[Math.min(H - 1, Math.max(0, y + k)) * W + x]!;
        img[y * W + x] = s / n;
      }
    }
  }
}

/** A blank sensor (no finger): background plus faint noise. */
export function blankImage(seed = 1): Uint8Array {
  const noise = mulberry32(seed);
  return Uint8Array.from({ length: W * H }, () =>
    Math.round(BACKGROUND + (noise() + noise() - 1) * 3),
  );
}
