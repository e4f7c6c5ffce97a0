import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AuditEntry } from '../api/contract';

export interface AuditInsert {
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  target: string | null;
}

export function insertAudit(db: Database, e: AuditInsert): void {
  db.prepare(
    'INSERT INTO audit_log (at, user_id, username, action, target) VALUES (?, ?, ?, ?, ?)',
  ).run(e.at, e.userId, e.username, e.action, e.target);
}

export function listAudit(db: Database, limit: number): AuditEntry[] {
  return db
    .prepare('SELECT id, at, username, action, target FROM audit_log ORDER BY id DESC LIMIT ?')
    .all(limit) as AuditEntry[];
}
