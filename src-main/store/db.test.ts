import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/helpers/station';
import { databasePath, openDatabase } from './db';
import { StoreError } from './errors';
import { schemaVersion } from './migrate';
import { LATEST_SCHEMA_VERSION, migrations } from './migrations/index';
import type { Migration } from './migrations/types';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

const TABLES = ['audit_log', 'recordings', 'settings', 'station', 'users'];

describe('openDatabase', () => {
  it('applies every migration to a fresh database', () => {
    const db = openDatabase({ dataDir: dir, key: randomBytes(32) });
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const names = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]
    ).map((r) => r.name);
    for (const t of TABLES) expect(names).toContain(t);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('upgrades a version-1 database to the latest and keeps its data', () => {
    const key = randomBytes(32);
    const v1 = openDatabase({ dataDir: dir, key, migrations: migrations.slice(0, 1) });
    expect(schemaVersion(v1)).toBe(1);
    v1.prepare(
      "INSERT INTO station VALUES ('S1', 'Meja 1', '32.01.01', '2025-01-01T00:00:00.000Z')",
    ).run();
    v1.prepare("INSERT INTO settings VALUES ('locale', 'en')").run();
    v1.close();

    // Whatever the app ships now, plus one more, must apply on top of v1 without losing rows.
    const next: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'test-extra',
      up: (db) => db.exec('ALTER TABLE station ADD COLUMN note TEXT'),
    };
    const db = openDatabase({ dataDir: dir, key, migrations: [...migrations, next] });
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION + 1);
    expect(db.prepare('SELECT id, name, note FROM station').get()).toEqual({
      id: 'S1',
      name: 'Meja 1',
      note: null,
    });
    expect(db.prepare("SELECT value FROM settings WHERE key = 'locale'").get()).toEqual({
      value: 'en',
    });
    db.close();
  });

  it('rolls back a failing migration with its version bump', () => {
    const key = randomBytes(32);
    openDatabase({ dataDir: dir, key }).close();
    const broken: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'broken',
      up: (db) => {
        db.exec('CREATE TABLE half_done (x)');
        throw new Error('boom');
      },
    };
    expect(() => openDatabase({ dataDir: dir, key, migrations: [...migrations, broken] })).toThrow(
      'boom',
    );
    const db = openDatabase({ dataDir: dir, key });
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(
      db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half_done'").get(),
    ).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database newer than the app and leaves the file untouched', () => {
    const key = randomBytes(32);
    const db = openDatabase({ dataDir: dir, key });
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    const path = databasePath(dir);
    const before = sha(path);

    let caught: unknown;
    try {
      openDatabase({ dataDir: dir, key });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StoreError);
    expect((caught as StoreError).code).toBe('NEWER_SCHEMA');
    expect((caught as StoreError).message).toMatch(/newer than this app/);
    expect(sha(path)).toBe(before);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a wrong key clearly and leaves the file untouched', () => {
    openDatabase({ dataDir: dir, key: randomBytes(32) }).close();
    const before = sha(databasePath(dir));
    let caught: unknown;
    try {
      openDatabase({ dataDir: dir, key: randomBytes(32) });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StoreError);
    expect((caught as StoreError).code).toBe('WRONG_KEY');
    expect(sha(databasePath(dir))).toBe(before);
  });

  it('writes no plain-text SQLite header', () => {
    openDatabase({ dataDir: dir, key: randomBytes(32) }).close();
    expect(readFileSync(databasePath(dir)).subarray(0, 16).toString('latin1')).not.toBe(
      'SQLite format 3\0',
    );
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => openDatabase({ dataDir: dir, key: randomBytes(16) })).toThrow(/32 bytes/);
  });
});
