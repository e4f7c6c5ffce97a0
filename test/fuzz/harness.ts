// The fuzz suite's one shape: every parser the station exposes to the outside world (bytes from
// devices, files people bring, replies from the centre, bundles at the reference central) has a
// target in test/fuzz/targets/<name>.fuzz.ts that default-exports a FuzzTarget. `npm run fuzz`
// runs each with many cases; `npm test` runs the same properties with few (test/fuzz/fuzz.test.ts).
import * as fc from 'fast-check';

export interface FuzzTarget<T> {
  /** Short name printed as `fuzz <name>: …`. */
  name: string;
  /** Inputs, biased towards almost-valid ones so the parser gets past its first check. */
  arbitrary: fc.Arbitrary<T>;
  /** Feeds one input to the code under test; must return or throw an expected error. */
  run(input: T): void | Promise<void>;
  /** True for the typed error the parser is documented to throw on bad input. */
  isExpectedError(error: unknown): boolean;
  /**
   * Per-case bound in ms of CPU time (default 200): a case slower than this twice in a row is a
   * failure (a hang); an async case that has not settled at 10× the bound (wall time) fails too.
   */
  maxMsPerCase?: number;
  /** Heap growth bound in MiB over the whole run (default 64). */
  maxHeapGrowthMiB?: number;
}

export interface FuzzResult {
  name: string;
  cases: number;
  failures: number;
  maxMs: number;
  heapGrowthMiB: number;
  counterexample?: string;
}

export function defineFuzzTarget<T>(target: FuzzTarget<T>): FuzzTarget<T> {
  return target;
}

export interface FuzzRunOptions {
  /** Called every `progressEvery` cases (the runner's watchdog listens: no call means a hang). */
  onProgress?: (casesDone: number) => void;
  progressEvery?: number;
}

class CaseTimeout extends Error {}

/** An async case that never settles fails at 10× its bound instead of stalling the run. */
async function withTimeout(work: void | Promise<void>, ms: number): Promise<void> {
  if (!(work instanceof Promise)) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CaseTimeout(`case did not finish in ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Runs one target for `cases` inputs. Fails a case when `run` throws anything but the expected
 * error or takes longer than the per-case bound; fails the target when the heap grew past its
 * bound. Never throws itself: the result says what happened.
 */
export async function runFuzzTarget<T>(
  target: FuzzTarget<T>,
  cases: number,
  seed?: number,
  opts: FuzzRunOptions = {},
): Promise<FuzzResult> {
  const bound = target.maxMsPerCase ?? 200;
  const every = opts.progressEvery ?? 200;
  let done = 0;
  let maxMs = 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let failures = 0;
  let counterexample: string | undefined;
  // CPU time, not wall time: on a shared machine a starved process is slow without hanging,
  // while a case that loops burns CPU. (An async case that never settles is caught above.)
  const runOnce = async (input: T): Promise<number> => {
    const started = process.cpuUsage();
    try {
      await withTimeout(target.run(input), bound * 10);
    } catch (error) {
      if (error instanceof CaseTimeout || !target.isExpectedError(error)) throw error;
    }
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000;
  };
  const property = fc.asyncProperty(target.arbitrary, async (input) => {
    let ms = await runOnce(input);
    // A slow case is run again before it counts as a hang (a GC pause or JIT warm-up can
    // stretch one run; a real hang is slow every time).
    if (ms > bound) ms = Math.min(ms, await runOnce(input));
    done += 1;
    if (opts.onProgress && done % every === 0) opts.onProgress(done);
    if (ms > maxMs) maxMs = ms;
    if (ms > bound)
      throw new Error(`case took ${ms.toFixed(1)} ms of CPU twice (bound ${bound} ms)`);
  });
  const details = await fc.check(property, {
    numRuns: cases,
    ...(seed === undefined ? {} : { seed }),
    endOnFailure: true,
  });
  if (details.failed) {
    failures = 1;
    const error = details.errorInstance;
    counterexample =
      `${error instanceof Error ? error.message : String(error)} ` +
      `(seed ${details.seed}, path ${details.counterexamplePath ?? '-'})`;
  }
  gc?.();
  const heapGrowthMiB = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  if (heapGrowthMiB > (target.maxHeapGrowthMiB ?? 64)) {
    failures += 1;
    counterexample ??= `heap grew ${heapGrowthMiB.toFixed(1)} MiB`;
  }
  return {
    name: target.name,
    cases: details.numRuns,
    failures,
    maxMs,
    heapGrowthMiB,
    ...(counterexample === undefined ? {} : { counterexample }),
  };
}

export function formatFuzzResult(r: FuzzResult): string {
  const line = `fuzz ${r.name}: cases=${r.cases} failures=${r.failures} max-ms=${r.maxMs.toFixed(1)}`;
  return r.counterexample ? `${line}\n  ${r.counterexample}` : line;
}
