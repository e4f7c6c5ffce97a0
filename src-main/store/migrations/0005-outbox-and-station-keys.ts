import type { Migration } from './types';

/**
 * Sealed packets and the station's keys.
 *
 * `outbox` holds one row per sealed recording, written in the same transaction that marks the
 * recording 'sealed'. The packet bytes live in the store (`outbox_packets`), not as a file, so the
 * seal and the queue entry commit or roll back together — a crash can never leave a sealed
 * recording without its packet, or an orphan file — and a copy of the data dir is one file to
 * back up. The bytes are already encrypted to the centre; the store's encryption is a second
 * layer. They sit in their own table because SQLite walks a row's overflow pages to reach the
 * columns after a blob: the runner's frequent scans of `outbox` must not decrypt 200 KB a row.
 * After the centre acknowledges and the retention period ends, the bytes row is deleted.
 *
 * `upload_url` is the tus upload the runner created for the packet, so an upload resumes from
 * the server's offset after a network drop, an app restart or a crash.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'outbox-and-station-keys',
  up(db) {
    db.exec(`
      CREATE TABLE station_keys (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        -- Ed25519, PKCS#8 / SPKI PEM. The private key never leaves the encrypted store.
        public_pem TEXT NOT NULL,
        private_pem TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE outbox (
        packet_id TEXT PRIMARY KEY,
        recording_id TEXT NOT NULL UNIQUE REFERENCES recordings(id) ON DELETE CASCADE,
        size INTEGER NOT NULL CHECK (size > 0),
        sha256 TEXT NOT NULL,
        -- queued: waiting to upload; sent: the centre has every byte, its verdict is pending;
        -- done: the centre answered (received, duplicate, print-ready or rejected).
        state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sent', 'done')),
        upload_url TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error TEXT,
        sealed_at TEXT NOT NULL,
        seal_ms INTEGER,
        sent_at TEXT,
        central_status TEXT CHECK (central_status IN ('received', 'duplicate', 'rejected', 'print-ready')),
        central_reason TEXT,
        central_checked_at TEXT,
        acked_at TEXT,
        purged_at TEXT
      );
      CREATE INDEX outbox_state ON outbox(state, sealed_at);

      CREATE TABLE outbox_packets (
        packet_id TEXT PRIMARY KEY REFERENCES outbox(packet_id) ON DELETE CASCADE,
        bytes BLOB NOT NULL
      );
    `);
  },
};
