// Worker-thread entry of the list import: parses the files it is sent, one at a time, and posts
// each result. A hostile file can only cost this thread, which the station ends when its time is
// up (list-import-run.ts).
import { parentPort } from 'node:worker_threads';
import type { Locale } from '../../domain/i18n';
import { inspectListFile, parseListFile } from './list-import';
import { ListFormatError } from './list-rows';

export interface ListWorkerJob {
  id: number;
  op: 'parse' | 'inspect';
  bytes: Uint8Array;
  locale: Locale;
  sheet: string | null;
}

export type ListWorkerReply = { id: number } & (
  | { ok: true; result: unknown }
  | { ok: false; message: string; forOperator: boolean; internal: boolean }
);

async function handle(job: ListWorkerJob): Promise<ListWorkerReply> {
  const { id } = job;
  try {
    const result =
      job.op === 'inspect'
        ? await inspectListFile(job.bytes)
        : await parseListFile(job.bytes, job.locale, job.sheet);
    return { id, ok: true, result };
  } catch (err) {
    if (err instanceof ListFormatError) {
      return { id, ok: false, message: err.message, forOperator: err.forOperator, internal: false };
    }
    const message = (err as Error)?.name ?? 'error';
    return { id, ok: false, message, forOperator: false, internal: true };
  }
}

parentPort!.on('message', (job: ListWorkerJob) => {
  void handle(job).then((reply) => parentPort!.postMessage(reply));
});
