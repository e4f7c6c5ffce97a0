import type { Migration } from './types';

/**
 * Supervisor approval. One decision per sealed recording, final once made: approved,
 * or rejected with the reason the operator reads back. A rejected recording is redone as a new
 * draft (`redo_recording_id`); the rejected one keeps its row for the audit trail.
 *
 * `outbox.withdrawn_at` marks the packet of a rejected recording that had not left the station:
 * the runner never uploads it, and it no longer counts as backlog. The bytes stay until the
 * retention job, like any other packet.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'approvals-and-withdrawn-packets',
  up(db) {
    db.exec(`
      CREATE TABLE approvals (
        recording_id TEXT PRIMARY KEY REFERENCES recordings(id) ON DELETE CASCADE,
        decision TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
        reason TEXT,
        decided_by TEXT NOT NULL REFERENCES users(id),
        decided_at TEXT NOT NULL,
        redo_recording_id TEXT REFERENCES recordings(id) ON DELETE SET NULL,
        CHECK ((decision = 'rejected') = (reason IS NOT NULL))
      );
      CREATE INDEX approvals_decided_at ON approvals(decided_at);

      ALTER TABLE outbox ADD COLUMN withdrawn_at TEXT;

      CREATE INDEX recordings_status_created ON recordings(status, created_at);
    `);
  },
};
