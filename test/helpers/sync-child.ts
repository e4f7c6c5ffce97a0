/**
 * A station in its own process, for crash tests: opens the data dir, signs the operator in,
 * seals every draft (printing `SEALED n` after each) and syncs until the outbox is empty
 * (printing `PROGRESS sentBytes pending`), then prints `DONE` and exits. The parent kills it
 * with SIGKILL at chosen moments and runs it again to prove recovery.
 *
 *   node --import tsx test/helpers/sync-child.ts <dataDir> <operator> <password>
 */
import { openTestStation } from './station';
import type { RecordingSummary, SyncStatus } from '../../src-main/api/contract';
import { FAST_SYNC } from './sync-station';

const [dataDir, username, password] = process.argv.slice(2);
if (!dataDir || !username || !password) {
  console.error('usage: sync-child <dataDir> <operator> <password>');
  process.exit(2);
}

// The crash campaign runs retention every few hundred ms, so kills also land mid-purge.
const housekeepingMs = Number(process.env.SYNC_CHILD_HOUSEKEEPING_MS ?? '0');
const station = openTestStation(dataDir, {
  sync: { ...FAST_SYNC, ...(housekeepingMs > 0 ? { housekeepingMs } : {}) },
  faceDetector: null,
});
const login = await station.call('auth.login', { username, password });
if (!login.ok) throw new Error(`login failed: ${login.error.code}`);

station.on('sync.progress', (s: SyncStatus) => {
  console.log(`PROGRESS ${s.sentBytes} ${s.pendingPackets} ${s.state}`);
});
station.startSync();

const today = await station.call('recordings.today', {});
if (!today.ok) throw new Error('today failed');
let sealed = 0;
for (const r of today.value as RecordingSummary[]) {
  if (r.status !== 'draft') continue;
  const f = await station.call('recordings.finish', { id: r.id, password });
  if (!f.ok) throw new Error(`finish failed: ${f.error.code} ${f.error.message}`);
  sealed++;
  console.log(`SEALED ${sealed}`);
}

// Keeps the process alive (the runner's own timers are unref'd on purpose).
const keepAlive = setInterval(() => {
  const s = station.call('sync.status', {});
  void s.then((r) => {
    if (r.ok && (r.value as SyncStatus).pendingPackets === 0) {
      clearInterval(keepAlive);
      station.close();
      console.log('DONE');
      process.exit(0);
    }
  });
}, 100);
