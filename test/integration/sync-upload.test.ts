// Sealing → outbox → tus upload → the reference central server, through a misbehaving network.
// Every test runs the REAL central server (test/central) on 127.0.0.1 and real stations on temp
// data dirs. The "tens of seconds" outage of the brief is scaled to 12 s to keep the file fast.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordingSummary, SyncStatus } from '../../src-main/api/contract';
import type { Station } from '../../src-main/services/station/station';
import { must, openTestStation, tempDir } from '../helpers/station';
import { startCentral } from '../central/server';
import type { CentralHandle } from '../central/server';
import { startFaultProxy } from '../helpers/fault-proxy';
import type { FaultProxy } from '../helpers/fault-proxy';
import { openStore } from '../helpers/sync-fixtures';
import {
  FAST_SYNC,
  OPERATOR,
  OPERATOR_PASSWORD,
  makeDrafts,
  prepareStation,
  until,
} from '../helpers/sync-station';

let central: CentralHandle;
let proxy: FaultProxy | null = null;
const cleanups: (() => void | Promise<void>)[] = [];

beforeEach(async () => {
  const { dir, cleanup } = tempDir('rekam-central-');
  central = await startCentral({
    dataDir: dir,
    tls: true,
    port: 0,
    ...(process.env.SYNC_DEBUG ? { log: (l: string) => console.log(Date.now() % 100000, l) } : {}),
  });
  cleanups.push(cleanup, () => central.close());
});

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
  proxy = null;
});

function stationDir() {
  const { dir, cleanup } = tempDir('rekam-sync-');
  cleanups.push(cleanup);
  return dir;
}

async function viaProxy(bitsPerSecond = 0, delayMs = 0) {
  const u = new URL(central.url);
  proxy = await startFaultProxy({
    target: { host: u.hostname, port: Number(u.port) },
    bitsPerSecond,
    delayMs,
    scheme: 'https',
  });
  const p = proxy;
  cleanups.push(() => p.close());
  return p;
}

async function finishAll(station: Station, ids: string[]) {
  const packets: string[] = [];
  for (const id of ids) {
    const r = await must(station, 'recordings.finish', { id, password: OPERATOR_PASSWORD });
    packets.push(r.packetId);
  }
  return packets;
}

const pending = async (s: Station) =>
  ((await must(s, 'sync.status', {})) as SyncStatus).pendingPackets;

/** Every packet at the centre exactly once, verified; nothing left in the station's outbox. */
function expectAllReceivedOnce(packetIds: string[], dataDir: string) {
  const rows = central.packets();
  const byId = new Map(rows.map((p) => [p.packetId, p]));
  for (const id of packetIds) {
    expect(byId.get(id)?.status, id).toBe('received');
  }
  expect(rows.length).toBe(packetIds.length);
  const db = openStore(dataDir);
  try {
    const left = db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state <> 'done'").get() as {
      n: number;
    };
    expect(left.n).toBe(0);
    const recs = db
      .prepare('SELECT status, COUNT(*) AS n FROM recordings GROUP BY status')
      .all() as { status: string; n: number }[];
    expect(recs).toEqual([{ status: 'uploaded', n: packetIds.length }]);
  } finally {
    db.close();
  }
}

describe('sync to the reference central server', () => {
  it('seals, queues and uploads; the centre receives each packet exactly once', async () => {
    const dir = stationDir();
    const { station, operatorId } = await prepareStation(dir, central);
    cleanups.push(() => station.close());
    const ids = await makeDrafts(station, dir, operatorId, 3);

    const review = await must(station, 'recordings.review', { id: ids[0]! });
    expect(review.missing).toEqual([]);
    expect(review.fingerprints.complete).toBe(true);

    const wrong = await station.call('recordings.finish', {
      id: ids[0]!,
      password: 'salah-sekali',
    });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) {
      expect(wrong.error.code).toBe('BAD_CREDENTIALS');
      expect(wrong.error.fields?.password).toMatch(/Kata sandi salah/);
    }

    const packets = await finishAll(station, ids);
    const again = await station.call('recordings.finish', {
      id: ids[0]!,
      password: OPERATOR_PASSWORD,
    });
    expect(again.ok).toBe(false);

    const receipt = await must(station, 'recordings.receipt', { id: ids[0]! });
    expect(Buffer.from(receipt.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');

    const progress: SyncStatus[] = [];
    station.on('sync.progress', (s) => progress.push(s));
    station.startSync();
    await until(async () => (await pending(station)) === 0, 20_000, 'outbox to drain');
    expectAllReceivedOnce(packets, dir);
    expect(progress.some((s) => s.state === 'syncing')).toBe(true);
    expect(station.status().sync).toEqual({ pending: 0, state: 'idle' });

    const today = (await must(station, 'recordings.today', {})) as RecordingSummary[];
    expect(today.map((r) => [r.status, r.centralStatus])).toEqual(
      ids.map(() => ['uploaded', 'received']),
    );
    // Each packet crossed once: no re-upload after success.
    expect(central.uploads().length).toBe(3);
  });

  it('refuses to seal without the central key and says to call the technician', async () => {
    const dir = stationDir();
    const station = openTestStation(dir, { faceDetector: null });
    cleanups.push(() => station.close());
    const { setUpStation, addUser, loginAs } = await import('../helpers/station');
    await setUpStation(station);
    const opId = await addUser(station, OPERATOR, 'operator');
    await loginAs(station, OPERATOR);
    const [id] = await makeDrafts(station, dir, opId, 1);
    const r = await station.call('recordings.finish', { id: id!, password: OPERATOR_PASSWORD });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/Hubungi teknisi/);
    expect(((await must(station, 'recordings.get', { id: id! })) as RecordingSummary).status).toBe(
      'draft',
    );
  });

  it('gets every packet through drops, a 20 s blackhole, 5xx and slow answers', async () => {
    const p = await viaProxy(4_000_000, 20);
    const dir = stationDir();
    const { station, operatorId } = await prepareStation(dir, central, { centralUrl: p.url });
    cleanups.push(() => station.close());
    const ids = await makeDrafts(station, dir, operatorId, 8);
    const packets = await finishAll(station, ids);

    central.faults.fail5xx = 3;
    central.faults.delayMs = 150;
    p.randomDrops(700);
    station.startSync();
    await until(() => central.packets().length >= 2, 20_000, 'first packets');
    p.randomDrops(0);
    p.blackhole(true);
    const during: SyncStatus[] = [];
    station.on('sync.progress', (s) => during.push(s));
    // "A link that drops for tens of seconds": 20 s keeps the suite quick yet spans several
    // backoff rounds and the upload stall watchdog.
    await new Promise((r) => setTimeout(r, 20_000));
    // While the link is dead the runner backs off instead of spinning.
    expect(during.length).toBeLessThan(200);
    p.blackhole(false);
    central.faults.delayMs = 0;
    await must(station, 'sync.now', {});
    await until(async () => (await pending(station)) === 0, 40_000, 'outbox to drain');
    expectAllReceivedOnce(packets, dir);
  }, 120_000);

  it('resumes an upload from the server offset after a station restart', async () => {
    const p = await viaProxy(400_000, 10);
    const dir = stationDir();
    const first = await prepareStation(dir, central, { centralUrl: p.url });
    const ids = await makeDrafts(first.station, dir, first.operatorId, 1);
    const packets = await finishAll(first.station, ids);
    const size = (openStore(dir).prepare('SELECT size FROM outbox').get() as { size: number }).size;

    first.station.startSync();
    await until(() => p.stats().upBytes > size / 2, 20_000, 'half the packet on the wire');
    first.station.close();

    const again = openTestStation(dir, { sync: FAST_SYNC, faceDetector: null });
    cleanups.push(() => again.close());
    again.startSync();
    await until(() => central.packets().length === 1, 30_000, 'the packet at the centre');
    await until(
      async () => {
        const db = openStore(dir);
        const r = db.prepare('SELECT state FROM outbox').get() as { state: string };
        db.close();
        return r.state === 'done';
      },
      10_000,
      'the verdict',
    );
    expectAllReceivedOnce(packets, dir);
    // Resumed, not restarted: well under two copies crossed the link.
    expect(p.stats().upBytes).toBeLessThan(size * 1.6);
  });

  it('recovers from kill -9 during sealing and during upload', async () => {
    const p = await viaProxy(1_500_000, 10);
    const dir = stationDir();
    const { station, operatorId } = await prepareStation(dir, central, { centralUrl: p.url });
    const ids = await makeDrafts(station, dir, operatorId, 6);
    station.close();

    const repo = path.resolve(import.meta.dirname, '../..');
    const run = (killWhen: ((line: string) => boolean) | null) =>
      new Promise<string>((resolve) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', 'test/helpers/sync-child.ts', dir, OPERATOR, OPERATOR_PASSWORD],
          { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
        );
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const lines = out.split('\n');
          if (killWhen && lines.some(killWhen) && child.exitCode === null) child.kill('SIGKILL');
        });
        child.stderr.on('data', (c: Buffer) => (out += c.toString()));
        child.on('exit', (code, signal) => resolve(`${out}\nEXIT ${code ?? signal}`));
      });

    // Mid-sealing: right after the second seal committed (the third is in progress).
    let out = await run((l) => l === 'SEALED 2');
    expect(out).toMatch(/EXIT SIGKILL/);
    // Mid-upload: once bytes are flowing.
    out = await run((l) => /^PROGRESS [1-9]\d{4,}/.test(l));
    expect(out).toMatch(/EXIT SIGKILL/);
    // Again, a little later in the queue.
    out = await run((l) => /^PROGRESS [1-9]\d{5,}/.test(l));
    // Then a clean run to the end.
    out = await run(null);
    expect(out, out).toMatch(/DONE/);

    const db = openStore(dir);
    const rows = db.prepare('SELECT packet_id AS id, recording_id AS rid FROM outbox').all() as {
      id: string;
      rid: string;
    }[];
    db.close();
    expect(new Set(rows.map((r) => r.rid))).toEqual(new Set(ids));
    expectAllReceivedOnce(
      rows.map((r) => r.id),
      dir,
    );
    // Four child processes (tsx start-up, scrypt seals): over a minute on a loaded machine.
  }, 180_000);
});
