import { randomBytes } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateStationKeys } from '../../packets/keys';
import { GENESIS_HASH } from '../../store/audit-chain';
import { openDatabase } from '../../store/db';
import { migration0009 } from '../../store/migrations/0009-audit-hash-chain';
import { migrations } from '../../store/migrations/index';
import { createAudit } from './audit';
import { tempDir, testClock } from '../../../test/helpers/station';

let dir: string;
let cleanup: () => void;
let db: Database;
const key = randomBytes(32);
const keys = generateStationKeys();
// The log is tested on its own: no users table rows, so entries carry no user id.
const actor = null;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
});
afterEach(() => {
  db?.close();
  cleanup();
});

const open = () => (db = openDatabase({ dataDir: dir, key }));
/** What someone holding the database key could do: drop the triggers and rewrite rows. */
const withoutTriggers = (sql: string, ...params: unknown[]) => {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.prepare(sql).run(...params);
};

function auditWith(n: number, clock = testClock()) {
  open();
  const audit = createAudit(db, clock.now, { stationKeys: () => keys });
  for (let i = 0; i < n; i++) audit.record(actor, 'login.ok', `ani-${i}`);
  return audit;
}

describe('tamper-evident audit log', () => {
  it('chains the rows a station already has when it upgrades', () => {
    const before = migrations.slice(0, migrations.indexOf(migration0009));
    db = openDatabase({ dataDir: dir, key, migrations: before });
    const insert = db.prepare(
      'INSERT INTO audit_log (at, user_id, username, action, target) VALUES (?, NULL, ?, ?, ?)',
    );
    for (let i = 0; i < 3; i++)
      insert.run(`2025-06-0${i + 1}T08:00:00.000Z`, 'sari', 'setup', null);
    db.close();
    open();
    const rows = db.prepare('SELECT id, prev_hash, hash FROM audit_log ORDER BY id').all() as {
      id: number;
      prev_hash: string;
      hash: string;
    }[];
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
    const audit = createAudit(db, () => new Date());
    audit.record(actor, 'login.ok', 'ani');
    expect(audit.verify()).toMatchObject({ state: 'intact', rows: 4, brokenAt: null });
  });

  it('refuses UPDATE, DELETE and unchained INSERT', () => {
    auditWith(2);
    expect(() => db.prepare("UPDATE audit_log SET target = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() =>
      db.prepare("INSERT INTO audit_log (at, action) VALUES ('2025-01-01', 'setup')").run(),
    ).toThrow(/chained/);
    expect(() => db.prepare('DELETE FROM audit_checkpoints').run()).toThrow(/append-only/);
  });

  it('says intact with the row count, and finds a row rewritten in place', () => {
    const audit = auditWith(30);
    expect(audit.verify()).toMatchObject({ state: 'intact', rows: 30, verifiedRows: 30 });
    withoutTriggers("UPDATE audit_log SET target = 'someone-else' WHERE id = 7");
    // Already verified rows are re-read by a sweep, a bounded slice per check.
    let status = audit.verify(8);
    for (let i = 0; i < 10 && status.state !== 'broken'; i++) status = audit.verify(8);
    expect(status).toMatchObject({ state: 'broken', brokenAt: { id: 7, reason: 'content' } });
  });

  it('finds a removed row by the broken link after it', () => {
    const audit = auditWith(10);
    withoutTriggers('DELETE FROM audit_log WHERE id = 4');
    expect(audit.verify()).toMatchObject({ state: 'broken', brokenAt: { id: 5, reason: 'link' } });
  });

  it('finds the newest verified row removed', () => {
    const audit = auditWith(2);
    expect(audit.verify().state).toBe('intact');
    withoutTriggers('DELETE FROM audit_log WHERE id = 2');
    expect(audit.verify()).toMatchObject({
      state: 'broken',
      brokenAt: { id: 2, reason: 'missing' },
    });
  });

  it('checks a long log in bounded steps', () => {
    const audit = auditWith(50);
    const first = audit.verify(20);
    expect(first).toMatchObject({ state: 'checking', rows: 50, verifiedRows: 20 });
    expect(audit.verify(20)).toMatchObject({ state: 'checking', verifiedRows: 40 });
    expect(audit.verify(20)).toMatchObject({ state: 'intact', verifiedRows: 50 });
  });

  it('signs a checkpoint with every export and once a day, and notices rows cut off after it', () => {
    const clock = testClock();
    const audit = auditWith(3, clock);
    const checkpoints = () =>
      db.prepare('SELECT reason, row_count AS rows FROM audit_checkpoints ORDER BY id').all();
    // The first row of the day made the daily checkpoint (of that row).
    expect(checkpoints()).toEqual([{ reason: 'daily', rows: 1 }]);
    audit.record(actor, 'export.bundle', 'bundle-1');
    expect(checkpoints()).toEqual([
      { reason: 'daily', rows: 1 },
      { reason: 'export.bundle', rows: 4 },
    ]);
    clock.advance(24 * 3600_000);
    audit.record(actor, 'login.ok', 'next-day');
    expect(checkpoints()).toHaveLength(3);
    expect(audit.verify()).toMatchObject({
      state: 'intact',
      rows: 5,
      lastCheckpoint: { reason: 'daily', rows: 5, signatureOk: true, matches: true },
    });
    // The newest rows, removed with the triggers dropped (and the chain otherwise whole).
    withoutTriggers('DELETE FROM audit_log WHERE id >= 4');
    const fresh = createAudit(db, clock.now, { stationKeys: () => keys });
    db.prepare("DELETE FROM settings WHERE key = 'audit.chain_verified'").run();
    expect(fresh.verify()).toMatchObject({ state: 'broken', brokenAt: { reason: 'checkpoint' } });
  });
});
