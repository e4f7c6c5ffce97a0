// A real pseudo-terminal pair via socat: the simulated scanner sits on one end and the station's
// real driver + serial transport on the other, so "simulated" still exercises the kernel tty
// layer exactly as a USB-serial module would. `unplug()` kills socat (both ends hang up, as when
// a USB adapter is yanked); `replug()` starts a new socat on the same link names.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface PtyPair {
  /** Host side (what the driver opens). */
  a: string;
  /** Device side (what the simulator opens). */
  b: string;
  dir: string;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  close(): Promise<void>;
}

export const SOCAT_PATH = '/usr/bin/socat';

/** Pty pairs need Linux (or another Unix) with socat installed. */
export function ptyPairsAvailable(platform: NodeJS.Platform = process.platform): boolean {
  return platform !== 'win32' && existsSync(SOCAT_PATH);
}

async function start(a: string, b: string, timeoutMs: number): Promise<ChildProcess> {
  const child = spawn(
    SOCAT_PATH,
    ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    // Only the start-up lines matter; do not keep growing the buffer for a long-lived pair.
    if (log.length < 8192) log += d.toString();
  });
  const deadline = Date.now() + timeoutMs;
  // socat logs "starting data transfer loop" once both ptys exist and the links are made.
  while (!(log.includes('starting data transfer loop') && existsSync(a) && existsSync(b))) {
    if (child.exitCode !== null) throw new Error(`socat exited: ${log}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`socat did not start in ${timeoutMs} ms: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  return child;
}

function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function openPtyPair(opts: { timeoutMs?: number } = {}): Promise<PtyPair> {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const dir = mkdtempSync(path.join(tmpdir(), 'rekam-pty-'));
  const a = path.join(dir, 'host');
  const b = path.join(dir, 'device');
  let child: ChildProcess | undefined;
  try {
    child = await start(a, b, timeoutMs);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    a,
    b,
    dir,
    async unplug() {
      await stop(child);
      child = undefined;
      // socat removes its links on a clean exit; make sure, so replug waits for fresh ones.
      rmSync(a, { force: true });
      rmSync(b, { force: true });
    },
    async replug() {
      await stop(child);
      child = await start(a, b, timeoutMs);
    },
    async close() {
      await stop(child);
      child = undefined;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
