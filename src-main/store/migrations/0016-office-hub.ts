import type { Migration } from './types';

/**
 * The office hub. On the hub, `office_desks` holds every paired desk's Ed25519 key (revoked
 * desks stay, marked, so the audit trail and old calls keep their names) and what the desk last
 * said about itself; `office_nonces` remembers the nonces of signed desk requests inside the
 * freshness window, so a replayed request is refused even across a hub restart.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'office-hub',
  up(db) {
    db.exec(`
      CREATE TABLE office_desks (
        station_id TEXT PRIMARY KEY,
        station_name TEXT NOT NULL,
        desk_no INTEGER NOT NULL UNIQUE CHECK (desk_no BETWEEN 1 AND 99),
        public_key TEXT NOT NULL,
        paired_at TEXT NOT NULL,
        revoked_at TEXT,
        last_seen_at TEXT,
        skew_ms INTEGER,
        version TEXT
      );

      CREATE TABLE office_nonces (
        station_id TEXT NOT NULL,
        nonce TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (station_id, nonce)
      ) WITHOUT ROWID;
      CREATE INDEX office_nonces_at ON office_nonces(at);
    `);
  },
};
