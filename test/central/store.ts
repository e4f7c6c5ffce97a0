import { createHash, randomBytes, timingSafeEqual, verify } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import type { PacketRejection } from '../../src-main/packets/index';

/**
 * The reference centre's own database. Unencrypted: it runs in tests and demos only, so it keeps
 * no personal data in the clear: packets stay as received (encrypted to the centre's key) and
 * the verified manifest is not stored — only the ids and status needed to answer stations.
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
  public_key_pem TEXT,
  for_station TEXT,
  kind TEXT NOT NULL DEFAULT 'register'
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

/**
 * A token as people pass it on: any case, spaces or dashes between groups, a trailing newline,
 * and the look-alikes Crockford base32 folds (O → 0, I/L → 1).
 */
export function normaliseToken(token: string): string {
  const t = token
    .toUpperCase()
    .replace(/[\s\-_.]+/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  // The "RKM" prefix carries no secret; a token read out without it is the same token.
  return t.startsWith('RKM') ? t : `RKM${t}`;
}

const hashToken = (token: string): Buffer =>
  createHash('sha256').update(normaliseToken(token)).digest();

/** Domain-separated bytes a station signs with its current key to rotate to a new one. */
export const rotationBytes = (stationId: string, newPublicKeyPem: string): Buffer =>
  Buffer.from(JSON.stringify(['rekam-key-rotation-v1', stationId, newPublicKeyPem.trim()]));

/** Registration tokens live 72 hours unless the operator says otherwise. */
export const DEFAULT_TOKEN_TTL_MS = 72 * 3600 * 1000;

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

export type RegisterError =
  | 'invalid-token'
  | 'token-used'
  | 'token-expired'
  | 'wrong-station'
  | 'key-exists';

export type RegisterOutcome =
  | { ok: true; station: StationRow }
  | { ok: false; error: RegisterError };

export function openCentralStore(file: string, now: () => Date = () => new Date()) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  // Data dirs from before tokens were bound to a station.
  const tokenCols = (db.pragma('table_info(tokens)') as { name: string }[]).map((c) => c.name);
  if (!tokenCols.includes('for_station')) db.exec('ALTER TABLE tokens ADD COLUMN for_station TEXT');
  if (!tokenCols.includes('kind'))
    db.exec("ALTER TABLE tokens ADD COLUMN kind TEXT NOT NULL DEFAULT 'register'");
  db.exec('CREATE INDEX IF NOT EXISTS tokens_station ON tokens (for_station)');
  // Manifests (personal data) are no longer kept in the clear.
  db.exec('UPDATE packets SET manifest_json = NULL WHERE manifest_json IS NOT NULL');
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

    /**
     * A one-time token for one station name. `rekey` tokens are what the centre's operator
     * issues explicitly to let a station id that already has a key register a new one.
     */
    issueToken(stationId: string, opts: { ttlMs?: number; rekey?: boolean } = {}): string {
      const token = newToken();
      const at = now();
      db.prepare(
        'INSERT INTO tokens (token_hash, issued_at, expires_at, for_station, kind) VALUES (?, ?, ?, ?, ?)',
      ).run(
        hashToken(token).toString('hex'),
        at.toISOString(),
        new Date(at.getTime() + (opts.ttlMs ?? DEFAULT_TOKEN_TTL_MS)).toISOString(),
        stationId,
        opts.rekey ? 'rekey' : 'register',
      );
      return token;
    },

    /**
     * Spends a one-time token on a station key. The token must have been issued for this station
     * id; it is found by comparing hashes in constant time against that station's tokens only.
     * A station id that already has another key needs a re-key token or `rotationSignature`
     * (base64 Ed25519 by the current key over rotationBytes). Repeating the same registration
     * with the same token succeeds (the station may not have seen the first answer).
     */
    register(
      token: string,
      stationId: string,
      publicKeyPem: string,
      rotationSignature?: string,
    ): RegisterOutcome {
      return db.transaction((): RegisterOutcome => {
        const given = hashToken(token);
        type TokenRow = {
          hash: string;
          expiresAt: string;
          usedAt: string | null;
          stationId: string | null;
          pem: string | null;
          kind: string;
        };
        const rows = db
          .prepare(
            `SELECT token_hash AS hash, expires_at AS expiresAt, used_at AS usedAt,
               station_id AS stationId, public_key_pem AS pem, kind
             FROM tokens WHERE for_station = ?`,
          )
          .all(stationId) as TokenRow[];
        let row: TokenRow | undefined;
        for (const r of rows) {
          const h = Buffer.from(r.hash, 'hex');
          if (h.length === given.length && timingSafeEqual(h, given)) row = r;
        }
        if (!row) {
          const other = db
            .prepare('SELECT 1 FROM tokens WHERE token_hash = ?')
            .get(given.toString('hex'));
          return { ok: false, error: other ? 'wrong-station' : 'invalid-token' };
        }
        if (row.usedAt) {
          const same = row.stationId === stationId && row.pem === publicKeyPem;
          const registered = station(stationId);
          if (same && registered?.publicKeyPem === publicKeyPem)
            return { ok: true, station: registered };
          return { ok: false, error: 'token-used' };
        }
        if (row.expiresAt < iso()) return { ok: false, error: 'token-expired' };
        const existing = station(stationId);
        if (existing && existing.publicKeyPem !== publicKeyPem && row.kind !== 'rekey') {
          let rotated = false;
          try {
            rotated =
              rotationSignature !== undefined &&
              verify(
                null,
                rotationBytes(stationId, publicKeyPem),
                existing.publicKeyPem,
                Buffer.from(rotationSignature, 'base64'),
              );
          } catch {
            rotated = false;
          }
          if (!rotated) return { ok: false, error: 'key-exists' };
        }
        const at = iso();
        db.prepare(
          'UPDATE tokens SET used_at = ?, station_id = ?, public_key_pem = ? WHERE token_hash = ?',
        ).run(at, stationId, publicKeyPem, row.hash);
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
               first_seen_at, received_at, packet_blob)
             VALUES (@packetId, @stationId, @recordingId, 'received', NULL, 1, @bytes, @at, @at, @blob)
             ON CONFLICT (packet_id) DO UPDATE SET station_id = excluded.station_id,
               recording_id = excluded.recording_id, status = 'received', reason = NULL,
               copies = copies + 1, bytes = excluded.bytes, received_at = excluded.received_at,
               packet_blob = excluded.packet_blob`,
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

    /** The packet as received: still encrypted to the centre's key (demos open it on demand). */
    packetBlob(packetId: string): Buffer | null {
      const r = db
        .prepare('SELECT packet_blob AS b FROM packets WHERE packet_id = ?')
        .get(packetId) as { b: Buffer | null } | undefined;
      return r?.b ?? null;
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
