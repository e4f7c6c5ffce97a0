// The printer side of ESC/POS over a real byte transport (the device end of a pty pair): it
// decodes what arrives, answers real-time status requests like a TM-T20 clone, and keeps each
// job (ended by a cut) for tests and the technician screen.
import type { ByteTransport } from '../transport/byte-transport';
import { STATUS_OFFLINE, STATUS_OK, STATUS_PAPER_END, decode } from './escpos';
import type { EscPosCommand } from './escpos';

export interface SimulatedPrinter {
  /** Every byte received, in order (status requests included). */
  readonly received: () => Uint8Array;
  /** Finished jobs (ended by a cut), as commands. */
  readonly jobs: EscPosCommand[][];
  /** Resolves with the next finished job. */
  nextJob(timeoutMs?: number): Promise<EscPosCommand[]>;
  setPaper(present: boolean): void;
  setOnline(online: boolean): void;
  /** A dead printer: receives but never answers. */
  setMute(mute: boolean): void;
  detach(): void;
}

export function attachSimulatedPrinter(t: ByteTransport): SimulatedPrinter {
  const chunks: Uint8Array[] = [];
  let pending: Uint8Array = new Uint8Array(0);
  let current: EscPosCommand[] = [];
  const jobs: EscPosCommand[][] = [];
  const waiters: ((j: EscPosCommand[]) => void)[] = [];
  let paper = true;
  let online = true;
  let mute = false;

  const onData = (b: Uint8Array) => {
    chunks.push(Uint8Array.from(b));
    const joined = new Uint8Array(pending.length + b.length);
    joined.set(pending);
    joined.set(b, pending.length);
    const { commands, rest } = decode(joined);
    pending = rest;
    for (const c of commands) {
      if (c.kind === 'status') {
        if (mute) continue;
        const byte = !online ? STATUS_OFFLINE : c.n === 4 && !paper ? STATUS_PAPER_END : STATUS_OK;
        void t.write(Uint8Array.of(byte)).catch(() => undefined);
        continue;
      }
      current.push(c);
      if (c.kind === 'cut') {
        jobs.push(current);
        waiters.shift()?.(current);
        current = [];
      }
    }
  };
  t.on('data', onData);

  return {
    received: () => {
      const total = chunks.reduce((n, c) => n + c.length, 0);
      const out = new Uint8Array(total);
      let o = 0;
      for (const c of chunks) {
        out.set(c, o);
        o += c.length;
      }
      return out;
    },
    jobs,
    nextJob(timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no print job')), timeoutMs);
        waiters.push((j) => {
          clearTimeout(timer);
          resolve(j);
        });
      });
    },
    setPaper: (p) => void (paper = p),
    setOnline: (o) => void (online = o),
    setMute: (m) => void (mute = m),
    detach: () => void t.off('data', onData),
  };
}
