import type { Migration } from './types';

/**
 * The resident's signature per recording: the raw pen time series (x, y in mm, pressure 0–1,
 * ms; packed little-endian float32 quadruples), the rendered card image (PNG 600×200), counts
 * for the supervisor, and what the pad was. An exception (cannot sign) has a reason and no ink.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'signatures',
  up(db) {
    db.exec(`
      CREATE TABLE signatures (
        recording_id TEXT PRIMARY KEY REFERENCES recordings(id) ON DELETE CASCADE,
        points BLOB,
        image BLOB,
        point_count INTEGER NOT NULL DEFAULT 0,
        stroke_count INTEGER NOT NULL DEFAULT 0,
        duration_ms INTEGER NOT NULL DEFAULT 0,
        exception_reason TEXT,
        device_json TEXT,
        accepted_at TEXT NOT NULL,
        accepted_by TEXT NOT NULL REFERENCES users(id),
        CHECK ((exception_reason IS NULL) = (image IS NOT NULL))
      );
    `);
  },
};
