import type { CheckResult, PhotoAttempt } from '../../../../src-main/api/contract';

/** The station never keeps more than this many attempts per recording (the server enforces it). */
export const MAX_ATTEMPTS = 3;
/** The reason for accepting a photo with a failed check; the contract asks for at least 5. */
export const MIN_FORCE_REASON = 5;

export type AcceptBlock = 'pick' | 'glasses' | 'reason';

/** What still stops the operator from accepting (in the order the screen shows them). */
export function acceptBlocks(
  attempt: Pick<PhotoAttempt, 'worst'> | null,
  noGlassesConfirmed: boolean,
  forceReason: string,
): AcceptBlock[] {
  if (!attempt) return ['pick'];
  const out: AcceptBlock[] = [];
  if (!noGlassesConfirmed) out.push('glasses');
  if (needsForceReason(attempt.worst) && forceReason.trim().length < MIN_FORCE_REASON) {
    out.push('reason');
  }
  return out;
}

export const needsForceReason = (worst: CheckResult): boolean => worst === 'fail';

/** The attempt to offer by default: the best result, the latest among equals. */
export function bestAttempt(attempts: readonly PhotoAttempt[]): PhotoAttempt | null {
  const rank: Record<CheckResult, number> = { pass: 0, warn: 1, fail: 2 };
  let best: PhotoAttempt | null = null;
  for (const a of attempts) {
    if (!best || rank[a.worst] <= rank[best.worst]) best = a;
  }
  return best;
}
