import type { Migration } from './types';

export const migration0002: Migration = {
  version: 2,
  name: 'photos',
  up(db) {
    db.exec(`
      -- Processed attempts only (the camera frame is never stored); at most 3 per recording,
      -- enforced by the service. Deleted when one is accepted or the operator starts over.
      CREATE TABLE photo_attempts (
        id TEXT PRIMARY KEY,
        recording_id TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL CHECK (idx BETWEEN 1 AND 3),
        jpeg BLOB NOT NULL,
        thumb BLOB NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        checks_json TEXT NOT NULL,
        worst TEXT NOT NULL CHECK (worst IN ('pass', 'warn', 'fail')),
        crop TEXT NOT NULL CHECK (crop IN ('face', 'guide')),
        created_at TEXT NOT NULL,
        UNIQUE (recording_id, idx)
      );

      CREATE TABLE photos (
        recording_id TEXT PRIMARY KEY REFERENCES recordings(id) ON DELETE CASCADE,
        jpeg BLOB NOT NULL,
        thumb BLOB NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        checks_json TEXT NOT NULL,
        forced INTEGER NOT NULL CHECK (forced IN (0, 1)),
        force_reason TEXT,
        attempts INTEGER NOT NULL CHECK (attempts BETWEEN 1 AND 3),
        no_glasses_confirmed INTEGER NOT NULL CHECK (no_glasses_confirmed IN (0, 1)),
        accepted_at TEXT NOT NULL,
        accepted_by TEXT NOT NULL REFERENCES users(id)
      );
    `);
  },
};
