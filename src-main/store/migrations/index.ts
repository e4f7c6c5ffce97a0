import { migration0001 } from './0001-initial';
import type { Migration } from './types';

export type { Migration };

/** Every migration the app knows, in order. Append only; never edit a shipped one. */
export const migrations: readonly Migration[] = [migration0001];

export const LATEST_SCHEMA_VERSION = migrations[migrations.length - 1]?.version ?? 0;
