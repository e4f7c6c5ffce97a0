// Prints one ESC/POS job on a serial receipt printer: asks the printer's real-time status
// (DLE EOT 1 and 4) first, so a printer that is off, offline or out of paper gives a clear
// message instead of a card silently lost in a dead buffer, then writes the job.
import type { ByteTransport } from '../transport/byte-transport';
import { STATUS_OK, encode, statusProblem } from './escpos';

export type PrintErrorCode = 'open-failed' | 'no-answer' | 'offline' | 'paper-end' | 'write-failed';

export class PrintError extends Error {
  constructor(
    readonly code: PrintErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface PrintOptions {
  open: () => Promise<ByteTransport>;
  /** How long to wait for a status byte (ms). */
  statusTimeoutMs?: number;
}

function readByte(t: ByteTransport, timeoutMs: number): Promise<number | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      t.off('data', onData);
      resolve(null);
    }, timeoutMs);
    const onData = (b: Uint8Array) => {
      if (b.length === 0) return;
      clearTimeout(timer);
      t.off('data', onData);
      resolve(b[b.length - 1]!);
    };
    t.on('data', onData);
  });
}

async function askStatus(t: ByteTransport, n: 1 | 4, timeoutMs: number): Promise<void> {
  const reply = readByte(t, timeoutMs);
  await t.write(encode([{ kind: 'status', n }]));
  const byte = await reply;
  if (byte === null) throw new PrintError('no-answer', 'printer did not answer the status request');
  const problem = statusProblem(n, byte);
  if (problem)
    throw new PrintError(problem, problem === 'paper-end' ? 'paper end' : 'printer offline');
}

/** Returns the number of job bytes written. */
export async function printJob(job: Uint8Array, opts: PrintOptions): Promise<number> {
  let t: ByteTransport;
  try {
    t = await opts.open();
  } catch (err) {
    throw new PrintError('open-failed', (err as Error).message);
  }
  try {
    const timeout = opts.statusTimeoutMs ?? 1500;
    await askStatus(t, 1, timeout);
    await askStatus(t, 4, timeout);
    try {
      await t.write(job);
    } catch (err) {
      throw new PrintError('write-failed', (err as Error).message);
    }
    return job.length;
  } finally {
    await t.close().catch(() => undefined);
  }
}

export { STATUS_OK };
