/**
 * Turns a stream of user activity (keys, clicks) into at most one report per interval, so a
 * long form keeps the session alive without flooding main with pings.
 */
export function createActivityThrottle(
  intervalMs: number,
  report: () => void,
  now: () => number = Date.now,
): () => void {
  let last = -Infinity;
  return () => {
    const t = now();
    if (t - last < intervalMs) return;
    last = t;
    report();
  };
}

export const ACTIVITY_PING_MS = 30_000;
