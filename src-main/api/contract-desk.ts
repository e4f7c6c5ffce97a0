import { z } from 'zod';
import { id, password, username } from './schema';
import type { MethodSpec } from './schema';

/**
 * The operator's desk: the seal step's own password attempts with a supervisor's
 * on-the-spot unlock, and the work in progress kept across reloads, restarts and crashes.
 * contract.ts spreads these into `methods` and `MethodOutputs`.
 */

export const DESK_STEPS = ['data', 'photo', 'fingerprint', 'signature', 'review'] as const;

/** The form as typed (strings only, bounded), whether or not it passes the checks yet. */
const formSnapshot = z.record(z.string().max(40), z.string().max(400)).refine((r) => {
  return Object.keys(r).length <= 40;
});

export const deskMethods = {
  /** How many password attempts the seal step has left for the signed-in operator. */
  'desk.sealGuard': { access: ['operator'], input: z.strictObject({}) },
  /** A supervisor, at the operator's desk, lifts the seal-step lock with their own password. */
  'desk.unlockSeal': {
    access: ['operator'],
    input: z.strictObject({ username, password }),
  },
  /** The operator's unfinished recording (the form as typed and the step), if any. */
  'desk.draft': { access: ['operator'], input: z.strictObject({}) },
  /** Saved continuously (debounced) while the operator types or changes step. */
  'desk.saveDraft': {
    access: ['operator'],
    input: z.strictObject({
      recordingId: id.nullable(),
      step: z.enum(DESK_STEPS),
      name: z.string().max(120),
      form: formSnapshot,
    }),
  },
  /** The recording was sealed, or the operator chose to start over. */
  'desk.clearDraft': { access: ['operator'], input: z.strictObject({}) },
} as const satisfies Record<string, MethodSpec>;

export interface SealGuardState {
  attemptsLeft: number;
  maxAttempts: number;
  /** No attempts left: a supervisor must unlock the seal step. */
  locked: boolean;
}

export interface DeskDraft {
  recordingId: string | null;
  step: (typeof DESK_STEPS)[number];
  /** The resident's name as typed (may be empty). */
  name: string;
  form: Record<string, string>;
  updatedAt: string;
}

export interface DeskOutputs {
  'desk.sealGuard': SealGuardState;
  'desk.unlockSeal': SealGuardState;
  'desk.draft': DeskDraft | null;
  'desk.saveDraft': null;
  'desk.clearDraft': null;
}
