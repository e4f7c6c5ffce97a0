import type { Migration } from './types';

/**
 * Handing the printed card over. `handover_retained` keeps, from sealing until the
 * card is handed over, a copy of the photo and the module templates of two fingers (right and
 * left index, else the best two): the general retention rule purges the recording's own
 * biometrics 30 days after the centre's acknowledgement, long before most cards come back from
 * printing, and the 1:1 check at handover needs them. They go at handover, or after a maximum
 * age (services/handover/retained.ts). `handovers` is the record of who received the card,
 * signed by the station key, with its own small outbox state towards the centre.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'handover-records',
  up(db) {
    db.exec(`
      CREATE TABLE handover_retained (
        recording_id TEXT PRIMARY KEY REFERENCES recordings(id) ON DELETE CASCADE,
        photo_jpeg BLOB,
        retained_at TEXT NOT NULL,
        purged_at TEXT,
        purge_reason TEXT CHECK (purge_reason IN ('handed-over', 'expired'))
      );
      CREATE INDEX handover_retained_held ON handover_retained(retained_at)
        WHERE purged_at IS NULL;

      CREATE TABLE handover_templates (
        recording_id TEXT NOT NULL REFERENCES handover_retained(recording_id) ON DELETE CASCADE,
        finger INTEGER NOT NULL CHECK (finger BETWEEN 1 AND 10),
        quality INTEGER,
        template BLOB NOT NULL,
        PRIMARY KEY (recording_id, finger)
      );

      CREATE TABLE handovers (
        id TEXT PRIMARY KEY,
        recording_id TEXT NOT NULL UNIQUE REFERENCES recordings(id),
        kind TEXT NOT NULL CHECK (kind IN ('counter', 'round')),
        round_id TEXT,
        verification TEXT NOT NULL CHECK (verification IN ('fingerprint', 'visual')),
        finger INTEGER CHECK (finger BETWEEN 1 AND 10),
        score INTEGER,
        visual_reason TEXT,
        by_proxy INTEGER NOT NULL DEFAULT 0 CHECK (by_proxy IN (0, 1)),
        proxy_name TEXT,
        proxy_nik TEXT,
        proxy_relation TEXT,
        signature_png BLOB,
        handed_over_at TEXT NOT NULL,
        operator_id TEXT NOT NULL REFERENCES users(id),
        record_json TEXT NOT NULL,
        record_signature TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'done')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error TEXT,
        central_status TEXT CHECK (central_status IN ('received', 'duplicate', 'rejected')),
        verdict_json TEXT,
        acked_at TEXT
      );
      CREATE INDEX handovers_queued ON handovers(next_attempt_at) WHERE state = 'queued';
      CREATE INDEX handovers_day ON handovers(handed_over_at);
    `);
  },
};
