import type { Migration } from './types';

/**
 * Retention that finishes the job. `recordings.purged_at` marks a recording whose biometrics
 * were deleted without a packet to mark (an abandoned draft); `purge_reason` says which rule
 * purged it (the outbox keeps the centre's verdict and the supervisor's reason as before).
 * `storage_samples` keeps one size reading per day for the technician's trend.
 */
export const migration0015: Migration = {
  version: 15,
  name: 'retention-marks',
  up(db) {
    db.exec(`
      ALTER TABLE recordings ADD COLUMN purged_at TEXT;
      ALTER TABLE outbox ADD COLUMN purge_reason TEXT
        CHECK (purge_reason IN ('acknowledged', 'centre-rejected', 'withdrawn'));
      UPDATE outbox SET purge_reason = 'acknowledged' WHERE purged_at IS NOT NULL;
      CREATE INDEX recordings_abandoned ON recordings(updated_at)
        WHERE status = 'draft' AND purged_at IS NULL;

      CREATE TABLE storage_samples (
        day TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        file_bytes INTEGER NOT NULL,
        free_bytes INTEGER NOT NULL,
        categories_json TEXT NOT NULL
      );
    `);
  },
};
