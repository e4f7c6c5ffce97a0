/**
 * Exponential backoff with "equal jitter": the n-th consecutive failure waits between half and
 * all of min(max, base·2^(n−1)). The random half spreads a kecamatan's stations apart when the
 * link comes back, so they do not all hit the centre in the same second.
 */
export function backoffMs(
  failures: number,
  opts: { baseMs: number; maxMs: number },
  random: () => number = Math.random,
): number {
  const n = Math.max(1, Math.floor(failures));
  const cap = Math.min(opts.maxMs, opts.baseMs * 2 ** Math.min(n - 1, 30));
  return Math.round(cap / 2 + random() * (cap / 2));
}
