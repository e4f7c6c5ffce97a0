import type { Migration } from './types';

export const migration0001: Migration = {
  version: 1,
  name: 'station-users-audit-recordings',
  up(db) {
    db.exec(`
      CREATE TABLE station (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kecamatan_code TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT NOT NULL UNIQUE,
        full_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('operator', 'supervisor', 'technician')),
        password_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        failed_attempts INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL,
        last_login_at TEXT
      );

      -- Who did what and when. Targets are ids or usernames, never resident data.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        user_id TEXT REFERENCES users(id),
        username TEXT,
        action TEXT NOT NULL,
        target TEXT
      );
      CREATE INDEX audit_log_at ON audit_log(at);

      CREATE TABLE recordings (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL CHECK (status IN ('draft', 'sealed', 'approved', 'rejected', 'uploaded')),
        nik TEXT NOT NULL,
        name TEXT NOT NULL,
        resident_json TEXT NOT NULL,
        warnings_json TEXT NOT NULL DEFAULT '[]',
        operator_id TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX recordings_created_at ON recordings(created_at);
      CREATE INDEX recordings_nik ON recordings(nik);
      CREATE INDEX recordings_name ON recordings(name COLLATE NOCASE);
      CREATE INDEX recordings_status_nik ON recordings(status, nik);
    `);
  },
};
