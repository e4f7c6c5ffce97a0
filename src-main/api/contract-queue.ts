import type { MethodSpec } from './schema';

/**
 * The queue (antrian: capacity, cards, calling, lists, outreach — issue 8) part of the contract.
 * contract.ts spreads these into `methods`, `MethodOutputs`, `EventPayloads` and `EVENT_NAMES`.
 */
export const queueMethods = {} as const satisfies Record<string, MethodSpec>;

export type QueueOutputs = Record<never, never>;

export type QueueEvents = Record<never, never>;

export const QUEUE_EVENTS = [] as const;
