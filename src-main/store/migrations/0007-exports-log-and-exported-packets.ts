import type { Migration } from './types';

/**
 * Exports. `outbox.exported_at` marks a packet written to an offline bundle: it still
 * uploads when the network returns (the centre de-duplicates), but the supervisor's freeze rules
 * and the bundle screen can tell it left the station on a medium. `exports_log` lists every
 * export made — kind, range, file name, size, who — and never the personal data inside.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'exports-log-and-exported-packets',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN exported_at TEXT;

      CREATE TABLE exports_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('pdf', 'csv', 'xlsx', 'bundle')),
        user_id TEXT,
        username TEXT,
        range_from TEXT NOT NULL,
        range_to TEXT NOT NULL,
        file_name TEXT NOT NULL,
        bytes INTEGER NOT NULL,
        sha256 TEXT NOT NULL,
        rows INTEGER NOT NULL,
        full_nik INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX exports_log_at ON exports_log(at);
    `);
  },
};
