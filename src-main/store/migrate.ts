import type { Database } from 'better-sqlite3-multiple-ciphers';
import { StoreError } from './errors';
import type { Migration } from './migrations/types';

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Throws (and leaves the DB untouched) when the file was written by a newer app. */
export function assertNotNewer(db: Database, list: readonly Migration[]): void {
  const latest = list[list.length - 1]?.version ?? 0;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new StoreError(
      'NEWER_SCHEMA',
      `Database schema version ${current} is newer than this app supports (${latest}); update the app`,
    );
  }
}

/**
 * Applies every pending migration, each in its own transaction together with its
 * user_version bump, so a crash leaves the DB at a clean, known version.
 */
export function migrate(db: Database, list: readonly Migration[]): number {
  let previous = 0;
  for (const m of list) {
    if (!Number.isInteger(m.version) || m.version !== previous + 1) {
      throw new Error(`Migrations must be numbered 1, 2, 3…; found ${m.version} after ${previous}`);
    }
    previous = m.version;
  }
  assertNotNewer(db, list);
  for (const m of list) {
    if (m.version <= schemaVersion(db)) continue;
    db.transaction(() => {
      m.up(db);
      // user_version lives in the header page, so it commits or rolls back with the schema.
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}
