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
const VERDICT_KEY = 'central.verdict_key_pem';
const PIN_KEY = 'central.tls_pin';
const MISMATCH_KEY = 'central.tls_mismatch_pin';
const UNVERIFIED_KEY = 'central.unverified_verdicts';

export interface CentralRow {
  url: string | null;
  /** X25519 SPKI PEM. */
  publicKeyPem: string | null;
  /** Ed25519 SPKI PEM: the key the centre signs verdicts with. */
  verdictKeyPem: string | null;
  /** SPKI SHA-256 (hex) of the centre's TLS key; null until known. */
  tlsPin: string | null;
  registeredAt: string | null;
}

export function getCentral(db: Database): CentralRow {
  return {
    url: getSetting(db, URL_KEY) || null,
    publicKeyPem: getSetting(db, KEY_KEY) || null,
    verdictKeyPem: getSetting(db, VERDICT_KEY) || null,
    tlsPin: getSetting(db, PIN_KEY) || null,
    registeredAt: getSetting(db, REGISTERED_KEY) || null,
  };
}

export function setCentral(db: Database, c: CentralRow): void {
  setSetting(db, URL_KEY, c.url ?? '');
  setSetting(db, KEY_KEY, c.publicKeyPem ?? '');
  setSetting(db, VERDICT_KEY, c.verdictKeyPem ?? '');
  setSetting(db, PIN_KEY, c.tlsPin ?? '');
  setSetting(db, REGISTERED_KEY, c.registeredAt ?? '');
}

/** The pin a centre presented that did not match (for the technician's screen); null: none. */
export function getTlsMismatch(db: Database): string | null {
  return getSetting(db, MISMATCH_KEY) || null;
}

export function setTlsMismatch(db: Database, seenPin: string | null): void {
  if ((getSetting(db, MISMATCH_KEY) || null) !== seenPin)
    setSetting(db, MISMATCH_KEY, seenPin ?? '');
}

/** Verdicts refused because their signature did not verify (shown to the technician). */
export function unverifiedVerdicts(db: Database): number {
  const n = Number(getSetting(db, UNVERIFIED_KEY) ?? '0');
  return Number.isFinite(n) ? n : 0;
}

export function countUnverifiedVerdict(db: Database): void {
  setSetting(db, UNVERIFIED_KEY, String(unverifiedVerdicts(db) + 1));
}
