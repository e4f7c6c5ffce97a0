/**
 * The crash campaign: `npm run chaos -- [N]` (default 100; CHAOS_RUNS works too).
 *
 * N runs of a child station process (test/helpers/sync-child.ts) sealing and uploading a stream
 * of recordings to the reference central over HTTPS (self-signed, pinned), through the fault
 * proxy with a rate limit and random connection drops. Each run is killed with SIGKILL at random
 * moments — during sealing, mid-upload, between upload and verdict, during retention (which runs
 * every 150 ms with a retention period of 0 days) — then restarted until its outbox drains.
 *
 * Then it checks every store and the centre: every sealed recording is at the centre exactly
 * once, nothing is lost or half-written, `PRAGMA integrity_check` is ok, and no purge happened
 * without a verified verdict. One line per figure; the last line is the summary. Exit 0 only
 * when lost, duplicated, unverified purges, half-written and integrity failures are all zero.
 */
import { spawn } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loginAs, openTestStation, tempDir } from '../helpers/station';
import { setSetting } from '../../src-main/store/settings-repo';
import { startCentral } from '../central/server';
import { startFaultProxy } from '../helpers/fault-proxy';
import { openStore } from '../helpers/sync-fixtures';
import { OPERATOR, OPERATOR_PASSWORD, makeDrafts, prepareStation } from '../helpers/sync-station';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const N = Math.max(1, Number(process.argv[2] ?? process.env.CHAOS_RUNS ?? 100) || 100);
const PER_RUN = Number(process.env.CHAOS_RECORDINGS ?? 3);
/** Kills land in the first few seconds of a child's life: start-up, sealing, upload, verdict. */
const KILL_WINDOW_MS = Number(process.env.CHAOS_KILL_WINDOW_MS ?? 7_000);
const DRAIN_TIMEOUT_MS = 120_000;

/** Seeded so a failing campaign can be re-run the same way (CHAOS_SEED). */
let seed = Number(process.env.CHAOS_SEED ?? Date.now() % 2 ** 31);
const firstSeed = seed;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;

const { dir: work, cleanup } = tempDir('rekam-chaos-');
const central = await startCentral({ dataDir: path.join(work, 'central'), tls: true });
const u = new URL(central.url);
const proxy = await startFaultProxy({
  target: { host: u.hostname, port: Number(u.port) },
  bitsPerSecond: 8_000_000,
  delayMs: 20,
  scheme: 'https',
});
proxy.randomDrops(1_500);

// One registered station, copied for every run (setting up and registering each time would
// spend the campaign on password hashing). Each copy is its own store with its own recordings.
const template = path.join(work, 'template');
{
  // Registration goes through the lossy proxy too; a dropped setup request is not what the
  // campaign measures, so setting up is tried again on a clean folder (at most three times).
  let prepared: Awaited<ReturnType<typeof prepareStation>> | null = null;
  for (let attempt = 1; !prepared; attempt++) {
    try {
      prepared = await prepareStation(template, { ...central, url: proxy.url });
    } catch (err) {
      if (attempt >= 3) throw err;
      rmSync(template, { recursive: true, force: true });
    }
  }
  const { station } = prepared;
  const db = openStore(template);
  setSetting(db, 'retention.days', '0');
  db.close();
  station.close();
}

type ChildEnd = { code: number | null; signal: NodeJS.Signals | null; out: string };

function runChild(dir: string, killAfterMs: number | null): Promise<ChildEnd> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repo, 'test/helpers/sync-child.ts'),
      dir,
      OPERATOR,
      OPERATOR_PASSWORD,
    ],
    {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, SYNC_CHILD_HOUSEKEEPING_MS: '150' },
    },
  );
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs ?? DRAIN_TIMEOUT_MS);
  return new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out: out.slice(-2000) });
    }),
  );
}

const totals = {
  kills: 0,
  sealed: 0,
  atCentre: 0,
  lost: 0,
  duplicated: 0,
  halfWritten: 0,
  integrityFailures: 0,
  undrained: 0,
  purgedVerified: 0,
  unverifiedPurges: 0,
};

for (let run = 1; run <= N; run++) {
  const dir = path.join(work, `run-${run}`);
  cpSync(template, dir, { recursive: true });
  {
    const station = openTestStation(dir, { faceDetector: null });
    await loginAs(station, OPERATOR, OPERATOR_PASSWORD);
    const db = openStore(dir);
    const opId = (
      db.prepare('SELECT id FROM users WHERE username = ?').get(OPERATOR) as {
        id: string;
      }
    ).id;
    db.close();
    // NIK serials stay within 0001–9999 for any N up to 3333 runs.
    await makeDrafts(station, dir, opId, PER_RUN, (run - 1) * PER_RUN + 1);
    station.close();
  }

  let kills = 0;
  const killsThisRun = 1 + Math.floor(random() * 2);
  for (let k = 0; k < killsThisRun; k++) {
    const end = await runChild(dir, Math.round(random() * KILL_WINDOW_MS));
    if (end.signal === 'SIGKILL') kills++;
    else if (end.code !== 0) console.log(`run ${run}: child exited ${end.code}\n${end.out}`);
  }
  const last = await runChild(dir, null);
  const drained = last.code === 0 && last.out.includes('DONE');
  if (!drained) {
    totals.undrained++;
    console.log(`run ${run}: outbox did not drain (${last.signal ?? last.code})\n${last.out}`);
  }

  const db = openStore(dir);
  const integrity = db.pragma('integrity_check', { simple: true });
  if (integrity !== 'ok') totals.integrityFailures++;
  const recs = db.prepare("SELECT id, status FROM recordings WHERE status <> 'draft'").all() as {
    id: string;
    status: string;
  }[];
  const outbox = db
    .prepare(
      `SELECT o.packet_id AS packetId, o.recording_id AS recordingId, o.size, o.purged_at AS purgedAt,
         o.verdict_verified AS verified, o.verdict_json AS verdict,
         (SELECT length(bytes) FROM outbox_packets p WHERE p.packet_id = o.packet_id) AS stored
       FROM outbox o`,
    )
    .all() as {
    packetId: string;
    recordingId: string;
    size: number;
    purgedAt: string | null;
    verified: number;
    verdict: string | null;
    stored: number | null;
  }[];
  const emptied = db
    .prepare('SELECT recording_id AS id FROM photos WHERE length(jpeg) = 0')
    .all() as { id: string }[];
  db.close();

  const byRecording = new Map<string, typeof outbox>();
  for (const o of outbox)
    byRecording.set(o.recordingId, [...(byRecording.get(o.recordingId) ?? []), o]);
  const atCentre = new Map<string, number>();
  for (const p of central.packets()) {
    if (p.recordingId && byRecording.has(p.recordingId) && p.status !== 'rejected') {
      atCentre.set(p.recordingId, (atCentre.get(p.recordingId) ?? 0) + 1);
    }
  }
  let sealed = 0;
  let here = 0;
  for (const r of recs) {
    sealed++;
    const rows = byRecording.get(r.id) ?? [];
    // Sealed means: exactly one outbox row, whose bytes are there until a verified purge.
    if (rows.length !== 1 || rows.some((o) => o.purgedAt === null && o.stored !== o.size)) {
      totals.halfWritten++;
    }
    const n = atCentre.get(r.id) ?? 0;
    if (n === 0) totals.lost++;
    if (n > 1) totals.duplicated++;
    if (n >= 1) here++;
  }
  for (const o of outbox) {
    if (o.purgedAt === null) continue;
    if (o.verified === 1 && o.verdict !== null && (atCentre.get(o.recordingId) ?? 0) >= 1) {
      totals.purgedVerified++;
    } else totals.unverifiedPurges++;
  }
  for (const e of emptied) {
    const o = byRecording.get(e.id)?.[0];
    if (!o || o.purgedAt === null || o.verified !== 1) totals.unverifiedPurges++;
  }
  totals.kills += kills;
  totals.sealed += sealed;
  totals.atCentre += here;
  console.log(
    `run ${run}/${N}: kills=${kills} sealed=${sealed} at-centre=${here} integrity=${integrity}`,
  );
  rmSync(dir, { recursive: true, force: true });
}

await proxy.close();
await central.close();
cleanup();

console.log(`seed: ${firstSeed}`);
console.log(`runs: ${N}`);
console.log(`kills: ${totals.kills}`);
console.log(`sealed: ${totals.sealed}`);
console.log(`at-centre: ${totals.atCentre}`);
console.log(`lost: ${totals.lost}`);
console.log(`duplicated: ${totals.duplicated}`);
console.log(`half-written: ${totals.halfWritten}`);
console.log(`integrity-failures: ${totals.integrityFailures}`);
console.log(`undrained-runs: ${totals.undrained}`);
console.log(`purged-after-verified-verdict: ${totals.purgedVerified}`);
console.log(`unverified-purges: ${totals.unverifiedPurges}`);
console.log(
  `chaos: runs=${N} kills=${totals.kills} sealed=${totals.sealed} at-centre=${totals.atCentre} lost=${totals.lost} duplicated=${totals.duplicated} unverified-purges=${totals.unverifiedPurges}`,
);
const bad =
  totals.lost +
  totals.duplicated +
  totals.unverifiedPurges +
  totals.halfWritten +
  totals.integrityFailures +
  totals.undrained;
process.exit(bad === 0 ? 0 : 1);
