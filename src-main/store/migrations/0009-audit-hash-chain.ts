import { GENESIS_HASH, auditRowHash } from '../audit-chain';
import type { ChainedFields } from '../audit-chain';
import type { Migration } from './types';

/**
 * Tamper-evident audit log. Every row carries the hash of the row before it and its own
 * (store/audit-chain.ts); the rows already there are chained here, in id order. Triggers refuse
 * UPDATE and DELETE, and an INSERT without its hashes, so the app itself cannot rewrite history;
 * someone with the database key who drops the triggers still cannot rewrite it unseen, because
 * the technician's check recomputes the chain and the station signs checkpoints (row count and
 * last hash) with its Ed25519 key, kept in `audit_checkpoints`, append-only too.
 */
export const migration0009: Migration = {
  version: 9,
  name: 'audit-hash-chain',
  up(db) {
    db.exec(`
      ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
      ALTER TABLE audit_log ADD COLUMN hash TEXT;
    `);
    const page = db.prepare(
      `SELECT id, at, user_id AS userId, username, action, target FROM audit_log
       WHERE id > ? ORDER BY id LIMIT 1000`,
    );
    const set = db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
    let prev = GENESIS_HASH;
    let after = 0;
    // In pages: a station's log can hold years of rows.
    for (let rows = page.all(after) as ChainedFields[]; rows.length > 0; ) {
      for (const r of rows) {
        const hash = auditRowHash(prev, r);
        set.run(prev, hash, r.id);
        prev = hash;
        after = r.id;
      }
      rows = page.all(after) as ChainedFields[];
    }
    db.exec(`
      CREATE UNIQUE INDEX audit_log_hash ON audit_log(hash);

      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
      CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log
      WHEN NEW.hash IS NULL OR NEW.prev_hash IS NULL
      BEGIN SELECT RAISE(ABORT, 'audit_log rows must be chained'); END;

      CREATE TABLE audit_checkpoints (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        reason TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        last_id INTEGER NOT NULL,
        last_hash TEXT NOT NULL,
        -- Ed25519 over the canonical text of the fields above, base64; and which key signed.
        signature TEXT NOT NULL,
        key_fingerprint TEXT NOT NULL
      );
      CREATE TRIGGER audit_checkpoints_no_update BEFORE UPDATE ON audit_checkpoints
      BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
      CREATE TRIGGER audit_checkpoints_no_delete BEFORE DELETE ON audit_checkpoints
      BEGIN SELECT RAISE(ABORT, 'audit_checkpoints is append-only'); END;
    `);
  },
};
