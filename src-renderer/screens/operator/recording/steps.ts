/** The steps of a recording in this scope; signature (issue 5) joins later. */
export const STEPS = ['data', 'photo', 'fingerprint'] as const;
export type StepId = (typeof STEPS)[number];

export interface StepStatus {
  data: boolean;
  photo: boolean;
  fingerprint: boolean;
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
