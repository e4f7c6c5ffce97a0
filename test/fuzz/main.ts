// `npm run fuzz [-- --cases N] [-- --only name]`: every target with many cases, one line each.
// Each target runs in its own child process with a capped heap and a watchdog, so a case that
// loops forever (synchronously, where no timer can interrupt it) or eats the heap fails that
// target with a clear line instead of freezing or killing the whole run.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { formatFuzzResult, runFuzzTarget } from './harness';
import type { FuzzResult } from './harness';
import { loadFuzzTargets } from './targets';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const cases = Number(arg('cases') ?? process.env.FUZZ_CASES ?? 100_000);
/** No progress report for this long means a case hangs (the machine may be shared and busy). */
const STALL_MS = Number(process.env.FUZZ_STALL_MS ?? 120_000);
/** Loading a target (TypeScript, its fixtures) is not a case: it gets its own, longer bound. */
const LOAD_MS = 300_000;
/** Old-space cap of each target's process (the per-target heap bound is checked inside too). */
const HEAP_MIB = 1024;

type ChildMessage = { ready: true } | { progress: number } | { result: FuzzResult };

if (arg('child') !== undefined) {
  const [target] = (await loadFuzzTargets(arg('child'))).filter((t) => t.name === arg('child'));
  if (!target) process.exit(2);
  const send = (m: ChildMessage) => process.send?.(m);
  send({ ready: true });
  const result = await runFuzzTarget(target, cases, undefined, {
    onProgress: (progress) => send({ progress }),
  });
  send({ result });
  process.disconnect?.();
} else {
  const targets = await loadFuzzTargets(arg('only'));
  if (targets.length === 0) {
    console.error('fuzz: no targets found in test/fuzz/targets');
    process.exit(2);
  }
  let failed = 0;
  for (const t of targets) {
    const r = await runInChild(t.name);
    console.log(formatFuzzResult(r));
    if (r.failures > 0) failed += 1;
  }
  console.log(`fuzz: targets=${targets.length} failed=${failed}`);
  process.exit(failed === 0 ? 0 : 1);
}

function runInChild(name: string): Promise<FuzzResult> {
  return new Promise((resolve) => {
    const child = fork(
      fileURLToPath(import.meta.url),
      ['--child', name, '--cases', String(cases)],
      {
        execArgv: [...process.execArgv, `--max-old-space-size=${HEAP_MIB}`, '--expose-gc'],
      },
    );
    let done = 0;
    let result: FuzzResult | null = null;
    let why: string | null = null;
    let ready = false;
    let watchdog = setTimeout(stall, LOAD_MS);
    function stall() {
      why = ready
        ? `hang: no progress for ${STALL_MS / 1000} s after ${done} cases`
        : `target did not load in ${LOAD_MS / 1000} s`;
      child.kill('SIGKILL');
    }
    child.on('message', (m: ChildMessage) => {
      if ('ready' in m) ready = true;
      else if ('progress' in m) done = m.progress;
      else result = m.result;
      clearTimeout(watchdog);
      watchdog = setTimeout(stall, STALL_MS);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      if (result) return resolve(result);
      resolve({
        name,
        cases: done,
        failures: 1,
        maxMs: 0,
        heapGrowthMiB: 0,
        counterexample:
          why ??
          `process ended (${signal ?? `exit ${code}`}) after ${done} cases — ` +
            `out of memory (heap cap ${HEAP_MIB} MiB) or a crash`,
      });
    });
  });
}
