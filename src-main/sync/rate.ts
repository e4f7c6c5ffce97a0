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
