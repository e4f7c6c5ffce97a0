/** The steps of a recording, in the order the desk takes them. */
export const STEPS = ['data', 'photo', 'fingerprint', 'signature', 'review'] as const;
export type StepId = (typeof STEPS)[number];

export interface StepStatus {
  data: boolean;
  photo: boolean;
  fingerprint: boolean;
  /** Signed and accepted, or the exception (cannot sign) recorded. */
  signature: boolean;
  /** Sealed: nothing left to do, the receipt is what the step shows. */
  review: boolean;
}

/** Where an opened draft lands: the first step still to do (data is done once saved). */
export function firstOpenStep(status: StepStatus): StepId {
  return STEPS.find((s) => !status[s]) ?? 'data';
}

/** Alt+1/2/3 (KeyboardEvent.code, so any keyboard layout works) → step. */
export function stepForKey(code: string): StepId | null {
  const m = /^(?:Digit|Numpad)([1-9])$/.exec(code);
  if (!m) return null;
  return STEPS[Number(m[1]) - 1] ?? null;
}
