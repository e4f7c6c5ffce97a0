// The one retry delay of the station: the sync runner, the fingerprint and signature-pad drivers
// and the driver-host supervisor all wait this long after a failure. It lives in shared/ because
// drivers/ may not import src-main/ (see .dependency-cruiser.cjs).

export interface BackoffPolicy {
  /** Delay cap of the first failure. */
  baseMs: number;
  /** No delay is ever longer. */
  maxMs: number;
  /** Growth per consecutive failure (2: doubling). */
  factor?: number;
}

/**
 * Exponential backoff with "equal jitter": the n-th consecutive failure (n ≥ 1) waits between
 * half and all of min(max, base·factor^(n−1)). The random half spreads stations (and devices)
 * apart when the link comes back, so they do not all retry in the same second; the fixed half
 * keeps a flapping link from being retried at once.
 */
export function backoffMs(
  failures: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const n = Math.max(1, Math.floor(failures));
  const growth = (policy.factor ?? 2) ** Math.min(n - 1, 30);
  const cap = Math.min(policy.maxMs, policy.baseMs * growth);
  return Math.round(cap / 2 + random() * (cap / 2));
}
