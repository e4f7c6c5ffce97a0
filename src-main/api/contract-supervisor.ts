import type { MethodSpec } from './schema';

/**
 * The supervisor (approval, recap, exports, freeze rules — issue 7) part of the contract.
 * contract.ts spreads these into `methods`, `MethodOutputs`, `EventPayloads` and `EVENT_NAMES`.
 */
export const supervisorMethods = {} as const satisfies Record<string, MethodSpec>;

export type SupervisorOutputs = Record<never, never>;

export type SupervisorEvents = Record<never, never>;

export const SUPERVISOR_EVENTS = [] as const;
