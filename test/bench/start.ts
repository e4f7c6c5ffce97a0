/**
 * Start-up benchmark: from spawning the browser host (the built bundle, as `npm run
 * start:browser` runs it) to its login page served, median of 5 cold processes on a fresh data
 * folder. Target ≤ 1.5 s. Builds first when out/ is missing.
 *
 *   npx tsx test/bench/start.ts
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers/station';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = path.join(repo, 'out/main/browser-host.js');
const RUNS = Number(process.env.BENCH_START_RUNS ?? 5);
const TARGET_MS = 1500;

if (!existsSync(entry)) {
  const r = spawnSync(
    process.execPath,
    [path.join(repo, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: repo,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}

async function once(): Promise<number> {
  const { dir, cleanup } = tempDir('rekam-bench-start-');
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    [entry, '--no-open', '--data-dir', dir, '--fingerprint', 'none', '--signature', 'none'],
    { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        const m = /REKAM_URL=(\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`browser host exited (${code})`)));
    });
    const res = await fetch(url);
    const html = await res.text();
    if (!res.ok || !html.includes('<')) throw new Error(`login page: HTTP ${res.status}`);
    return performance.now() - t0;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    cleanup();
  }
}

/** A bare `node -e 0` from spawn to exit: the floor of this machine at this moment. */
async function bareNode(): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((r) => child.once('exit', r));
  return performance.now() - t0;
}

const xs: number[] = [];
const bare: number[] = [];
for (let i = 0; i < RUNS; i++) {
  bare.push(await bareNode());
  xs.push(await once());
}
const bareMedian = [...bare].sort((a, b) => a - b)[Math.floor(bare.length / 2)]!;
const sorted = [...xs].sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)]!;
console.log(`runs (ms): ${xs.map((x) => x.toFixed(0)).join(', ')}`);
console.log(
  `target: login page served ≤ ${TARGET_MS} ms → ${median <= TARGET_MS ? 'MET' : 'NOT MET'}`,
);
// On a loaded machine both grow alike: the ratio tells what the start costs beyond Node itself.
console.log(`bare node start (ms): ${bare.map((x) => x.toFixed(0)).join(', ')}`);
console.log(
  `start: login-page-ms=${median.toFixed(0)} bare-node-ms=${bareMedian.toFixed(0)} ratio=${(median / bareMedian).toFixed(1)}`,
);
