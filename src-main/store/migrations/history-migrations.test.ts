import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/station';
import { CACHE_KIB, openDatabase } from '../db';
import { searchCards } from '../queue-repo';
import { countAwaiting, listPending } from '../approvals-repo';
import { migrations } from './index';
import { migration0012 } from './0012-approval-reviewed-marker';
import { migration0013 } from './0013-history-indexes';
import { migration0015 } from './0015-retention-marks';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const AT = '2025-06-10T02:00:00.000Z';
const upTo = (version: number) => migrations.filter((m) => m.version <= version);

/** A store at the schema before 0009 with a user, three sealed recordings and one decision. */
function olderStore(key: Buffer) {
  const db = openDatabase({ dataDir: dir, key, migrations: upTo(migration0012.version - 1) });
  db.prepare(
    `INSERT INTO users (id, username, full_name, role, password_hash, created_at)
     VALUES ('U1', 'sari', 'Sari', 'supervisor', 'x', ?)`,
  ).run(AT);
  for (const id of ['R1', 'R2', 'R3']) {
    db.prepare(
      `INSERT INTO recordings (id, status, nik, name, resident_json, operator_id, created_at, updated_at)
       VALUES (?, 'uploaded', '3201011205900001', 'BUDI', '{}', 'U1', ?, ?)`,
    ).run(id, AT, AT);
    db.prepare(
      `INSERT INTO outbox (packet_id, recording_id, size, sha256, state, sealed_at, acked_at, purged_at)
       VALUES (?, ?, 10, 'ab', 'done', ?, ?, ?)`,
    ).run(`K${id}`, id, AT, AT, id === 'R3' ? AT : null);
  }
  db.prepare(
    `INSERT INTO approvals (recording_id, decision, decided_by, decided_at) VALUES ('R1', 'approved', 'U1', ?)`,
  ).run(AT);
  db.prepare(
    `INSERT INTO queue_cards (id, date, lane, seq, nik, name, status, call_order, issued_at, issued_by)
     VALUES ('C1', '2025-06-10', 'regular', 1, '3201011205900001', 'SITI RAHAYU', 'served', 1, ?, 'U1')`,
  ).run(AT);
  return db;
}

describe('history migrations (0009–0012)', () => {
  it('0009 marks recordings already decided as reviewed; the rest await review via the partial index', () => {
    const key = randomBytes(32);
    olderStore(key).close();
    const db = openDatabase({ dataDir: dir, key, migrations: upTo(migration0012.version) });
    expect(db.prepare('SELECT id, reviewed_at AS r FROM recordings ORDER BY id').all()).toEqual([
      { id: 'R1', r: AT },
      { id: 'R2', r: null },
      { id: 'R3', r: null },
    ]);
    expect(countAwaiting(db)).toBe(2);
    expect(listPending(db, 10).map((r) => r.recordingId)).toEqual(['R2', 'R3']);
    db.close();
  });

  it('0010 adds the history indexes, replaces recordings_created_at and analyses', () => {
    const key = randomBytes(32);
    olderStore(key).close();
    const db = openDatabase({ dataDir: dir, key, migrations: upTo(migration0013.version) });
    const names = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all() as { name: string }[]
    ).map((r) => r.name);
    for (const n of [
      'outbox_sent_at',
      'outbox_exported_at',
      'outbox_sealed_at',
      'outbox_state_central',
      'outbox_acked_at',
      'outbox_queued',
      'queue_cards_nik',
      'recordings_day',
    ]) {
      expect(names).toContain(n);
    }
    expect(names).not.toContain('recordings_created_at');
    const stat = db.prepare("SELECT tbl FROM sqlite_stat1 WHERE tbl = 'recordings'").all();
    expect(stat.length).toBeGreaterThan(0);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT MAX(sent_at) FROM outbox').all() as {
      detail: string;
    }[];
    expect(plan.map((p) => p.detail).join(' ')).toContain('outbox_sent_at');
    db.close();
  });

  it('0011 indexes existing and new card names for search, following renames and deletes', () => {
    const key = randomBytes(32);
    olderStore(key).close();
    // Every later migration too (0014 is among them): today's card query reads later tables.
    const db = openDatabase({ dataDir: dir, key, migrations });
    expect(searchCards(db, 'RAHAY', 10).map((c) => c.id)).toEqual(['C1']);
    expect(searchCards(db, 'rahay', 10).map((c) => c.id)).toEqual(['C1']);
    db.prepare("UPDATE queue_cards SET name = 'SITI AMINAH' WHERE id = 'C1'").run();
    expect(searchCards(db, 'RAHAY', 10)).toEqual([]);
    expect(searchCards(db, 'AMINAH', 10).map((c) => c.id)).toEqual(['C1']);
    db.prepare("DELETE FROM queue_cards WHERE id = 'C1'").run();
    expect(searchCards(db, 'AMINAH', 10)).toEqual([]);
    expect(searchCards(db, '"; DROP', 10)).toEqual([]);
    db.close();
  });

  it('0012 records why a packet was purged (older purges were acknowledgements)', () => {
    const key = randomBytes(32);
    olderStore(key).close();
    const db = openDatabase({ dataDir: dir, key, migrations: upTo(migration0015.version) });
    expect(
      db.prepare('SELECT packet_id AS p, purge_reason AS r FROM outbox ORDER BY p').all(),
    ).toEqual([
      { p: 'KR1', r: null },
      { p: 'KR2', r: null },
      { p: 'KR3', r: 'acknowledged' },
    ]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM storage_samples').get()).toEqual({ n: 0 });
    db.close();
  });

  it('a new store frees pages incrementally, deletes without rewriting every freed page, caches the working set', () => {
    const db = openDatabase({ dataDir: dir, key: randomBytes(32) });
    expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
    expect(db.pragma('secure_delete', { simple: true })).toBe(2);
    expect(db.pragma('cache_size', { simple: true })).toBe(-CACHE_KIB);
    db.close();
  });
});
