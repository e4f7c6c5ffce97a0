// What the technician's diagnostics read from the store: counts and settings for the bundle,
// the integrity check, and the personal data the bundle's scrubber must recognise (and remove).
import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface ResidentTermsRow {
  nik: string;
  name: string;
  /** resident_json: KK number, birth date and address are looked up in it. */
  json: string;
}

/** NIK, name and resident JSON of every recording (personal data to scrub from a bundle). */
export function residentTermRows(db: Database): ResidentTermsRow[] {
  return db
    .prepare('SELECT nik, name, resident_json AS json FROM recordings')
    .all() as ResidentTermsRow[];
}

/** Full names of every account, active or not. */
export function staffFullNames(db: Database): string[] {
  return (
    db.prepare('SELECT full_name AS fullName FROM users').all() as { fullName: string }[]
  ).map((u) => u.fullName);
}

/** SQLite's quick_check: 'ok' or up to `maxErrors` problems. */
export function quickCheck(db: Database, maxErrors: number): string[] {
  const n = Math.max(1, Math.floor(maxErrors));
  return (db.pragma(`quick_check(${n})`) as { quick_check: string }[]).map((r) => r.quick_check);
}

export function sqliteVersion(db: Database): string {
  return (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
}

/** Rows per table (every table of the schema, SQLite's own excepted). */
export function tableRowCounts(db: Database): Record<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .all() as { name: string }[];
  const rows: Record<string, number> = {};
  for (const { name } of tables) {
    // Names come from sqlite_master, not from input.
    rows[name] = (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
  }
  return rows;
}

export function recordingCountsByStatus(db: Database): { status: string; n: number }[] {
  return db.prepare('SELECT status, count(*) AS n FROM recordings GROUP BY status').all() as {
    status: string;
    n: number;
  }[];
}

/** Every setting, raw, by key (the caller removes secrets). */
export function allSettings(db: Database): { key: string; value: string }[] {
  return db.prepare('SELECT key, value FROM settings ORDER BY key').all() as {
    key: string;
    value: string;
  }[];
}

export function userCountsByRole(db: Database): { role: string; active: number; n: number }[] {
  return db
    .prepare('SELECT role, active, count(*) AS n FROM users GROUP BY role, active')
    .all() as {
    role: string;
    active: number;
    n: number;
  }[];
}

/**
 * Every row of every table, tables by name and rows in rowid order (WITHOUT ROWID tables —
 * FTS5's shadow tables — in primary-key order, just as stable): a snapshot to compare.
 */
export function dumpTables(db: Database): Record<string, unknown[]> {
  const tables = db
    .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all() as { name: string; sql: string | null }[];
  const out: Record<string, unknown[]> = {};
  for (const { name, sql } of tables) {
    // Table names come from sqlite_master, not from input.
    const withoutRowid = /WITHOUT ROWID\s*$/i.test(sql ?? '');
    out[name] = db.prepare(`SELECT * FROM "${name}"${withoutRowid ? '' : ' ORDER BY rowid'}`).all();
  }
  return out;
}
