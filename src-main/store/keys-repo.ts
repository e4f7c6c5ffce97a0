import type { Database } from 'better-sqlite3-multiple-ciphers';
import { getSetting, setSetting } from './settings-repo';

export interface StationKeysRow {
  publicPem: string;
  privatePem: string;
  createdAt: string;
}

export function getStationKeys(db: Database): StationKeysRow | null {
  return (
    (db
      .prepare(
        'SELECT public_pem AS publicPem, private_pem AS privatePem, created_at AS createdAt FROM station_keys WHERE id = 1',
      )
      .get() as StationKeysRow | undefined) ?? null
  );
}

/** Inserts unless a key pair exists already (two openers racing keep the first). */
export function insertStationKeysIfMissing(db: Database, k: StationKeysRow): void {
  db.prepare(
    'INSERT OR IGNORE INTO station_keys (id, public_pem, private_pem, created_at) VALUES (1, ?, ?, ?)',
  ).run(k.publicPem, k.privatePem, k.createdAt);
}

const URL_KEY = 'central.url';
const KEY_KEY = 'central.public_key_pem';
const REGISTERED_KEY = 'central.registered_at';

export interface CentralRow {
  url: string | null;
  /** X25519 SPKI PEM. */
  publicKeyPem: string | null;
  registeredAt: string | null;
}

export function getCentral(db: Database): CentralRow {
  return {
    url: getSetting(db, URL_KEY),
    publicKeyPem: getSetting(db, KEY_KEY),
    registeredAt: getSetting(db, REGISTERED_KEY) || null,
  };
}

export function setCentral(db: Database, c: CentralRow): void {
  setSetting(db, URL_KEY, c.url ?? '');
  setSetting(db, KEY_KEY, c.publicKeyPem ?? '');
  setSetting(db, REGISTERED_KEY, c.registeredAt ?? '');
}
