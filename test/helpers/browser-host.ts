import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RunningHost {
  url: string;
  origin: string;
  secret: string;
  dataDir: string;
  child: ChildProcess;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const repo = path.resolve(import.meta.dirname, '../..');

export function freshDataDir(prefix = 'rekam-test-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

/**
 * Starts the real browser host as its own process (as `npm run start:browser` does) and
 * resolves once it prints its URL. The child's output is kept for error reports.
 */
export function startBrowserHost(
  opts: {
    dataDir?: string;
    extraArgs?: string[];
    env?: NodeJS.ProcessEnv;
    /** How long the start may take (default 30 s; tests starting many hosts allow more). */
    startTimeoutMs?: number;
  } = {},
): Promise<RunningHost> {
  const dataDir = opts.dataDir ?? freshDataDir();
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repo, 'src-main/hosts/browser/main.ts'),
      '--data-dir',
      dataDir,
      '--port',
      '0',
      '--no-open',
      '--test-fast-passwords',
      ...(opts.extraArgs ?? []),
    ],
    { cwd: repo, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const timeoutMs = opts.startTimeoutMs ?? 30_000;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`browser host did not start in ${timeoutMs / 1000} s:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /REKAM_URL=(\S+)/.exec(output);
      if (!m) return;
      clearTimeout(timer);
      const url = m[1]!;
      const u = new URL(url);
      const secret = new URLSearchParams(u.hash.slice(1)).get('k') ?? '';
      resolve({
        url,
        origin: u.origin,
        secret,
        dataDir,
        child,
        async stop(signal = 'SIGTERM') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser host exited (${code}) before starting:\n${output}`));
    });
  });
}
