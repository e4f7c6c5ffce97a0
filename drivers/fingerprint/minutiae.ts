// What the simulated module's Img2Tz and Match work on: minutiae (ridge endings and
// bifurcations) with position and direction. The synthetic images are painted with these same
// minutiae as phase spirals (synthetic.ts), and every capture of a finger lands with its own
// pose (position, rotation, pressure), so the matcher has to align two captures as a real one
// does: the same finger scores high, another finger low.
import { IMAGE_HEIGHT as H, IMAGE_WIDTH as W, TEMPLATE_BYTES, readU16, writeU16 } from './codec';

/** How a capture came out; it decides how many minutiae are missed or spurious. */
export const QUALITIES = ['clear', 'smudged', 'partial', 'dry'] as const;
export type ImageQuality = (typeof QUALITIES)[number];

export interface Minutia {
  x: number;
  y: number;
  /** Direction in radians (0..2π). */
  angle: number;
  kind: 'ending' | 'bifurcation';
}

/** Where and how a finger landed on the sensor for one capture. */
export interface Pose {
  dx: number;
  dy: number;
  /** Radians, about the window's centre. */
  rotation: number;
  /** Ridge darkness factor: a light touch is paler, a firm one darker. */
  pressure: number;
}

const CX = W / 2;
const CY = H / 2;
const TWO_PI = 2 * Math.PI;
const BACKGROUND = 252;

export function randomPose(rand: () => number): Pose {
  return {
    dx: (rand() - 0.5) * 24,
    dy: (rand() - 0.5) * 24,
    rotation: (rand() - 0.5) * 0.35,
    pressure: 0.85 + rand() * 0.3,
  };
}

/** Where a point of the finger lands under `pose`. */
export function place(p: { x: number; y: number }, pose: Pose): { x: number; y: number } {
  const c = Math.cos(pose.rotation);
  const s = Math.sin(pose.rotation);
  const x = p.x - CX;
  const y = p.y - CY;
  return { x: CX + x * c - y * s + pose.dx, y: CY + x * s + y * c + pose.dy };
}

/** The finger's image as it lands: moved, turned (bilinear), pressed, with sensor noise. */
export function applyPose(gray: Uint8Array, pose: Pose, rand: () => number): Uint8Array {
  const out = new Uint8Array(W * H);
  const c = Math.cos(pose.rotation);
  const s = Math.sin(pose.rotation);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      // Inverse transform: which point of the finger is under this pixel.
      const u = x - CX - pose.dx;
      const v = y - CY - pose.dy;
      const sx = CX + u * c + v * s;
      const sy = CY - u * s + v * c;
      let value = BACKGROUND;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 >= 0 && y0 >= 0 && x0 + 1 < W && y0 + 1 < H) {
        const tx = sx - x0;
        const ty = sy - y0;
        const i = y0 * W + x0;
        const top = gray[i]! * (1 - tx) + gray[i + 1]! * tx;
        const bottom = gray[i + W]! * (1 - tx) + gray[i + W + 1]! * tx;
        value = top * (1 - ty) + bottom * ty;
      }
      value = BACKGROUND - (BACKGROUND - value) * pose.pressure + (rand() + rand() - 1) * 3;
      out[y * W + x] = Math.max(0, Math.min(255, Math.round(value)));
    }
  }
  return out;
}

/** Share of minutiae an extractor misses, and spurious ones it adds, by image quality. */
const MISSED: Record<ImageQuality, number> = {
  clear: 0.05,
  dry: 0.25,
  smudged: 0.35,
  partial: 0.1,
};
const SPURIOUS: Record<ImageQuality, number> = { clear: 1, dry: 4, smudged: 6, partial: 2 };

/**
 * The minutiae one capture yields: the finger's own under the pose, a little off each time,
 * some missed, a few spurious, and only those inside the window (and, for a partial touch,
 * inside the part that touched).
 */
export function captureMinutiae(
  own: readonly Minutia[],
  pose: Pose,
  quality: ImageQuality,
  rand: () => number,
  touched?: { x: number; y: number; r: number },
): Minutia[] {
  const out: Minutia[] = [];
  for (const m of own) {
    if (rand() < MISSED[quality]) continue;
    if (touched && Math.hypot(m.x - touched.x, m.y - touched.y) > touched.r) continue;
    const p = place(m, pose);
    const x = p.x + (rand() - 0.5) * 3;
    const y = p.y + (rand() - 0.5) * 3;
    if (x < 8 || y < 8 || x > W - 8 || y > H - 8) continue;
    const angle = (m.angle + pose.rotation + (rand() - 0.5) * 0.2 + TWO_PI) % TWO_PI;
    out.push({ x, y, angle, kind: m.kind });
  }
  for (let i = 0; i < SPURIOUS[quality]; i++) {
    out.push({
      x: 20 + rand() * (W - 40),
      y: 20 + rand() * (H - 40),
      angle: rand() * TWO_PI,
      kind: rand() < 0.5 ? 'ending' : 'bifurcation',
    });
  }
  return out;
}

// Template: "RK", version 2, count, then 6 bytes a minutia (x u16, y u16, angle u8, kind u8).
const MAGIC = [0x52, 0x4b];
const VERSION = 2;
const HEADER = 4;
const PER = 6;
const MAX_MINUTIAE = Math.floor((TEMPLATE_BYTES - HEADER) / PER);

export function encodeTemplate(ms: readonly Minutia[]): Uint8Array {
  const t = new Uint8Array(TEMPLATE_BYTES);
  t.set(MAGIC, 0);
  t[2] = VERSION;
  const n = Math.min(ms.length, MAX_MINUTIAE);
  t[3] = n;
  for (let i = 0; i < n; i++) {
    const m = ms[i]!;
    const o = HEADER + i * PER;
    writeU16(t, o, Math.round(m.x * 16));
    writeU16(t, o + 2, Math.round(m.y * 16));
    t[o + 4] = Math.round((m.angle / TWO_PI) * 256) & 0xff;
    t[o + 5] = m.kind === 'ending' ? 1 : 2;
  }
  return t;
}

/** The minutiae of a template, or null when it is not one of ours (e.g. damaged). */
export function decodeTemplate(t: Uint8Array): Minutia[] | null {
  if (t.length !== TEMPLATE_BYTES || t[0] !== MAGIC[0] || t[1] !== MAGIC[1] || t[2] !== VERSION) {
    return null;
  }
  const n = Math.min(t[3]!, MAX_MINUTIAE);
  const out: Minutia[] = [];
  for (let i = 0; i < n; i++) {
    const o = HEADER + i * PER;
    out.push({
      x: readU16(t, o) / 16,
      y: readU16(t, o + 2) / 16,
      angle: (t[o + 4]! / 256) * TWO_PI,
      kind: t[o + 5] === 1 ? 'ending' : 'bifurcation',
    });
  }
  return out;
}

const DIST = 8;
const TURN = 0.35;

function angleGap(a: number, b: number): number {
  const d = Math.abs(a - b) % TWO_PI;
  return d > Math.PI ? TWO_PI - d : d;
}

/**
 * Match score 0..300 like real modules: every pair of minutiae of the same kind proposes an
 * alignment (the rotation between their directions, then the shift); the alignment pairing
 * the most minutiae (within 8 px and 20°, same kind) wins. Score = 300 × n² / (|a| × |b|).
 */
export function matchMinutiae(a: readonly Minutia[], b: readonly Minutia[]): number {
  if (a.length < 4 || b.length < 4) return 0;
  let best = 0;
  const used = new Uint8Array(b.length);
  for (const pa of a) {
    for (const pb of b) {
      if (pa.kind !== pb.kind) continue;
      const rot = pb.angle - pa.angle;
      const c = Math.cos(rot);
      const s = Math.sin(rot);
      const tx = pb.x - (pa.x * c - pa.y * s);
      const ty = pb.y - (pa.x * s + pa.y * c);
      used.fill(0);
      let n = 0;
      for (const m of a) {
        const x = m.x * c - m.y * s + tx;
        const y = m.x * s + m.y * c + ty;
        for (let j = 0; j < b.length; j++) {
          const o = b[j]!;
          if (used[j] || o.kind !== m.kind) continue;
          if (Math.abs(o.x - x) > DIST || Math.abs(o.y - y) > DIST) continue;
          if (Math.hypot(o.x - x, o.y - y) > DIST || angleGap(m.angle + rot, o.angle) > TURN) {
            continue;
          }
          used[j] = 1;
          n++;
          break;
        }
      }
      if (n > best) best = n;
    }
  }
  return Math.min(300, Math.round((300 * best * best) / (a.length * b.length)));
}
