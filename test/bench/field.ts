/**
 * Field benchmark: uploads through the links many kecamatan offices really have. Realistic
 * sealed packets (≈160 KB: photo, ten fingerprints, signature) go to the reference central over
 * TLS through the fault proxy on loopback, with 300 ms one-way delay, at 64 and 16 kbit/s:
 *
 *   clean-64, clean-16  a clean link                                 target ≥ 0.90 of the link
 *   cut-64              link cut 10 s of every 20 s: nothing passes   target ≥ 0.75 of up-time
 *                       (open connections survive, as TCP does over
 *                       a radio gap; new ones hang)
 *   refused-16          10 s of every 20 s new connections are        target ≥ 0.75 of up-time
 *                       refused and open ones carry nothing (a modem
 *                       that lost its data session)
 *   blackhole-16        as cut-64, at 16 kbit/s                       target ≥ 0.75 of up-time
 *   drop-64             harsher, shown without a target: open connections are reset and new
 *                       ones refused, so every up-window pays a TLS handshake and a HEAD
 *                       (three round trips, ~2 s of 10 at 300 ms one-way)
 *
 * Goodput = packet bytes × 8 / (link rate × time the link was up, from the start of sync until
 * the station holds every verdict). Every packet must reach the centre exactly once, and no
 * upload may start over from byte 0 (one tus upload created per packet). The station runs with
 * its default (real-link) sync settings.
 *
 * Prints one row per scenario, then
 *   field: worst-up-time-goodput=… exactly-once=yes restarts-from-0=0
 *
 *   npm run bench:field                 (full: 6 scenarios, ~15 minutes)
 *   npm run bench:field -- --short      (CI: clean-64 with 3 packets, cut-64 with 1, ~3 minutes)
 *   BENCH_FIELD=short npm run bench:field
 *   BENCH_FIELD_ONLY=refused-16 npm run bench:field
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { SyncStatus } from '../../src-main/api/contract';
import { tempDir } from '../helpers/station';
import { startCentral } from '../central/server';
import { startFaultProxy } from '../helpers/fault-proxy';
import { openStore } from '../helpers/sync-fixtures';
import { OPERATOR_PASSWORD, makeDrafts, prepareStation } from '../helpers/sync-station';

type Outage = 'none' | 'drop' | 'refused' | 'blackhole';

interface Scenario {
  name: string;
  kbps: number;
  outage: Outage;
  packets: number;
  target: number;
}

const DELAY_MS = 300;
const UP_MS = 10_000;
const DOWN_MS = 10_000;

const FULL: Scenario[] = [
  { name: 'clean-64', kbps: 64, outage: 'none', packets: 6, target: 0.9 },
  { name: 'clean-16', kbps: 16, outage: 'none', packets: 1, target: 0.9 },
  { name: 'cut-64', kbps: 64, outage: 'blackhole', packets: 2, target: 0.75 },
  { name: 'refused-16', kbps: 16, outage: 'refused', packets: 1, target: 0.75 },
  { name: 'blackhole-16', kbps: 16, outage: 'blackhole', packets: 1, target: 0.75 },
  { name: 'drop-64', kbps: 64, outage: 'drop', packets: 2, target: 0 },
];

const short = process.argv.includes('--short') || process.env.BENCH_FIELD === 'short';
const only = process.env.BENCH_FIELD_ONLY?.split(',').map((s) => s.trim());
const scenarios = (
  short
    ? // Three packets on the clean link: one alone is mostly TLS set-up and the first chunk.
      FULL.filter((s) => s.name === 'clean-64' || s.name === 'cut-64').map((s) => ({
        ...s,
        packets: s.name === 'clean-64' ? 3 : 1,
      }))
    : FULL
).filter((s) => !only || only.includes(s.name));

interface Row {
  scenario: Scenario;
  bytes: number;
  elapsedS: number;
  upS: number;
  goodput: number;
  exactlyOnce: boolean;
  restarts: number;
  wireUp: number;
  finished: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(s: Scenario): Promise<Row> {
  const { dir: centralDir, cleanup: cleanCentral } = tempDir('rekam-field-central-');
  const { dir: dataDir, cleanup: cleanStation } = tempDir('rekam-field-station-');
  const t00 = performance.now();
  const debug = process.env.BENCH_FIELD_DEBUG
    ? (l: string) => console.log(`${((performance.now() - t00) / 1000).toFixed(1)} central ${l}`)
    : undefined;
  const central = await startCentral({
    dataDir: centralDir,
    port: 0,
    tls: true,
    ...(debug ? { log: debug } : {}),
  });
  const u = new URL(central.url);
  // Set-up (registration, sealing) runs on an unlimited link; the field link starts with sync.
  const proxy = await startFaultProxy({
    target: { host: u.hostname, port: Number(u.port) },
    scheme: 'https',
  });
  const { station, operatorId } = await prepareStation(dataDir, central, {
    centralUrl: proxy.url,
    sync: {},
  });
  try {
    const ids = await makeDrafts(station, dataDir, operatorId, s.packets);
    const packetIds: string[] = [];
    for (const id of ids) {
      const r = await station.call('recordings.finish', { id, password: OPERATOR_PASSWORD });
      if (!r.ok) throw new Error(`finish failed: ${r.error.message}`);
      packetIds.push((r.value as { packetId: string }).packetId);
    }
    const db = openStore(dataDir);
    const bytes = (db.prepare('SELECT SUM(size) AS n FROM outbox').get() as { n: number }).n;
    db.close();
    // Let the set-up's connections go, then the field link.
    proxy.dropAll();
    await sleep(200);
    const bps = s.kbps * 1000;
    proxy.setBandwidth(bps);
    proxy.setDelay(DELAY_MS);
    const before = proxy.stats().upBytes;

    // Ideal time at the link rate, a generous bound (the bench always ends).
    const ideal = (bytes * 8 * 1000) / bps;
    const limitMs = (s.outage === 'none' ? 3 : 6) * ideal + 60_000;
    const t0 = performance.now();
    let up = true;
    let upMs = 0;
    let lastFlip = t0;
    let nextFlip = t0 + UP_MS;
    station.startSync();
    let finished = false;
    while (performance.now() - t0 < limitMs) {
      const now = performance.now();
      if (s.outage !== 'none' && now >= nextFlip) {
        if (up) {
          upMs += now - lastFlip;
          proxy.refuse(s.outage !== 'blackhole');
          if (s.outage === 'drop') proxy.dropAll();
          else proxy.blackhole(true);
        } else {
          proxy.refuse(false);
          proxy.blackhole(false);
        }
        up = !up;
        lastFlip = now;
        nextFlip = now + (up ? UP_MS : DOWN_MS);
      }
      const st = await station.call('sync.status', {});
      if (st.ok && (st.value as SyncStatus).pendingPackets === 0) {
        finished = true;
        break;
      }
      await sleep(50);
    }
    const end = performance.now();
    if (up) upMs += end - lastFlip;
    proxy.refuse(false);
    proxy.blackhole(false);

    const atCentre = central.packets();
    const byId = new Map(atCentre.map((p) => [p.packetId, p]));
    const exactlyOnce =
      finished &&
      atCentre.length === packetIds.length &&
      packetIds.every((id) => byId.get(id)?.status === 'received') &&
      central.uploads().length === packetIds.length;
    // One tus upload per packet: any more is an upload that started over from byte 0.
    const created = readdirSync(path.join(centralDir, 'uploads')).filter(
      (f) => !f.endsWith('.json'),
    ).length;
    return {
      scenario: s,
      bytes,
      elapsedS: (end - t0) / 1000,
      upS: upMs / 1000,
      goodput: (bytes * 8 * 1000) / (upMs * bps),
      exactlyOnce,
      restarts: Math.max(0, created - packetIds.length),
      wireUp: proxy.stats().upBytes - before,
      finished,
    };
  } finally {
    if (debug) {
      const logs = path.join(dataDir, 'logs');
      for (const f of readdirSync(logs)) console.log(readFileSync(path.join(logs, f), 'utf8'));
    }
    station.close();
    await proxy.close();
    await central.close();
    cleanStation();
    cleanCentral();
  }
}

console.log(
  `field bench (${short ? 'short' : 'full'}): ${DELAY_MS} ms one-way delay, outages ${DOWN_MS / 1000} s of every ${(UP_MS + DOWN_MS) / 1000} s`,
);
console.log(
  'scenario       link        packets   KB    elapsed  up-time  goodput  target  met   once  restarts  wire/packet',
);
const rows: Row[] = [];
for (const s of scenarios) {
  const r = await run(s);
  rows.push(r);
  const met = r.finished && r.goodput >= s.target;
  const targetText = s.target > 0 ? `≥ ${s.target.toFixed(2)}` : '—';
  console.log(
    [
      s.name.padEnd(14),
      `${s.kbps} kbit/s`.padEnd(11),
      String(s.packets).padStart(7),
      (r.bytes / 1024).toFixed(0).padStart(5),
      `${r.elapsedS.toFixed(1)} s`.padStart(10),
      `${r.upS.toFixed(1)} s`.padStart(8),
      r.goodput.toFixed(3).padStart(8),
      targetText.padStart(7),
      (s.target > 0 ? (met ? 'yes' : 'NO') : '—').padStart(4),
      (r.exactlyOnce ? 'yes' : 'NO').padStart(5),
      String(r.restarts).padStart(9),
      (r.wireUp / r.bytes).toFixed(3).padStart(12),
    ].join(' '),
  );
}
const worstUp = Math.min(
  ...rows
    .filter((r) => r.scenario.outage !== 'none' && r.scenario.target > 0)
    .map((r) => r.goodput),
  Number.POSITIVE_INFINITY,
);
const worstClean = Math.min(
  ...rows.filter((r) => r.scenario.outage === 'none').map((r) => r.goodput),
  Number.POSITIVE_INFINITY,
);
const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
console.log(`clean: worst-goodput=${fmt(worstClean)}`);
console.log(
  `field: worst-up-time-goodput=${fmt(worstUp)} exactly-once=${
    rows.every((r) => r.exactlyOnce) ? 'yes' : 'no'
  } restarts-from-0=${rows.reduce((n, r) => n + r.restarts, 0)}`,
);
process.exit(0);
