/* eslint-disable @typescript-eslint/no-explicit-any -- replies and frames are parsed from the wire and probed loosely */
import { request } from 'node:http';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserHost } from '../helpers/browser-host';
import type { RunningHost } from '../helpers/browser-host';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http rather than fetch: the tests must forge Host, Origin and raw paths. */
function raw(
  host: RunningHost,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<RawResponse> {
  const u = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: opts.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

function api(
  host: RunningHost,
  method: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse & { json: any }> {
  return raw(host, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'content-type': 'application/json', 'x-rekam-secret': host.secret, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  }).then((r) => ({ ...r, json: safeJson(r.body) }));
}

function safeJson(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function someKecamatan(host: RunningHost): Promise<string> {
  let parent = '';
  for (let depth = 0; depth < 3; depth++) {
    const r = await api(host, 'regions.children', { parent });
    expect(r.json.ok).toBe(true);
    parent = r.json.value[0].code;
  }
  return parent;
}

const setupInput = (kecamatanCode: string) => ({
  stationName: 'Meja Uji 1',
  kecamatanCode,
  supervisor: { username: 'spv.uji', fullName: 'Supervisor Uji', password: 'kata-sandi-uji-42' },
});

describe('browser host over HTTP', () => {
  let host: RunningHost;
  let rendererRoot: string;

  beforeAll(async () => {
    // A renderer dir with a secret file beside it, to prove traversal cannot reach it.
    rendererRoot = mkdtempSync(path.join(tmpdir(), 'rekam-renderer-'));
    const dir = path.join(rendererRoot, 'renderer');
    mkdirSync(path.join(dir, 'assets'), { recursive: true });
    writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Rekam</title>');
    writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(path.join(rendererRoot, 'package.json'), '{"secret":"outside"}');
    host = await startBrowserHost({ extraArgs: ['--renderer-dir', dir] });
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('prints a URL on 127.0.0.1 with a strong secret', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses calls without the secret, and nothing reaches the store', async () => {
    const kec = await someKecamatan(host);
    const r = await api(host, 'setup.create', setupInput(kec), { 'x-rekam-secret': '' });
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(r.json.error.message).toMatch(/\S/);
    const noHeader = await raw(host, {
      method: 'POST',
      path: '/api/setup.create',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(setupInput(kec)),
    });
    expect(noHeader.status).toBe(401);
    const info = await api(host, 'app.info', {});
    expect(info.json).toMatchObject({ ok: true, value: { setupDone: false, host: 'browser' } });
  });

  it('refuses a wrong secret, including one of the right length', async () => {
    const wrong = host.secret.slice(0, -1) + (host.secret.endsWith('A') ? 'B' : 'A');
    for (const s of [wrong, 'x', host.secret + 'x']) {
      const r = await api(host, 'app.info', {}, { 'x-rekam-secret': s });
      expect(r.status).toBe(401);
      expect(r.json.error.code).toBe('UNAUTHENTICATED');
    }
  });

  it('answers in English when the browser asks for it', async () => {
    const r = await api(
      host,
      'app.info',
      {},
      { 'x-rekam-secret': 'no', 'accept-language': 'en-US' },
    );
    expect(r.json.error.message).toMatch(/not authorised/);
  });

  it('rejects a foreign Host header (DNS rebinding) with 403', async () => {
    for (const h of ['evil.example', `evil.example:${new URL(host.origin).port}`, '127.0.0.1:1']) {
      const r = await api(host, 'app.info', {}, { host: h });
      expect(r.status).toBe(403);
      expect(r.json.error.code).toBe('FORBIDDEN');
      const page = await raw(host, { path: '/', headers: { host: h } });
      expect(page.status).toBe(403);
    }
    const port = new URL(host.origin).port;
    const viaLocalhost = await api(host, 'app.info', {}, { host: `localhost:${port}` });
    expect(viaLocalhost.status).toBe(200);
  });

  it('rejects a foreign Origin with 403 and sends no CORS headers', async () => {
    const r = await api(host, 'app.info', {}, { origin: 'http://evil.example' });
    expect(r.status).toBe(403);
    expect(r.json.error.code).toBe('FORBIDDEN');
    const pre = await raw(host, {
      method: 'OPTIONS',
      path: '/api/app.info',
      headers: {
        origin: 'http://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'x-rekam-secret,content-type',
      },
    });
    expect(pre.status).toBeGreaterThanOrEqual(400);
    const same = await api(host, 'app.info', {}, { origin: host.origin });
    expect(same.status).toBe(200);
    for (const res of [r, pre, same]) {
      expect(Object.keys(res.headers).filter((k) => k.startsWith('access-control-'))).toEqual([]);
    }
  });

  it('rejects malformed JSON with 400', async () => {
    for (const body of ['{', '', 'nope', '{"a":1}}']) {
      const r = await api(host, 'app.info', body);
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('BAD_REQUEST');
    }
  });

  it('rejects a non-JSON content type with 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const r = await api(host, 'app.info', '{}', { 'content-type': type });
      expect(r.status).toBe(415);
      expect(r.json.error.code).toBe('BAD_REQUEST');
    }
    const missing = await raw(host, {
      method: 'POST',
      path: '/api/app.info',
      headers: { 'x-rekam-secret': host.secret },
      body: '{}',
    });
    expect(missing.status).toBe(415);
  });

  it('rejects a body over 1 MB with 413, whether declared or streamed', async () => {
    const big = JSON.stringify({ password: 'x'.repeat(1024 * 1024) });
    const r = await api(host, 'auth.unlock', big);
    expect(r.status).toBe(413);
    expect(r.json.error.code).toBe('BAD_REQUEST');
    const chunked = await new Promise<number>((resolve, reject) => {
      const u = new URL(host.origin);
      const req = request(
        {
          host: u.hostname,
          port: u.port,
          method: 'POST',
          path: '/api/auth.unlock',
          headers: { 'content-type': 'application/json', 'x-rekam-secret': host.secret },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      // No Content-Length: the limit must hold on the stream itself.
      for (let i = 0; i < 20; i++) req.write('x'.repeat(64 * 1024));
      req.end();
    });
    expect(chunked).toBe(413);
    // The host is still fine afterwards.
    expect((await api(host, 'app.info', {})).status).toBe(200);
  });

  it('answers an unknown method with UNKNOWN_METHOD', async () => {
    for (const m of ['nope', 'app.info.x', '__proto__', 'constructor', 'toString']) {
      const r = await api(host, m, {});
      expect(r.json.ok).toBe(false);
      expect(r.json.error.code).toBe('UNKNOWN_METHOD');
    }
    const get = await raw(host, {
      path: '/api/app.info',
      headers: { 'x-rekam-secret': host.secret },
    });
    expect(get.status).toBe(405);
    expect(safeJson(get.body).error.code).toBe('BAD_REQUEST');
  });

  it('answers schema-invalid payloads with BAD_REQUEST', async () => {
    const kec = await someKecamatan(host);
    const bad: unknown[] = [
      null,
      [],
      42,
      '"text"', // a JSON string
      { ...setupInput(kec), extra: 1 },
      { ...setupInput(kec), stationName: 7 },
      { ...setupInput(kec), supervisor: null },
      { ...setupInput(kec), supervisor: { ...setupInput(kec).supervisor, role: 'admin' } },
    ];
    for (const body of bad) {
      const r = await api(host, 'setup.create', body);
      expect(r.status).toBe(200);
      expect(r.json.ok).toBe(false);
      expect(r.json.error.code).toBe('BAD_REQUEST');
    }
    const info = await api(host, 'app.info', {});
    expect(info.json.value.setupDone).toBe(false);
  });

  it('serves index.html at / with the CSP and security headers', async () => {
    const r = await raw(host, { path: '/' });
    expect(r.status).toBe(200);
    expect(r.body).toContain('<title>Rekam</title>');
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['cache-control']).toBe('no-store');
    const csp = String(r.headers['content-security-policy']);
    const port = new URL(host.origin).port;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(String(r.headers['permissions-policy'])).toContain('camera=(self)');
    const js = await raw(host, { path: '/assets/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('does not let paths escape the renderer dir', async () => {
    for (const p of [
      '/../package.json',
      '/assets/../../package.json',
      '/%2e%2e/package.json',
      '/..%2fpackage.json',
      '/assets/..%2f..%2fpackage.json',
      '/..%5cpackage.json',
      '/index.html%00.js',
      '/assets/',
      '/missing.js',
    ]) {
      const r = await raw(host, { path: p });
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('outside');
    }
  });
});

describe('browser host events over WebSocket', () => {
  let host: RunningHost;
  beforeAll(async () => {
    host = await startBrowserHost();
  });
  afterAll(async () => {
    await host?.stop();
  });

  const wsUrl = () => host.origin.replace('http', 'ws') + '/events';
  const closeCode = (ws: WebSocket) =>
    new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));

  it('closes a client that never says hello (4401 after 5 s)', async () => {
    const ws = new WebSocket(wsUrl(), { origin: host.origin });
    const started = Date.now();
    expect(await closeCode(ws)).toBe(4401);
    expect(Date.now() - started).toBeGreaterThan(4000);
  });

  it('closes a client whose hello carries the wrong secret', async () => {
    const ws = new WebSocket(wsUrl(), { origin: host.origin });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', secret: 'wrong' })));
    expect(await closeCode(ws)).toBe(4401);
  });

  it('refuses the upgrade from a foreign origin', async () => {
    const ws = new WebSocket(wsUrl(), { origin: 'http://evil.example' });
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => resolve(-1));
    });
    expect(status === 403 || status === -1).toBe(true);
  });

  it('forwards session.changed after setup and login', async () => {
    const ws = new WebSocket(wsUrl(), { origin: host.origin });
    const messages: any[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(d.toString())));
    await new Promise<void>((resolve) => ws.on('open', () => resolve()));
    ws.send(JSON.stringify({ type: 'hello', secret: host.secret }));
    await waitFor(() => messages.some((m) => m.type === 'ready'));

    const kec = await someKecamatan(host);
    const setup = await api(host, 'setup.create', setupInput(kec));
    expect(setup.json.ok).toBe(true);
    await waitFor(() => messages.some((m) => m.type === 'event' && m.event === 'session.changed'));
    const ev = messages.find((m) => m.event === 'session.changed');
    expect(ev.payload.user.username).toBe('spv.uji');

    messages.length = 0;
    expect((await api(host, 'auth.logout', {})).json.ok).toBe(true);
    await waitFor(() => messages.some((m) => m.event === 'session.changed' && m.payload === null));
    const login = await api(host, 'auth.login', {
      username: 'spv.uji',
      password: 'kata-sandi-uji-42',
    });
    expect(login.json.ok).toBe(true);
    await waitFor(() => messages.some((m) => m.event === 'session.changed' && m.payload?.user));
    ws.close();
  });

  it('shuts down cleanly on SIGTERM', async () => {
    const exit = new Promise<number | null>((resolve) =>
      host.child.once('exit', (c) => resolve(c)),
    );
    host.child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});

describe('browser host without a built renderer', () => {
  it('serves a page that says how to build', async () => {
    const host = await startBrowserHost({
      extraArgs: ['--renderer-dir', path.join(tmpdir(), 'rekam-no-such-renderer-dir')],
    });
    try {
      const r = await raw(host, { path: '/' });
      expect(r.status).toBe(503);
      expect(r.body).toContain('npm run build');
      expect(r.body).toContain('npm run start:browser');
    } finally {
      await host.stop();
    }
  });
});

async function waitFor(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
