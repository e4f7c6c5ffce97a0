/**
 * Sync benchmark: 200 realistic recordings (≈40 KB photo, ten 8-bit PNG fingerprints, a
 * signature) sealed, then uploaded to the reference central server through the fault proxy
 * limited to 1 Mbit/s with 100 ms one-way delay.
 *
 * Prints: goodput ratio = packet bytes × 8 / (elapsed × link rate) (target ≥ 0.85), sealing
 * latency p50/p95 (target p95 ≤ 150 ms; the seal itself, without the operator's password check,
 * which is a deliberately slow scrypt), and the average packet size (target ≤ 300 KB).
 *
 *   npm run bench:sync            (N=200, ~8 minutes)
 *   BENCH_N=20 npm run bench:sync (quick look)
 */
import { rmSync } from 'node:fs';
import { startCentral } from '../central/server';
import { tempDir } from '../helpers/station';
import type { SyncStatus } from '../../src-main/api/contract';
import { startFaultProxy } from '../helpers/fault-proxy';
import { openStore } from '../helpers/sync-fixtures';
import { OPERATOR_PASSWORD, makeDrafts, prepareStation, until } from '../helpers/sync-station';

const N = Number(process.env.BENCH_N ?? 200);
const LINK_BPS = 1_000_000;
const DELAY_MS = 100;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
};

const { dir: centralDir, cleanup: cleanCentral } = tempDir('rekam-bench-central-');
const { dir: dataDir, cleanup } = tempDir('rekam-bench-station-');
const central = await startCentral({ dataDir: centralDir, port: 0, tls: true });
const u = new URL(central.url);
const proxy = await startFaultProxy({
  target: { host: u.hostname, port: Number(u.port) },
  bitsPerSecond: LINK_BPS,
  delayMs: DELAY_MS,
  scheme: 'https',
});

try {
  const { station, operatorId } = await prepareStation(dataDir, central, {
    centralUrl: proxy.url,
    sync: { stallMs: 30_000, requestTimeoutMs: 20_000, verdictPollMs: 1000 },
  });
  console.log(`preparing ${N} recordings…`);
  const ids = await makeDrafts(station, dataDir, operatorId, N);

  const finishMs: number[] = [];
  for (const id of ids) {
    const t = performance.now();
    const r = await station.call('recordings.finish', { id, password: OPERATOR_PASSWORD });
    finishMs.push(performance.now() - t);
    if (!r.ok) throw new Error(`finish failed: ${r.error.message}`);
  }
  const db = openStore(dataDir);
  const rows = db.prepare('SELECT size, seal_ms AS sealMs FROM outbox').all() as {
    size: number;
    sealMs: number;
  }[];
  db.close();
  const sealMs = rows.map((r) => r.sealMs);
  const totalBytes = rows.reduce((a, r) => a + r.size, 0);

  console.log(`uploading ${N} packets (${(totalBytes / 1e6).toFixed(1)} MB) at 1 Mbit/s…`);
  let last: SyncStatus | null = null;
  station.on('sync.progress', (s) => (last = s));
  const t0 = performance.now();
  station.startSync();
  const tick = setInterval(() => {
    const s = last as SyncStatus | null;
    if (s)
      console.log(
        `  ${((performance.now() - t0) / 1000).toFixed(0)} s: pending ${s.pendingPackets}, sent ${(s.sentBytes / 1e6).toFixed(2)} MB, ETA ${s.etaSeconds ?? '?'} s`,
      );
  }, 15_000);
  await until(
    async () => {
      const s = await station.call('sync.status', {});
      return s.ok && (s.value as SyncStatus).pendingPackets === 0;
    },
    60 * 60_000,
    'the outbox to empty',
  );
  const elapsed = (performance.now() - t0) / 1000;
  clearInterval(tick);
  station.close();

  const stored = central.packets();
  const received = new Set(stored.map((p: { packetId: string }) => p.packetId));
  const goodput = (totalBytes * 8) / (elapsed * LINK_BPS);
  const stats = proxy.stats();
  console.log('');
  console.log(`packets at the centre:      ${received.size} / ${N}`);
  console.log(`elapsed:                    ${elapsed.toFixed(1)} s`);
  console.log(
    `goodput ratio:              ${goodput.toFixed(3)} (target ≥ 0.85; wire bytes up ${(stats.upBytes / 1e6).toFixed(2)} MB for ${(totalBytes / 1e6).toFixed(2)} MB of packets)`,
  );
  console.log(
    `sealing latency:            p50 ${pct(sealMs, 50).toFixed(0)} ms, p95 ${pct(sealMs, 95).toFixed(0)} ms (target p95 ≤ 150 ms)`,
  );
  console.log(
    `finish call (with scrypt):  p50 ${pct(finishMs, 50).toFixed(0)} ms, p95 ${pct(finishMs, 95).toFixed(0)} ms`,
  );
  console.log(
    `average packet size:        ${(totalBytes / rows.length / 1024).toFixed(1)} KB (target ≤ 300 KB)`,
  );
} finally {
  await proxy.close();
  await central.close();
  cleanup();
  cleanCentral();
  rmSync(dataDir, { recursive: true, force: true });
}
