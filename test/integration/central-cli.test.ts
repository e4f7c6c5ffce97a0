import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  generateStationKeys,
  keyFingerprint,
  parseCentralKeyBundle,
} from '../../src-main/packets/index';
import { createCentralClient } from '../../src-main/sync/central-http';

/** `npm run central` as a process: what a demo or another test suite starts. */

const repo = path.resolve(import.meta.dirname, '../..');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function runCentral(
  dataDir: string,
  stationId: string,
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
      '--tls',
      '--token-for',
      stationId,
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
    const first = await runCentral(dir, 'SCLI');
    const {
      CENTRAL_URL: url,
      CENTRAL_TOKEN: token,
      CENTRAL_KEY_FINGERPRINT: fp,
      CENTRAL_TLS_PIN: pin,
    } = first.lines;
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(token).toMatch(/^RKM-/);
    expect(pin).toMatch(/^[0-9a-f]{64}$/);
    expect(first.output).toContain('BEGIN PUBLIC KEY');

    // The station's own pinned client: the printed pin is what makes the self-signed cert trusted.
    const client = createCentralClient({ url: url!, pin: pin! });
    cleanups.push(() => client.close());
    const key = JSON.parse((await client.request('/api/central-key')).body.toString()) as {
      publicKeyPem: string;
      keyBundle: string;
    };
    expect(keyFingerprint(key.publicKeyPem)).toBe(fp);
    expect(parseCentralKeyBundle(key.keyBundle).encryptionKeyPem).toBe(key.publicKeyPem);
    const station = generateStationKeys();
    const res = await client.request('/api/stations/register', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token, stationId: 'SCLI', publicKeyPem: station.publicKeyPem }),
    });
    expect(res.status).toBe(200);
    expect(await first.stop()).toBe(0);

    const second = await runCentral(dir, 'SCLI');
    expect(second.lines.CENTRAL_KEY_FINGERPRINT).toBe(fp);
    expect(second.lines.CENTRAL_TLS_PIN).toBe(pin);
    expect(second.lines.CENTRAL_TOKEN).not.toBe(token);
    const client2 = createCentralClient({ url: second.lines.CENTRAL_URL!, pin: pin! });
    cleanups.push(() => client2.close());
    const s = await client2.request('/api/stations/SCLI');
    expect((JSON.parse(s.body.toString()) as { registered: boolean }).registered).toBe(true);
    await second.stop();
  });
});
