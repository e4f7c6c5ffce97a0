/**
 * A station store as four years on one desk leave it: N recordings (~200 a working day), ten
 * finger rows, a photo and a signature each, ~12 audit rows, ~1.1 queue cards, the outbox with
 * the centre's verdicts, the supervisor's decisions and retention applied as the station does
 * it — except the day that falls due at `now`, so the purge has one day of work.
 *
 * The station is set up through its own API (setup, users, key file, migrations); the history is
 * then written in bulk, one transaction per day, with prepared statements — 200,000 recordings
 * in about a minute. Blobs are random bytes of realistic size (the store is encrypted page by
 * page, so content does not matter, size does); `compactBlobs` shrinks those still held inside
 * the retention window to keep the cached file small.
 */
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { LATEST_SCHEMA_VERSION } from '../../src-main/store/migrations/index';
import {
  OPERATORS,
  OPERATOR_PASSWORD,
  PER_DAY,
  RETENTION_DAYS,
  SCALE_NOW,
  fill,
  nikOf,
} from './scale-store-fill';
import { addUser, openTestStation, setUpStation } from './station';
import { openStore } from './sync-fixtures';

export { OPERATORS, OPERATOR_PASSWORD, PER_DAY, RETENTION_DAYS, SCALE_NOW };

/** Bump when the generated data changes, so stale caches are rebuilt. */
const BUILDER_VERSION = 7;

export interface ScaleStore {
  dir: string;
  n: number;
  /** A NIK with queue cards on several dates, and a name part that finds a few cards. */
  sampleNik: string;
  sampleName: string;
  buildMs: number | null;
}

export function scaleStoreDir(n: number, compact: boolean): string {
  return join(
    tmpdir(),
    `rekam-scale-${n}-s${LATEST_SCHEMA_VERSION}-b${BUILDER_VERSION}${compact ? '-c' : ''}`,
  );
}

/** The cached store for `n`, built first when missing. */
export async function scaleStore(
  n: number,
  opts: { compactBlobs?: boolean; log?: (s: string) => void } = {},
): Promise<ScaleStore> {
  const compact = opts.compactBlobs ?? true;
  const dir = scaleStoreDir(n, compact);
  const sample = { sampleNik: nikOf(Math.floor(n / 2)), sampleName: 'HENDRA SIMANJ' };
  if (existsSync(join(dir, 'ready'))) return { dir, n, ...sample, buildMs: null };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const station = openTestStation(dir, { faceDetector: null, now: () => SCALE_NOW });
  try {
    await setUpStation(station);
    for (const u of OPERATORS) await addUser(station, u, 'operator', OPERATOR_PASSWORD(u));
    await addUser(station, 'tekno', 'technician');
  } finally {
    station.close();
  }
  const db = openStore(dir);
  try {
    // A benchmark fixture, rebuilt if lost: no fsync per day, a large cache while writing.
    // No WAL while filling: each page is encrypted once, not once in the WAL and again at the
    // checkpoint.
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    const f0 = performance.now();
    fill(db, n, compact, opts.log ?? (() => {}));
    opts.log?.(`  written in ${((performance.now() - f0) / 1000).toFixed(1)} s`);
    db.pragma('optimize = 0x10002');
    db.exec('ANALYZE');
    db.pragma('journal_mode = WAL');
  } finally {
    db.close();
  }
  const buildMs = performance.now() - t0;
  writeFileSync(join(dir, 'ready'), `${n}\n`);
  return { dir, n, ...sample, buildMs };
}

/** A private copy of the cached store (the benchmark purges and writes). */
export function copyStore(from: string, to: string): void {
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true });
  rmSync(join(to, 'ready'), { force: true });
}
