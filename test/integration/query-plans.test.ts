// No store query walks a table that grows with history: the reads behind every supervisor
// screen, the freeze check, the runner, retention and the desk search, run on a store with
// four working weeks of history, and their plans read back from SQLite.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { tempDir } from '../helpers/station';
import { localDateKey } from '../../src-main/services/supervisor/recap';
import { historyScans, STORE_READS } from '../helpers/query-plan';
import { RETENTION_DAYS, SCALE_NOW, copyStore, scaleStore } from '../helpers/scale-store';
import { openStore } from '../helpers/sync-fixtures';

let db: Database;
let cleanup: () => void;
let sample: { nik: string; name: string };

beforeAll(async () => {
  const store = await scaleStore(4_000);
  const tmp = tempDir('rekam-plans-');
  cleanup = tmp.cleanup;
  copyStore(store.dir, tmp.dir);
  db = openStore(tmp.dir);
  sample = { nik: store.sampleNik, name: store.sampleName };
}, 120_000);

afterAll(() => {
  db?.close();
  cleanup?.();
});

const day = (offset: number) =>
  new Date(SCALE_NOW.getFullYear(), SCALE_NOW.getMonth(), SCALE_NOW.getDate() + offset);

describe('query plans', () => {
  it('finds the rows the reads are about (the fixture is not empty)', () => {
    const pending = STORE_READS['approval pending']!(db, args()) as unknown[];
    expect(pending.length).toBeGreaterThan(0);
    const found = STORE_READS['desk search nik']!(db, args()) as unknown[];
    expect(found.length).toBeGreaterThan(0);
    const byName = STORE_READS['desk search name']!(db, args()) as unknown[];
    expect(byName.length).toBeGreaterThan(0);
  });

  it('no store read scans a history table', () => {
    expect(historyScans(db, args())).toEqual([]);
  });

  it('would notice one that does', () => {
    const bad = db.prepare("SELECT COUNT(*) FROM recordings WHERE resident_json LIKE '%x%'");
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${bad.source}`).all() as { detail: string }[];
    expect(plan.some((p) => /^SCAN recordings/.test(p.detail))).toBe(true);
  });
});

function args() {
  return {
    dayFrom: day(0).toISOString(),
    dayTo: day(1).toISOString(),
    windowFrom: day(-29).toISOString(),
    monthFrom: day(-30).toISOString(),
    now: SCALE_NOW.toISOString(),
    purgeBefore: new Date(SCALE_NOW.getTime() - RETENTION_DAYS * 86_400_000).toISOString(),
    nik: sample.nik,
    name: sample.name,
    date: localDateKey(SCALE_NOW),
  };
}
