import { createHash, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import type { PacketRejection } from '../../src-main/packets/index';

/**
 * The reference centre's own database. Unencrypted: it runs in tests and demos only. Packets are
 * kept as received (still encrypted) next to their verified manifest.
 */
export type PacketStatus = 'received' | 'duplicate' | 'rejected' | 'print-ready';

export interface PacketRow {
  packetId: string;
  stationId: string;
  recordingId: string | null;
  status: Exclude<PacketStatus, 'duplicate'>;
  reason: PacketRejection | null;
  /** Uploads that carried this packet id (the packet itself counts once). */
  copies: number;
  bytes: number;
  firstSeenAt: string;
  receivedAt: string | null;
}

export interface UploadRow {
  uploadId: string;
  packetId: string | null;
  stationId: string | null;
  status: Exclude<PacketStatus, 'print-ready'>;
  reason: PacketRejection | null;
  at: string;
}

export interface StationRow {
  stationId: string;
  publicKeyPem: string;
  registeredAt: string;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS stations (
  station_id TEXT PRIMARY KEY,
  public_key_pem TEXT NOT NULL,
  registered_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
  token_hash TEXT PRIMARY KEY,
  issued_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  station_id TEXT,
  public_key_pem TEXT
);
CREATE TABLE IF NOT EXISTS packets (
  packet_id TEXT PRIMARY KEY,
  station_id TEXT NOT NULL,
  recording_id TEXT,
  status TEXT NOT NULL,
  reason TEXT,
  copies INTEGER NOT NULL DEFAULT 0,
  bytes INTEGER NOT NULL DEFAULT 0,
  first_seen_at TEXT NOT NULL,
  received_at TEXT,
  manifest_json TEXT,
  packet_blob BLOB
);
CREATE INDEX IF NOT EXISTS packets_station ON packets (station_id, first_seen_at);
CREATE TABLE IF NOT EXISTS uploads (
  upload_id TEXT PRIMARY KEY,
  packet_id TEXT,
  station_id TEXT,
  status TEXT NOT NULL,
  reason TEXT,
  at TEXT NOT NULL
);
`;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const hashToken = (token: string): string =>
  createHash('sha256').update(token.trim().toUpperCase()).digest('hex');

/** 'RKM-XXXX-XXXX-XXXX': 60 random bits, no look-alike letters, easy to type from a phone call. */
function newToken(): string {
  const groups: string[] = [];
  const bytes = randomBytes(12);
  for (let g = 0; g < 3; g++) {
    let s = '';
    for (let i = 0; i < 4; i++) s += CROCKFORD[bytes[g * 4 + i]! & 31];
    groups.push(s);
  }
  return `RKM-${groups.join('-')}`;
}

export type RegisterOutcome =
  | { ok: true; station: StationRow }
  | { ok: false; error: 'invalid-token' | 'token-used' | 'token-expired' };

export function openCentralStore(file: string, now: () => Date = () => new Date()) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const iso = () => now().toISOString();

  const packetColumns = `packet_id AS packetId, station_id AS stationId, recording_id AS recordingId,
    status, reason, copies, bytes, first_seen_at AS firstSeenAt, received_at AS receivedAt`;

  const station = (stationId: string): StationRow | null =>
    (db
      .prepare(
        'SELECT station_id AS stationId, public_key_pem AS publicKeyPem, registered_at AS registeredAt FROM stations WHERE station_id = ?',
      )
      .get(stationId) as StationRow | undefined) ?? null;

  return {
    close: () => db.close(),

    issueToken(ttlMs = 24 * 3600 * 1000): string {
      const token = newToken();
      const at = now();
      db.prepare('INSERT INTO tokens (token_hash, issued_at, expires_at) VALUES (?, ?, ?)').run(
        hashToken(token),
        at.toISOString(),
        new Date(at.getTime() + ttlMs).toISOString(),
      );
      return token;
    },

    /**
     * Spends a one-time token on a station key. Repeating the same registration with the same
     * token succeeds (the station may not have seen the first answer); anything else is refused.
     */
    register(token: string, stationId: string, publicKeyPem: string): RegisterOutcome {
      return db.transaction((): RegisterOutcome => {
        const row = db
          .prepare(
            'SELECT expires_at AS expiresAt, used_at AS usedAt, station_id AS stationId, public_key_pem AS pem FROM tokens WHERE token_hash = ?',
          )
          .get(hashToken(token)) as
          | {
              expiresAt: string;
              usedAt: string | null;
              stationId: string | null;
              pem: string | null;
            }
          | undefined;
        if (!row) return { ok: false, error: 'invalid-token' };
        if (row.usedAt) {
          const same = row.stationId === stationId && row.pem === publicKeyPem;
          const registered = station(stationId);
          if (same && registered) return { ok: true, station: registered };
          return { ok: false, error: 'token-used' };
        }
        if (row.expiresAt < iso()) return { ok: false, error: 'token-expired' };
        const at = iso();
        db.prepare(
          'UPDATE tokens SET used_at = ?, station_id = ?, public_key_pem = ? WHERE token_hash = ?',
        ).run(at, stationId, publicKeyPem, hashToken(token));
        // A new token may replace a station's key (key rotation, reinstalled station).
        db.prepare(
          `INSERT INTO stations (station_id, public_key_pem, registered_at) VALUES (?, ?, ?)
           ON CONFLICT (station_id) DO UPDATE SET public_key_pem = excluded.public_key_pem,
             registered_at = excluded.registered_at`,
        ).run(stationId, publicKeyPem, at);
        return { ok: true, station: { stationId, publicKeyPem, registeredAt: at } };
      })();
    },

    station,

    /**
     * Records a verified packet. Exactly once: a packet id already received makes this upload a
     * 'duplicate' and only bumps the copy count.
     */
    accept(
      uploadId: string,
      p: {
        packetId: string;
        stationId: string;
        recordingId: string;
        manifestJson: string;
        blob: Buffer;
      },
    ): 'received' | 'duplicate' {
      return db.transaction(() => {
        const at = iso();
        const existing = db
          .prepare('SELECT status FROM packets WHERE packet_id = ?')
          .get(p.packetId) as { status: string } | undefined;
        const status = existing && existing.status !== 'rejected' ? 'duplicate' : 'received';
        if (status === 'duplicate') {
          db.prepare('UPDATE packets SET copies = copies + 1 WHERE packet_id = ?').run(p.packetId);
        } else {
          // A good copy after rejected ones (e.g. a corrupted first transfer) is received.
          db.prepare(
            `INSERT INTO packets (packet_id, station_id, recording_id, status, reason, copies, bytes,
               first_seen_at, received_at, manifest_json, packet_blob)
             VALUES (@packetId, @stationId, @recordingId, 'received', NULL, 1, @bytes, @at, @at, @manifestJson, @blob)
             ON CONFLICT (packet_id) DO UPDATE SET station_id = excluded.station_id,
               recording_id = excluded.recording_id, status = 'received', reason = NULL,
               copies = copies + 1, bytes = excluded.bytes, received_at = excluded.received_at,
               manifest_json = excluded.manifest_json, packet_blob = excluded.packet_blob`,
          ).run({ ...p, bytes: p.blob.length, at });
        }
        db.prepare(
          'INSERT OR REPLACE INTO uploads (upload_id, packet_id, station_id, status, reason, at) VALUES (?, ?, ?, ?, NULL, ?)',
        ).run(uploadId, p.packetId, p.stationId, status, at);
        return status;
      })();
    },

    /** Records a refused upload; never downgrades a packet already received. */
    reject(
      uploadId: string,
      p: {
        packetId: string | null;
        stationId: string | null;
        reason: PacketRejection;
        bytes: number;
      },
    ): void {
      db.transaction(() => {
        const at = iso();
        db.prepare(
          'INSERT OR REPLACE INTO uploads (upload_id, packet_id, station_id, status, reason, at) VALUES (?, ?, ?, ?, ?, ?)',
        ).run(uploadId, p.packetId, p.stationId, 'rejected', p.reason, at);
        if (!p.packetId) return;
        db.prepare(
          `INSERT INTO packets (packet_id, station_id, status, reason, copies, bytes, first_seen_at)
           VALUES (?, ?, 'rejected', ?, 1, ?, ?)
           ON CONFLICT (packet_id) DO UPDATE SET
             reason = CASE WHEN status = 'rejected' THEN excluded.reason ELSE reason END,
             copies = copies + 1`,
        ).run(p.packetId, p.stationId ?? '', p.reason, p.bytes, at);
      })();
    },

    setPrintReady(packetId: string): boolean {
      const r = db
        .prepare(
          "UPDATE packets SET status = 'print-ready' WHERE packet_id = ? AND status IN ('received', 'print-ready')",
        )
        .run(packetId);
      return r.changes > 0;
    },

    packet(packetId: string): PacketRow | null {
      return (
        (db.prepare(`SELECT ${packetColumns} FROM packets WHERE packet_id = ?`).get(packetId) as
          | PacketRow
          | undefined) ?? null
      );
    },

    /** The verified manifest as received (JSON text), for demos and tests. */
    manifestJson(packetId: string): string | null {
      const r = db
        .prepare('SELECT manifest_json AS m FROM packets WHERE packet_id = ?')
        .get(packetId) as { m: string | null } | undefined;
      return r?.m ?? null;
    },

    packets(stationId?: string): PacketRow[] {
      return stationId
        ? (db
            .prepare(
              `SELECT ${packetColumns} FROM packets WHERE station_id = ? ORDER BY first_seen_at, packet_id`,
            )
            .all(stationId) as PacketRow[])
        : (db
            .prepare(`SELECT ${packetColumns} FROM packets ORDER BY first_seen_at, packet_id`)
            .all() as PacketRow[]);
    },

    uploads(): UploadRow[] {
      return db
        .prepare(
          'SELECT upload_id AS uploadId, packet_id AS packetId, station_id AS stationId, status, reason, at FROM uploads ORDER BY at, rowid',
        )
        .all() as UploadRow[];
    },
  };
}

export type CentralStore = ReturnType<typeof openCentralStore>;
