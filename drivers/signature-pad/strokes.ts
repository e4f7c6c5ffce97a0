// Scripted pen movement for the simulated resident: a handwriting-like signature (a looping
// cursive name, an underline flourish and a short final tick) sampled like a pad, with
// pressure that swells mid-stroke and eases at the ends, and short hovers between strokes.

export interface ScriptSample {
  /** Millimetres from the pad's top-left. */
  x: number;
  y: number;
  /** 0–1; 0 with tip = false while hovering. */
  p: number;
  tip: boolean;
  inRange: boolean;
}

/** mulberry32: a small seeded generator so a script is the same every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Path = (u: number) => { x: number; y: number };

function stroke(path: Path, samples: number, rand: () => number, out: ScriptSample[]): void {
  for (let i = 0; i < samples; i++) {
    const u = samples === 1 ? 0 : i / (samples - 1);
    const { x, y } = path(u);
    // Pressure: quick rise, a wavering plateau, a lift.
    const envelope = Math.min(1, u * 8, (1 - u) * 6);
    const p = Math.max(
      0.05,
      Math.min(1, (0.35 + 0.35 * Math.sin(Math.PI * u)) * envelope + (rand() - 0.5) * 0.06),
    );
    out.push({
      x: x + (rand() - 0.5) * 0.08,
      y: y + (rand() - 0.5) * 0.08,
      p,
      tip: true,
      inRange: true,
    });
  }
}

function hover(
  from: ScriptSample,
  to: { x: number; y: number },
  samples: number,
  out: ScriptSample[],
) {
  for (let i = 1; i <= samples; i++) {
    const u = i / samples;
    out.push({
      x: from.x + (to.x - from.x) * u,
      y: from.y + (to.y - from.y) * u,
      p: 0,
      tip: false,
      inRange: true,
    });
  }
}

/**
 * A full signature at `rate` samples per second (≈ 2.6 s at 200/s), fitted to a pad of the
 * given size. Ends with the pen out of range.
 */
export function signatureScript(
  pad: { widthMm: number; heightMm: number },
  rate = 200,
  seed = 7,
): ScriptSample[] {
  const rand = rng(seed);
  const sx = pad.widthMm / 108;
  const sy = pad.heightMm / 65;
  const out: ScriptSample[] = [];
  const n = (seconds: number) => Math.max(2, Math.round(seconds * rate));
  // A cursive name: forward motion with loops (x runs back briefly on each loop).
  const name: Path = (u) => {
    const a = 2 * Math.PI * 6 * u;
    const grow = 0.6 + 0.4 * Math.sin(Math.PI * u);
    return {
      x: (14 + 66 * u - 3.2 * Math.sin(a)) * sx,
      y: (30 - 9 * grow * Math.sin(a + 0.7) + 3 * u) * sy,
    };
  };
  const flourish: Path = (u) => ({
    x: (18 + 72 * u) * sx,
    y: (44 - 6 * Math.sin(Math.PI * u) + 2 * u * u) * sy,
  });
  const tick: Path = (u) => ({ x: (84 + 5 * u) * sx, y: (22 - 6 * u) * sy });

  out.push({ ...name(0), p: 0, tip: false, inRange: true });
  stroke(name, n(1.6), rand, out);
  hover(out[out.length - 1]!, flourish(0), n(0.15), out);
  stroke(flourish, n(0.55), rand, out);
  hover(out[out.length - 1]!, tick(0), n(0.12), out);
  stroke(tick, n(0.16), rand, out);
  out.push({ ...out[out.length - 1]!, p: 0, tip: false, inRange: true });
  out.push({ ...out[out.length - 1]!, p: 0, tip: false, inRange: false });
  return out;
}

/** A dab of the pen: a few samples, a few millimetres — what a signature must not be. */
export function shortScript(
  pad: { widthMm: number; heightMm: number },
  rate = 200,
): ScriptSample[] {
  const out: ScriptSample[] = [];
  const cx = pad.widthMm / 2;
  const cy = pad.heightMm / 2;
  const samples = Math.max(2, Math.round(0.04 * rate));
  stroke((u) => ({ x: cx + 3 * u, y: cy + u }), samples, rng(3), out);
  out.push({ ...out[out.length - 1]!, p: 0, tip: false, inRange: false });
  return out;
}

/** Reports no pad would ever send whole: wrong ids, cut short, random bytes. */
export function garbageReports(count = 40, seed = 11): Uint8Array[] {
  const rand = rng(seed);
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    if (kind === 0)
      out.push(Uint8Array.of(0x34, 0x90, 0x12)); // pen data cut short
    else if (kind === 1)
      out.push(Uint8Array.of(0xee, ...Array.from({ length: 9 }, () => (rand() * 256) | 0)));
    else if (kind === 2) out.push(new Uint8Array(0));
    else out.push(Uint8Array.of(0x01, 0xff)); // plain pen data, truncated
  }
  return out;
}
