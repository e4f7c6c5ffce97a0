// Pure decisions of the fingerprint step, kept out of the component so they can be tested.
import type { FingerRecord, FingerprintSet } from '../../../../src-main/api/contract';
import { CAPTURE_ORDER } from '../../../../src-main/domain/fingers';

export const MAX_ATTEMPTS = 3;

/** Still needs something from the operator: not taken, or taken but the same as another finger. */
export function needsWork(f: FingerRecord): boolean {
  return f.state === 'pending' || f.duplicateOf !== null;
}

export function fingerOf(set: FingerprintSet, finger: number): FingerRecord | undefined {
  return set.fingers.find((f) => f.finger === finger);
}

/** The first finger in capture order after `from` (wrapping) that still needs work. */
export function nextOpenFinger(set: FingerprintSet, from = 0): number | null {
  const order = [...CAPTURE_ORDER];
  const start = order.findIndex((f) => f > from);
  const rotated = start < 0 ? order : [...order.slice(start), ...order.slice(0, start)];
  for (const f of rotated) {
    const rec = fingerOf(set, f);
    if (rec && needsWork(rec)) return f;
  }
  return null;
}

/** Fingers that keep the step from completing, in capture order. */
export function openFingers(set: FingerprintSet): number[] {
  return CAPTURE_ORDER.filter((f) => {
    const rec = fingerOf(set, f);
    return !rec || needsWork(rec);
  });
}

export type FingerTone = 'pending' | 'ok' | 'forced' | 'exception' | 'duplicate';

export function toneOf(f: FingerRecord): FingerTone {
  if (f.duplicateOf !== null) return 'duplicate';
  if (f.state === 'captured') return 'ok';
  if (f.state === 'forced') return 'forced';
  if (f.state === 'exception') return 'exception';
  return 'pending';
}

/** What Enter does on the current finger. */
export function enterAction(
  set: FingerprintSet,
  finger: number,
  capturing: boolean,
): 'capture' | 'next' | 'finish' | 'none' {
  if (capturing) return 'none';
  const rec = fingerOf(set, finger);
  if (rec && rec.state === 'pending') return 'capture';
  if (openFingers(set).length === 0) return 'finish';
  return 'next';
}

/**
 * The finger to ask for once `from` is in the module (auto-advance): the next one that still
 * needs work, skipping `from` itself and fingers whose capture is already under way.
 */
export function nextToAsk(
  set: FingerprintSet,
  from: number,
  underWay: ReadonlySet<number>,
): number | null {
  const order = [...CAPTURE_ORDER];
  const start = order.indexOf(from as never);
  const rotated = [...order.slice(start + 1), ...order.slice(0, start)];
  for (const f of rotated) {
    const rec = fingerOf(set, f);
    if (rec && needsWork(rec) && !underWay.has(f)) return f;
  }
  return null;
}
