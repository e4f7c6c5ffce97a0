import type { MethodSpec } from './schema';

/**
 * The exports part of the contract (daily report PDF, CSV/XLSX, offline bundles — issue 7).
 * contract.ts spreads these into `methods`, `MethodOutputs`, `EventPayloads` and `EVENT_NAMES`.
 */
export const exportMethods = {} as const satisfies Record<string, MethodSpec>;

export type ExportOutputs = Record<never, never>;

export type ExportEvents = Record<never, never>;

export const EXPORT_EVENTS = [] as const;
