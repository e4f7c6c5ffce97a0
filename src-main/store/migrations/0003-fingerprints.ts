import type { Migration } from './types';

/**
 * Ten-finger capture. `finger_attempts` keeps every attempt (up to 3 per finger) with its
 * lossless image, score and template; `fingerprints` holds the finger as taken (the accepted or
 * best attempt, copied so clearing attempts can never orphan it) or its exception. Both rows go
 * with their recording.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'fingerprints',
  up(db) {
    db.exec(`
      CREATE TABLE finger_attempts (
        id TEXT PRIMARY KEY,
        recording_id TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
        finger INTEGER NOT NULL CHECK (finger BETWEEN 1 AND 10),
        idx INTEGER NOT NULL CHECK (idx BETWEEN 1 AND 3),
        quality INTEGER NOT NULL CHECK (quality BETWEEN 0 AND 100),
        -- 8-bit grayscale, lossless (PNG), as read from the module.
        image_png BLOB NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        -- The module's own template (Img2Tz + UpChar); NULL when the module could not make one.
        template BLOB,
        duplicate_of INTEGER CHECK (duplicate_of BETWEEN 1 AND 10),
        created_at TEXT NOT NULL,
        UNIQUE (recording_id, finger, idx)
      );

      CREATE TABLE fingerprints (
        recording_id TEXT NOT NULL REFERENCES recordings(id) ON DELETE CASCADE,
        finger INTEGER NOT NULL CHECK (finger BETWEEN 1 AND 10),
        state TEXT NOT NULL CHECK (state IN ('captured', 'forced', 'exception')),
        quality INTEGER CHECK (quality BETWEEN 0 AND 100),
        attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts BETWEEN 0 AND 3),
        image_png BLOB,
        width INTEGER,
        height INTEGER,
        template BLOB,
        duplicate_of INTEGER CHECK (duplicate_of BETWEEN 1 AND 10),
        exception_kind TEXT CHECK (exception_kind IN ('missing', 'amputated', 'bandaged', 'unusable')),
        exception_reason TEXT,
        -- What the scanner reported (system id, capacity, security level, simulated or not).
        device_json TEXT,
        recorded_by TEXT NOT NULL REFERENCES users(id),
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (recording_id, finger),
        CHECK ((state = 'exception') = (exception_kind IS NOT NULL)),
        CHECK (state = 'exception' OR image_png IS NOT NULL)
      );
    `);
  },
};
