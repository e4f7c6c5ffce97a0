// Runs the list import in a worker thread with a time and heap limit, so a hostile or broken
// file (a zip bomb, a sheet built to make the parser crawl) costs a worker, never the main
// process: the station keeps answering every other call while a file is being read.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Locale } from '../../domain/i18n';
import type { ListInspection } from '../../api/contract-queue';
import { ListFormatError } from './list-rows';
import type { ParsedList } from './list-rows';
import type { ListWorkerJob, ListWorkerReply } from './list-import-worker';

export interface ListImporter {
  parse(bytes: Uint8Array, locale: Locale, sheet: string | null): Promise<ParsedList>;
  inspect(bytes: Uint8Array): Promise<ListInspection>;
}

export interface WorkerImportOptions {
  /** Wall-clock limit per file; the worker is ended when it is reached. */
  timeoutMs?: number;
  /** Heap limit of the worker (MiB). */
  maxHeapMb?: number;
  /** An idle worker is ended after this long. */
  idleMs?: number;
}

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Source tree (tests, browser host under tsx): the .ts entry through tsx's loader. Built app:
 * out/main/list-import-worker.js (electron.vite.config.ts), next to or above this chunk.
 */
function spawn(maxHeapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxHeapMb };
  const source = join(here, 'list-import-worker.ts');
  if (existsSync(source)) {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href;
    const entry = pathToFileURL(source).href;
    const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); })`;
    return new Worker(code, { eval: true, resourceLimits });
  }
  for (const dir of [here, dirname(here)]) {
    const built = join(dir, 'list-import-worker.js');
    if (existsSync(built)) return new Worker(built, { resourceLimits });
  }
  throw new Error('list import worker not found');
}

/**
 * One worker, reused for the next file (the screen inspects a file, then imports it) and ended
 * after a minute idle; files are read one at a time. A file that runs out of time or heap ends
 * the worker; the next file gets a new one.
 */
export function workerListImporter(opts: WorkerImportOptions = {}): ListImporter {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const idleMs = opts.idleMs ?? 60_000;
  let worker: Worker | null = null;
  let idleTimer: NodeJS.Timeout | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  let nextId = 1;

  const drop = (w: Worker) => {
    if (worker === w) worker = null;
    void w.terminate();
  };

  function runOne<T>(job: Omit<ListWorkerJob, 'id'>): Promise<T> {
    clearTimeout(idleTimer);
    const w = (worker ??= spawn(opts.maxHeapMb ?? 512));
    w.unref();
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      const settle = (fn: () => void, keep: boolean) => {
        w.off('message', onMessage);
        w.off('error', onError);
        w.off('exit', onExit);
        clearTimeout(timer);
        if (!keep) drop(w);
        else {
          idleTimer = setTimeout(() => drop(w), idleMs);
          idleTimer.unref();
        }
        fn();
      };
      const onMessage = (reply: ListWorkerReply) => {
        if (reply.id !== id) return;
        settle(() => {
          if (reply.ok) resolve(reply.result as T);
          else if (reply.internal) reject(new Error(`list import worker: ${reply.message}`));
          else reject(new ListFormatError(reply.message, reply.forOperator));
        }, true);
      };
      // Out of heap (ERR_WORKER_OUT_OF_MEMORY) is a file too large to read.
      const onError = (err: Error & { code?: string }) =>
        settle(
          () =>
            reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ListFormatError('tooBig') : err),
          false,
        );
      const onExit = (code: number) =>
        settle(() => reject(new Error(`list import worker exited (${code})`)), false);
      const timer = setTimeout(
        () => settle(() => reject(new ListFormatError('timeout')), false),
        timeoutMs,
      );
      w.on('message', onMessage);
      w.on('error', onError);
      w.on('exit', onExit);
      w.postMessage({ id, ...job });
    });
  }

  const run = <T>(job: Omit<ListWorkerJob, 'id'>): Promise<T> => {
    const p = queue.then(() => runOne<T>(job));
    queue = p.catch(() => undefined);
    return p;
  };

  return {
    parse: (bytes, locale, sheet) => run({ op: 'parse', bytes, locale, sheet }),
    inspect: (bytes) => run({ op: 'inspect', bytes, locale: 'id', sheet: null }),
  };
}
