import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Role } from '../domain/roles';

export interface UserRow {
  id: string;
  username: string;
  fullName: string;
  role: Role;
  passwordHash: string;
  active: boolean;
  failedAttempts: number;
  lockedUntil: string | null;
  createdAt: string;
  lastLoginAt: string | null;
}

const SELECT = `SELECT id, username, full_name AS fullName, role, password_hash AS passwordHash,
  active, failed_attempts AS failedAttempts, locked_until AS lockedUntil,
  created_at AS createdAt, last_login_at AS lastLoginAt FROM users`;

type RawUser = Omit<UserRow, 'active'> & { active: number };
const toUser = (r: RawUser | undefined): UserRow | null =>
  r ? { ...r, active: r.active === 1 } : null;

export function findUserByUsername(db: Database, username: string): UserRow | null {
  return toUser(db.prepare(`${SELECT} WHERE username = ?`).get(username) as RawUser | undefined);
}

export function findUserById(db: Database, id: string): UserRow | null {
  return toUser(db.prepare(`${SELECT} WHERE id = ?`).get(id) as RawUser | undefined);
}

export function listUsers(db: Database): UserRow[] {
  return (db.prepare(`${SELECT} ORDER BY username`).all() as RawUser[]).map((r) => toUser(r)!);
}

export function countActiveByRole(db: Database, role: Role): number {
  const row = db
    .prepare('SELECT count(*) AS n FROM users WHERE role = ? AND active = 1')
    .get(role) as { n: number };
  return row.n;
}

export function insertUser(
  db: Database,
  u: Pick<UserRow, 'id' | 'username' | 'fullName' | 'role' | 'passwordHash' | 'createdAt'>,
): void {
  db.prepare(
    `INSERT INTO users (id, username, full_name, role, password_hash, active, failed_attempts, created_at)
     VALUES (?, ?, ?, ?, ?, 1, 0, ?)`,
  ).run(u.id, u.username, u.fullName, u.role, u.passwordHash, u.createdAt);
}

/** Atomic increment so concurrent attempts cannot lose a count. Returns the new count. */
export function recordFailedAttempt(db: Database, id: string): number {
  const row = db
    .prepare(
      'UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = ? RETURNING failed_attempts AS n',
    )
    .get(id) as { n: number } | undefined;
  return row?.n ?? 0;
}

export function lockUser(db: Database, id: string, until: string): void {
  db.prepare('UPDATE users SET failed_attempts = 0, locked_until = ? WHERE id = ?').run(until, id);
}

export function recordLogin(db: Database, id: string, at: string): void {
  db.prepare(
    'UPDATE users SET failed_attempts = 0, locked_until = NULL, last_login_at = ? WHERE id = ?',
  ).run(at, id);
}

export function setPasswordHash(db: Database, id: string, hash: string): void {
  db.prepare(
    'UPDATE users SET password_hash = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?',
  ).run(hash, id);
}

export function setUserActive(db: Database, id: string, active: boolean): void {
  db.prepare('UPDATE users SET active = ? WHERE id = ?').run(active ? 1 : 0, id);
}
