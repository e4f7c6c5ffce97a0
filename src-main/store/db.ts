import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Database as Db } from 'better-sqlite3-multiple-ciphers';
import { StoreError } from './errors';
import { assertNotNewer, migrate } from './migrate';
import { migrations as knownMigrations } from './migrations/index';
import type { Migration } from './migrations/types';

export type { Db };

export const DB_FILE = 'rekam.db';

/**
 * SQLCipher v4 scheme (AES-256-CBC + HMAC-SHA512 per page) from SQLite3MultipleCiphers: a
 * well-known format that the sqlcipher CLI can open for forensics, and it encrypts the WAL too.
 */
export const CIPHER = 'sqlcipher';

export interface OpenDatabaseOptions {
  dataDir: string;
  /** 32 random bytes; used as a raw key so no passphrase KDF runs on every open. */
  key: Buffer;
  /** For tests that exercise upgrades; defaults to every migration the app knows. */
  migrations?: readonly Migration[];
  /** Path of the addon built for Electron's ABI; node_modules holds the Node build tests use. */
  nativeBinding?: string;
}

/**
 * Pages kept decrypted in memory: the indexes every screen reads (recordings by day and by
 * status, the outbox by state and time, queue cards) plus a day's rows fit in 64 MB even at
 * 200,000 recordings; the default 16 MB made each screen re-read and decrypt them from disk.
 */
export const CACHE_KIB = 64 * 1024;

/**
 * Freed pages: the store is encrypted page by page, so a freed page holds ciphertext, never
 * plaintext; `secure_delete = FAST` still overwrites deleted cells on pages that are written
 * anyway (no extra I/O), instead of the build's default FULL that rewrites every freed page
 * during a purge. Retention then gives freed pages back with `incremental_vacuum`, so the file
 * shrinks and no old ciphertext lingers on the free list. Incremental auto-vacuum can only be
 * chosen before the first table exists, so a new store gets it; an older one keeps its mode
 * until a technician runs a full VACUUM.
 */
function applyStoragePragmas(db: Db): void {
  db.pragma(`cache_size = -${CACHE_KIB}`);
  db.pragma('secure_delete = FAST');
  const fresh = (db.prepare('SELECT count(*) AS n FROM sqlite_master').get() as { n: number }).n;
  if (fresh === 0) db.pragma('auto_vacuum = INCREMENTAL');
}

export function databasePath(dataDir: string): string {
  return join(dataDir, DB_FILE);
}

/** A second, read-only connection to an existing store: no migration, nothing written. */
export function openReadOnlyDatabase(dataDir: string, key: Buffer): Db {
  const db = new Database(databasePath(dataDir), { readonly: true });
  try {
    db.pragma(`cipher='${CIPHER}'`);
    db.pragma(`key="x'${key.toString('hex')}'"`);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

/**
 * Opens (creating if needed) the encrypted station database and brings its schema up to date.
 * Nothing is written before the key is proven right and the schema proven not newer than ours,
 * so a wrong key or a newer file leaves the file byte-for-byte untouched.
 */
export function openDatabase(opts: OpenDatabaseOptions): Db {
  if (opts.key.length !== 32) throw new Error('Database key must be 32 bytes');
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const db = new Database(
    databasePath(opts.dataDir),
    opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : {},
  );
  try {
    db.pragma(`cipher='${CIPHER}'`);
    db.pragma(`key="x'${opts.key.toString('hex')}'"`);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch (err) {
      if ((err as { code?: string }).code === 'SQLITE_NOTADB') {
        throw new StoreError(
          'WRONG_KEY',
          'Database cannot be decrypted with this station key (wrong key or not a Rekam database)',
          { cause: err },
        );
      }
      throw err;
    }
    const list = opts.migrations ?? knownMigrations;
    assertNotNewer(db, list);
    db.pragma('busy_timeout = 5000');
    // Before WAL: switching the journal writes the header, after which auto_vacuum is fixed.
    applyStoragePragmas(db);
    db.pragma('journal_mode = WAL');
    // Small checkpoints: the commit that crosses the threshold copies the whole WAL into the
    // file, on main. At SQLite's 1,000 pages that was ~45 ms of CPU (hundreds under load) in the
    // middle of a purge or a save; at 128 pages (512 KiB) it is a few ms each time.
    db.pragma('wal_autocheckpoint = 128');
    // FULL: a power cut on an outreach laptop must not lose the last recordings.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Temp tables and sort spills would otherwise hit disk unencrypted.
    db.pragma('temp_store = MEMORY');
    migrate(db, list);
    // Long-lived connection: analyse what the planner lacks now, cheaply, and again on the
    // housekeeping schedule (optimizeStore). analysis_limit samples each index instead of
    // reading all of it, so ANALYZE costs the same at 20,000 recordings as at 200,000.
    db.pragma('analysis_limit = 400');
    db.pragma('optimize = 0x10002');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
