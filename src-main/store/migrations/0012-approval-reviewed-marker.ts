import type { Migration } from './types';

/**
 * "Awaiting a decision" without walking history. `recordings.reviewed_at` is set in the same
 * transaction as the supervisor's decision (approvals row), so the pending queue and the freeze
 * count read a partial index that only ever holds the recordings still awaiting review — a few
 * dozen rows on a desk of four years — instead of every sealed or uploaded recording with an
 * anti-join on `approvals`.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'approval-reviewed-marker',
  up(db) {
    db.exec(`
      ALTER TABLE recordings ADD COLUMN reviewed_at TEXT;
      UPDATE recordings SET reviewed_at =
        (SELECT a.decided_at FROM approvals a WHERE a.recording_id = recordings.id)
        WHERE id IN (SELECT recording_id FROM approvals);
      CREATE INDEX recordings_awaiting ON recordings(created_at, id)
        WHERE status IN ('sealed', 'uploaded') AND reviewed_at IS NULL;
    `);
  },
};
