import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateStationKeys, keyFingerprint } from '../../src-main/packets/index';

/** `npm run central` as a process: what a demo or another test suite starts. */

const repo = path.resolve(import.meta.dirname, '../..');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function runCentral(
  dataDir: string,
): Promise<{ lines: Record<string, string>; output: string; stop: () => Promise<number | null> }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join(repo, 'test/central/main.ts'),
      '--port',
      '0',
      '--data-dir',
      dataDir,
    ],
    { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  cleanups.push(() => child.kill('SIGKILL'));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`central did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!/CENTRAL_ADMIN_SECRET_FILE=/.test(output)) return;
      clearTimeout(timer);
      const lines: Record<string, string> = {};
      for (const m of output.matchAll(/^(CENTRAL_[A-Z_0-9]+)=(.*)$/gm)) lines[m[1]!] = m[2]!;
      resolve({
        lines,
        output,
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  });
}

describe('npm run central', () => {
  it('prints URL, key fingerprint and a token that registers a station; keeps its key across restarts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rekam-central-cli-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const first = await runCentral(dir);
    const { CENTRAL_URL: url, CENTRAL_TOKEN: token, CENTRAL_KEY_FINGERPRINT: fp } = first.lines;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(token).toMatch(/^RKM-/);
    expect(first.output).toContain('BEGIN PUBLIC KEY');

    const key = (await (await fetch(`${url}/api/central-key`)).json()) as { publicKeyPem: string };
    expect(keyFingerprint(key.publicKeyPem)).toBe(fp);
    const station = generateStationKeys();
    const res = await fetch(`${url}/api/stations/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, stationId: 'SCLI', publicKeyPem: station.publicKeyPem }),
    });
    expect(res.status).toBe(200);
    expect(await first.stop()).toBe(0);

    const second = await runCentral(dir);
    expect(second.lines.CENTRAL_KEY_FINGERPRINT).toBe(fp);
    expect(second.lines.CENTRAL_TOKEN).not.toBe(token);
    const s = await fetch(`${second.lines.CENTRAL_URL}/api/stations/SCLI`);
    expect(((await s.json()) as { registered: boolean }).registered).toBe(true);
    await second.stop();
  });
});
