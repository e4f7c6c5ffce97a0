/** Bytes per second over a sliding window, for the ETA the operator sees. */
export class RateMeter {
  private samples: { t: number; total: number }[] = [];
  private total = 0;

  constructor(private readonly windowMs = 30_000) {}

  add(bytes: number, t: number): void {
    if (bytes <= 0) return;
    this.total += bytes;
    this.samples.push({ t, total: this.total });
    while (this.samples.length > 2 && this.samples[0]!.t < t - this.windowMs) this.samples.shift();
  }

  /** Null until there is enough to say anything (two samples a second apart). */
  rate(t: number): number | null {
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    if (!first || !last || last === first) return null;
    if (t - last.t > this.windowMs) return null;
    const span = Math.max(1000, t - first.t);
    return (last.total - first.total) / (span / 1000);
  }

  get sent(): number {
    return this.total;
  }
}

// ---- The link as the uploads see it ------------------------------------------------------

export interface LinkTuning {
  /** The shortest stall window: no bytes acknowledged for this long → the connection is dead. */
  stallMinMs: number;
  /** How long one PATCH should take on a clean link (longer chunks waste fewer round trips). */
  chunkTargetMs: number;
  chunkMinBytes: number;
  chunkMaxBytes: number;
  /** Assumed until measured: a GPRS floor, so a first chunk is never judged by a fast link. */
  assumedBytesPerSecond: number;
  /** Below this measured rate, one upload at a time (two only split a thin pipe). */
  slowLinkBytesPerSecond: number;
}

export const DEFAULT_LINK_TUNING: LinkTuning = {
  stallMinMs: 20_000,
  chunkTargetMs: 30_000,
  chunkMinBytes: 8 * 1024,
  chunkMaxBytes: 4 * 1024 * 1024,
  assumedBytesPerSecond: 1_000,
  slowLinkBytesPerSecond: 32_000,
};

const ewma = (old: number | null, sample: number, weight: number) =>
  old === null ? sample : old + weight * (sample - old);

/**
 * What the runner knows about the link: acknowledged throughput (bytes the centre confirmed per
 * second of PATCH), round-trip time (small requests), how long the link typically stays up, and
 * whether the centre keeps the bytes of an interrupted PATCH. From these: the stall window, the
 * chunk size and how many uploads to run at once. Pure arithmetic on numbers it is given.
 */
export class LinkEstimate {
  /** Acknowledged bytes per second (null: not measured yet). */
  rate: number | null = null;
  /** Round trip of a small request, ms (null: not measured yet). */
  rttMs: number | null = null;
  /** Typical time the link stays up between outages (null: no outage seen). */
  upWindowMs: number | null = null;
  /** Whether the centre keeps the bytes of an interrupted PATCH (null: not known yet). */
  partialKept: boolean | null = null;

  constructor(readonly tuning: LinkTuning = DEFAULT_LINK_TUNING) {}

  noteRoundTrip(ms: number): void {
    this.rttMs = ewma(this.rttMs, Math.max(1, ms), 0.3);
  }

  /** A PATCH of `bytes` was acknowledged `ms` after it started. */
  noteChunk(bytes: number, ms: number): void {
    if (bytes <= 0) return;
    const rtt = this.rttMs ?? 0;
    // The answer's round trip is not sending time; never let it take more than half.
    const sending = Math.max(ms - rtt, ms / 2, 1);
    this.rate = ewma(this.rate, (bytes * 1000) / sending, 0.5);
  }

  noteUpWindow(ms: number): void {
    this.upWindowMs = ewma(this.upWindowMs, Math.max(0, ms), 0.5);
  }

  /**
   * How long a request carrying `bytes` may go without an answer before it is abandoned: three
   * times what the measured (or assumed) rate needs, plus four round trips, never below the
   * minimum. A slow but progressing link is never cut; a dead one is, once that has passed.
   */
  stallWindowMs(bytes: number): number {
    const rate = this.rate ?? this.tuning.assumedBytesPerSecond;
    const sending = (Math.max(0, bytes) * 1000) / rate;
    return Math.ceil(Math.max(this.tuning.stallMinMs, 3 * sending + 4 * (this.rttMs ?? 1000)));
  }

  /**
   * The next PATCH's size: `chunkTargetMs` worth at the measured rate. When the centre is seen to
   * drop interrupted bodies (a buffering proxy), a chunk must also fit in half a typical
   * up-window, or an outage would cost it whole.
   */
  chunkBytes(): number {
    const t = this.tuning;
    const dropsBodies = this.partialKept === false && this.upWindowMs !== null;
    if (this.rate === null && !dropsBodies) return 2 * t.chunkMinBytes;
    let ms = t.chunkTargetMs;
    if (dropsBodies) ms = Math.min(ms, Math.max(2_000, this.upWindowMs! / 2));
    const bytes = ((this.rate ?? t.assumedBytesPerSecond) * ms) / 1000;
    return Math.round(Math.min(t.chunkMaxBytes, Math.max(t.chunkMinBytes, bytes)) / 1024) * 1024;
  }

  /** The size of the body pieces (TLS records): about half a second of the link, 2–16 KiB. */
  pieceBytes(): number {
    const rate = this.rate ?? this.tuning.assumedBytesPerSecond;
    return Math.round(Math.min(16 * 1024, Math.max(2048, rate / 2)));
  }

  /** Uploads to run at once: one until the link is measured and whenever it is slow. */
  concurrency(max: number): number {
    if (this.rate === null || this.rate < this.tuning.slowLinkBytesPerSecond) return 1;
    return Math.max(1, max);
  }
}

/**
 * How soon to try the link again during an outage: a twentieth of the outage so far (so waiting
 * after the link is back costs about 5% of the outage), between `minMs` and `maxMs`,
 * jittered ±25% so a kecamatan's stations do not all come back in the same second.
 */
export function probeIntervalMs(
  outageMs: number,
  opts: { minMs: number; maxMs: number },
  random: () => number = Math.random,
): number {
  const base = Math.min(opts.maxMs, Math.max(opts.minMs, outageMs / 20));
  return Math.round(base * (0.75 + random() * 0.5));
}
