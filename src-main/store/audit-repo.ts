import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AuditEntry } from '../domain/records';
import { GENESIS_HASH, auditRowHash } from './audit-chain';
import type { ChainedFields } from './audit-chain';

export interface AuditInsert {
  at: string;
  userId: string | null;
  username: string | null;
  action: string;
  target: string | null;
}

export interface ChainedRow extends ChainedFields {
  prevHash: string;
  hash: string;
}

const CHAINED = `SELECT id, at, user_id AS userId, username, action, target,
  prev_hash AS prevHash, hash FROM audit_log`;

/** The newest row's id and hash; null on an empty log. */
export function auditTip(db: Database): { id: number; hash: string } | null {
  return (
    (db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
      | { id: number; hash: string }
      | undefined) ?? null
  );
}

/**
 * Appends a row chained to the newest one. The id is chosen here (it is part of the hash), in
 * an immediate transaction so a second writer cannot take the same place in the chain.
 */
export function insertAudit(db: Database, e: AuditInsert): ChainedRow {
  const write = () => {
    const tip = auditTip(db);
    const row = { id: (tip?.id ?? 0) + 1, ...e };
    const prevHash = tip?.hash ?? GENESIS_HASH;
    const hash = auditRowHash(prevHash, row);
    db.prepare(
      'INSERT INTO audit_log (id, at, user_id, username, action, target, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(row.id, e.at, e.userId, e.username, e.action, e.target, prevHash, hash);
    return { ...row, prevHash, hash };
  };
  return db.inTransaction ? write() : db.transaction(write).immediate();
}

export function listAudit(db: Database, limit: number): AuditEntry[] {
  return db
    .prepare('SELECT id, at, username, action, target FROM audit_log ORDER BY id DESC LIMIT ?')
    .all(limit) as AuditEntry[];
}

export function auditRowById(db: Database, id: number): ChainedRow | null {
  return (db.prepare(`${CHAINED} WHERE id = ?`).get(id) as ChainedRow | undefined) ?? null;
}

/** Up to `limit` rows after `afterId`, in chain order. */
export function auditRowsAfter(db: Database, afterId: number, limit: number): ChainedRow[] {
  return db
    .prepare(`${CHAINED} WHERE id > ? ORDER BY id LIMIT ?`)
    .all(afterId, limit) as ChainedRow[];
}

export function countAudit(db: Database, throughId?: number): number {
  const row = (
    throughId === undefined
      ? db.prepare('SELECT count(*) AS n FROM audit_log').get()
      : db.prepare('SELECT count(*) AS n FROM audit_log WHERE id <= ?').get(throughId)
  ) as { n: number };
  return row.n;
}

export interface AuditCheckpointRow {
  id: number;
  at: string;
  reason: string;
  rowCount: number;
  lastId: number;
  lastHash: string;
  signature: string;
  keyFingerprint: string;
}

export function insertAuditCheckpoint(db: Database, c: Omit<AuditCheckpointRow, 'id'>): void {
  db.prepare(
    `INSERT INTO audit_checkpoints (at, reason, row_count, last_id, last_hash, signature, key_fingerprint)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ).run(c.at, c.reason, c.rowCount, c.lastId, c.lastHash, c.signature, c.keyFingerprint);
}

export function latestAuditCheckpoint(db: Database): AuditCheckpointRow | null {
  return (
    (db
      .prepare(
        `SELECT id, at, reason, row_count AS rowCount, last_id AS lastId, last_hash AS lastHash,
         signature, key_fingerprint AS keyFingerprint
         FROM audit_checkpoints ORDER BY id DESC LIMIT 1`,
      )
      .get() as AuditCheckpointRow | undefined) ?? null
  );
}
