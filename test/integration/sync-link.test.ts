// Sync over a slow, failing link through the fault proxy: a slow link is never cut for being slow (the stall rule
// counts bytes the centre acknowledged), an outage is probed at short intervals and counted as
// one failure (not an exponential backoff meant for a failing centre), and the verdict comes
// with the final PATCH. Counters and generous bounds only: no wall-clock timing assertions.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StationOptions } from '../../src-main/services/station/station';
import { must, tempDir } from '../helpers/station';
import { startCentral } from '../central/server';
import type { CentralHandle } from '../central/server';
import { startFaultProxy } from '../helpers/fault-proxy';
import type { FaultProxy } from '../helpers/fault-proxy';
import { openStore } from '../helpers/sync-fixtures';
import {
  FAST_SYNC,
  OPERATOR_PASSWORD,
  makeDrafts,
  prepareStation,
  until,
} from '../helpers/sync-station';

let central: CentralHandle;
let centralDir: string;
const cleanups: (() => void | Promise<void>)[] = [];

beforeEach(async () => {
  const { dir, cleanup } = tempDir('rekam-central-');
  centralDir = dir;
  central = await startCentral({ dataDir: dir, tls: true, port: 0 });
  cleanups.push(cleanup, () => central.close());
});
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function proxied(bitsPerSecond: number, delayMs: number): Promise<FaultProxy> {
  const u = new URL(central.url);
  const p = await startFaultProxy({
    target: { host: u.hostname, port: Number(u.port) },
    bitsPerSecond,
    delayMs,
    scheme: 'https',
  });
  cleanups.push(() => p.close());
  return p;
}

/** A registered station behind `p` with one sealed packet, not yet syncing. */
async function oneSealed(p: FaultProxy, sync: StationOptions['sync']) {
  const { dir, cleanup } = tempDir('rekam-link-');
  cleanups.push(cleanup);
  const { station, operatorId } = await prepareStation(dir, central, {
    centralUrl: p.url,
    sync: { ...FAST_SYNC, ...sync },
  });
  cleanups.push(() => station.close());
  const [id] = await makeDrafts(station, dir, operatorId, 1);
  const { packetId } = await must(station, 'recordings.finish', {
    id: id!,
    password: OPERATOR_PASSWORD,
  });
  return { dir, station, packetId };
}

function outboxRow(dir: string) {
  const db = openStore(dir);
  try {
    return db
      .prepare('SELECT state, attempts, size, verdict_verified AS verified FROM outbox')
      .get() as { state: string; attempts: number; size: number; verified: number };
  } finally {
    db.close();
  }
}

/** tus uploads the centre created: one per packet means none started over from byte 0. */
const uploadsCreated = () =>
  readdirSync(path.join(centralDir, 'uploads')).filter((f) => !f.endsWith('.json')).length;

describe('uploads on a slow link', () => {
  it('a chunk slower than the minimum stall window is not cut: acknowledged bytes count', async () => {
    // 128 kbit/s: the packet needs ~10 s, every chunk far more than the 1 s minimum window.
    const p = await proxied(128_000, 50);
    const { dir, station, packetId } = await oneSealed(p, { stallMs: 1_000 });
    const statuses: number[] = [];
    station.on('sync.progress', (s) => statuses.push(s.sentBytes));
    station.startSync();
    await until(() => outboxRow(dir).state === 'done', 90_000, 'the verdict');
    const row = outboxRow(dir);
    // Not one request abandoned: no failed attempt, one tus upload, verdict signed and verified.
    expect(row.attempts).toBe(0);
    expect(uploadsCreated()).toBe(1);
    expect(row.verified).toBe(1);
    expect(central.packet(packetId)?.status).toBe('received');
    // Progress is what the centre confirmed: never more than the packet itself.
    expect(Math.max(...statuses)).toBeLessThanOrEqual(row.size);
    expect(p.stats().upBytes).toBeLessThan(row.size * 1.1);
  }, 120_000);
});

describe('outages', () => {
  it('probes a refused link at short intervals, counts one failure, and resumes from the offset', async () => {
    const p = await proxied(400_000, 20);
    const { dir, station, packetId } = await oneSealed(p, {
      // A failing centre would be waited out for up to a minute; a gone network is not.
      backoffBaseMs: 20_000,
      backoffMaxMs: 60_000,
      probeMinMs: 200,
      networkMaxMs: 1_000,
    });
    station.startSync();
    const size = outboxRow(dir).size;
    await until(() => p.stats().upBytes > size / 3, 30_000, 'a third of the packet on the wire');
    p.refuse(true);
    p.dropAll();
    await new Promise((r) => setTimeout(r, 4_000));
    const probes = p.stats().refused;
    p.refuse(false);
    // Probed again and again (an exponential backoff from 20 s would have tried once at most)…
    expect(probes).toBeGreaterThanOrEqual(3);
    // …but never spinning: at most one probe per minimum interval (with jitter).
    expect(probes).toBeLessThanOrEqual(4_000 / (0.75 * 200) + 1);
    await until(() => outboxRow(dir).state === 'done', 60_000, 'the verdict after the outage');
    // Back without sync.now; one failure for the outage; resumed, not restarted.
    expect(outboxRow(dir).attempts).toBe(1);
    expect(uploadsCreated()).toBe(1);
    expect(central.packet(packetId)?.status).toBe('received');
    expect(p.stats().upBytes).toBeLessThan(size * 1.6);
  }, 120_000);
});
