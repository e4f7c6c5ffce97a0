import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { DefaultHttpStack, Upload } from 'tus-js-client';
import {
  generateStationKeys,
  openPacket,
  sealPacket,
  stationRequestHeaders,
} from '../../src-main/packets/index';
import type { SealInput } from '../../src-main/packets/index';
import { sampleSealInput } from '../helpers/sample-packets';
import { startCentral } from '../central/index';
import type { CentralHandle } from '../central/index';

/** The reference central server over HTTPS (self-signed), with tus-js-client as the station uses it. */

const STATION = 'S01JZCENTRALTEST0000000000';
const station = generateStationKeys();
let central: CentralHandle;
let input: SealInput;

interface Outcome {
  ok: boolean;
  httpStatus: number | null;
  packetStatus: string | null;
  reason: string | null;
  url: string | null;
}

function upload(
  bytes: Buffer,
  meta: { packetId: string; stationId: string },
  opts: { retry?: boolean } = {},
): Promise<Outcome> {
  return new Promise((resolve) => {
    const u: Upload = new Upload(bytes, {
      endpoint: `${central.url}/files/`,
      httpStack: new DefaultHttpStack({ agent: new https.Agent({ ca: central.certPem! }) }),
      uploadSize: bytes.length,
      metadata: { ...meta, filename: `${meta.packetId}.rkmp` },
      retryDelays: opts.retry ? [0, 50, 100, 200] : null,
      storeFingerprintForResuming: false,
      onSuccess(payload) {
        const res = payload.lastResponse;
        resolve({
          ok: true,
          httpStatus: res.getStatus(),
          packetStatus: res.getHeader('rekam-packet-status') ?? null,
          reason: res.getHeader('rekam-packet-reason') ?? null,
          url: u.url,
        });
      },
      onError(err) {
        const res = (
          err as { originalResponse?: { getStatus(): number; getBody(): string } | null }
        ).originalResponse;
        let body: { status?: string; reason?: string } = {};
        try {
          body = JSON.parse(res?.getBody() ?? '{}') as typeof body;
        } catch {
          // a plain-text tus error
        }
        resolve({
          ok: false,
          httpStatus: res?.getStatus() ?? null,
          packetStatus: body.status ?? null,
          reason: body.reason ?? null,
          url: u.url,
        });
      },
    });
    u.start();
  });
}

/** The fields the centre's JSON answers carry that these tests look at. */
interface Body {
  ok?: boolean;
  publicKeyPem?: string;
  publicKeyBase64?: string;
  fingerprint?: string;
  error?: string;
  message?: string;
  centralKeyFingerprint?: string;
  registered?: boolean;
  token?: string;
  status?: string;
  reason?: string | null;
  packets?: { packetId: string }[];
}

async function getJson(
  path: string,
  init?: { method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: Body }> {
  // The centre answers a station only about its own packets, on requests signed by its key.
  const auth = path.startsWith('/api/packets')
    ? stationRequestHeaders('GET', path.split('?')[0]!, STATION, station.privateKeyPem)
    : {};
  const res = await central.fetch(path, { ...init, headers: { ...auth, ...init?.headers } });
  return { status: res.status, body: (await res.json()) as Body };
}

async function register(token: string, stationId = STATION, publicKeyPem = station.publicKeyPem) {
  return getJson('/api/stations/register', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token, stationId, publicKeyPem }),
  });
}

function seal(overrides: Partial<SealInput> = {}) {
  return sealPacket(
    { ...input, stationId: STATION, ...overrides },
    { stationPrivateKey: station.privateKeyPem, centralPublicKey: central.publicKeyPem },
  );
}

beforeAll(async () => {
  central = await startCentral({ tls: true });
  input = await sampleSealInput({ stationId: STATION });
});
afterAll(async () => {
  await central?.close();
});

describe('reference central server', () => {
  it('serves health and its key with a fingerprint', async () => {
    expect((await getJson('/api/health')).body.ok).toBe(true);
    const key = await getJson('/api/central-key');
    expect(key.body.publicKeyPem).toBe(central.publicKeyPem);
    expect(key.body.fingerprint).toBe(central.fingerprint);
    expect(Buffer.from(key.body.publicKeyBase64 ?? '', 'base64').length).toBe(32);
  });

  it('refuses an unregistered station before any byte is uploaded', async () => {
    const p = seal();
    const r = await upload(p.bytes, { packetId: p.packetId, stationId: STATION });
    expect(r.ok).toBe(false);
    expect(r.httpStatus).toBe(403);
    expect(r.reason).toBe('unknown-station');
    // An unregistered station cannot even ask (its requests are not signed by a known key).
    expect((await getJson(`/api/packets/${p.packetId}`)).status).toBe(401);
    expect(central.packet(p.packetId)).toMatchObject({
      status: 'rejected',
      reason: 'unknown-station',
    });
  });

  it('registers with a one-time token; bad, reused and wrong-type keys are refused', async () => {
    expect((await register('RKM-0000-0000-0000')).body.error).toBe('invalid-token');
    const token = central.issueToken(STATION);
    const bad = await register(token, STATION, 'bukan kunci');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('bad-key');
    expect(bad.body.message).toMatch(/kunci publik/i);
    const ok = await register(token);
    expect(ok.status).toBe(200);
    expect(ok.body.centralKeyFingerprint).toBe(central.fingerprint);
    // A retry after a lost answer succeeds; the token cannot serve another station or key.
    expect((await register(token)).status).toBe(200);
    const other = await register(token, 'SANOTHER', generateStationKeys().publicKeyPem);
    expect(other.body.error).toBe('wrong-station');
    const otherKey = await register(token, STATION, generateStationKeys().publicKeyPem);
    expect(otherKey.body.error).toBe('token-used');
    expect((await getJson(`/api/stations/${STATION}`)).body.registered).toBe(true);
  });

  it('admin token endpoint needs the secret', async () => {
    expect((await getJson('/api/admin/tokens', { method: 'POST' })).status).toBe(403);
    const auth = { Authorization: `Bearer ${central.adminSecret}` };
    const unbound = await getJson('/api/admin/tokens', { method: 'POST', headers: auth });
    expect(unbound.status).toBe(400);
    const r = await getJson('/api/admin/tokens', {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ stationId: 'SADMIN' }),
    });
    expect(r.body.token).toMatch(/^RKM-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  });

  it('receives and verifies a packet; the same packet again is a duplicate, counted once', async () => {
    const p = seal();
    const first = await upload(p.bytes, { packetId: p.packetId, stationId: STATION });
    expect(first).toMatchObject({ ok: true, httpStatus: 200, packetStatus: 'received' });
    const second = await upload(p.bytes, { packetId: p.packetId, stationId: STATION });
    expect(second).toMatchObject({ ok: true, packetStatus: 'duplicate' });

    const s = await getJson(`/api/packets/${p.packetId}`);
    expect(s.body).toMatchObject({
      status: 'received',
      reason: null,
      copies: 2,
      stationId: STATION,
    });
    expect(s.body).not.toHaveProperty('manifest');
    const mine = central.packets(STATION).filter((x) => x.packetId === p.packetId);
    expect(mine).toHaveLength(1);
    // No manifest in the clear at the centre: only the packet, encrypted to the centre's key.
    const blob = central.store.packetBlob(p.packetId)!;
    expect(blob.includes(Buffer.from(input.recordingId))).toBe(false);
    const { manifest } = openPacket(blob, {
      centralPrivateKey: readFileSync(join(central.dataDir, 'central-key.pem'), 'utf8'),
      stationPublicKey: () => station.publicKeyPem,
    });
    expect(manifest.recordingId).toBe(input.recordingId);
    const list = await getJson('/api/packets');
    expect(list.body.packets?.some((x) => x.packetId === p.packetId)).toBe(true);
    const uploads = central.uploads().filter((u) => u.packetId === p.packetId);
    expect(uploads.map((u) => u.status)).toEqual(['received', 'duplicate']);
  });

  it('a corrupted packet is rejected with its reason; a good copy later is received', async () => {
    const p = seal();
    const bad = Buffer.from(p.bytes);
    bad[bad.length - 100]! ^= 0x01;
    const r = await upload(bad, { packetId: p.packetId, stationId: STATION });
    expect(r).toMatchObject({ ok: true, packetStatus: 'rejected', reason: 'decrypt-failed' });
    expect((await getJson(`/api/packets/${p.packetId}`)).body).toMatchObject({
      status: 'rejected',
      reason: 'decrypt-failed',
    });
    const good = await upload(p.bytes, { packetId: p.packetId, stationId: STATION });
    expect(good.packetStatus).toBe('received');
    expect((await getJson(`/api/packets/${p.packetId}`)).body.status).toBe('received');
    // …and a corrupted copy after that does not undo it.
    await upload(bad, { packetId: p.packetId, stationId: STATION });
    expect((await getJson(`/api/packets/${p.packetId}`)).body.status).toBe('received');
  });

  it('upload metadata that disagrees with the signed packet is rejected (id-mismatch)', async () => {
    const p = seal();
    const r = await upload(p.bytes, { packetId: 'KSOMETHINGELSE', stationId: STATION });
    expect(r).toMatchObject({ packetStatus: 'rejected', reason: 'id-mismatch' });
    expect((await getJson(`/api/packets/${p.packetId}`)).status).toBe(404);
  });

  it('a packet signed by another key than the registered one is rejected (bad-signature)', async () => {
    const p = sealPacket(
      { ...input, stationId: STATION },
      {
        stationPrivateKey: generateStationKeys().privateKeyPem,
        centralPublicKey: central.publicKeyPem,
      },
    );
    const r = await upload(p.bytes, { packetId: p.packetId, stationId: STATION });
    expect(r).toMatchObject({ packetStatus: 'rejected', reason: 'bad-signature' });
  });

  it('marks a received packet print-ready through the admin API', async () => {
    const p = seal();
    await upload(p.bytes, { packetId: p.packetId, stationId: STATION });
    const r = await getJson(`/api/admin/packets/${p.packetId}/print-ready`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${central.adminSecret}` },
    });
    expect(r.body.status).toBe('print-ready');
    expect((await getJson(`/api/packets/${p.packetId}`)).body.status).toBe('print-ready');
  });

  it('fault hooks: 5xx for N requests, then a cut connection resumed from its offset', async () => {
    const p = seal();
    central.faults.fail5xx = 2;
    const r1 = await upload(p.bytes, { packetId: p.packetId, stationId: STATION });
    expect(r1).toMatchObject({ ok: false, httpStatus: 503 });
    central.faults.fail5xx = 1;
    central.faults.dropUploads = 1;
    central.faults.dropAfterBytes = 100_000;
    // tus-js-client's own retries stand in for the station's runner here.
    const r2 = await upload(p.bytes, { packetId: p.packetId, stationId: STATION }, { retry: true });
    expect(r2).toMatchObject({ ok: true, packetStatus: 'received' });
    expect(central.faults.dropUploads).toBe(0);
    expect(central.faults.fail5xx).toBe(0);
    expect(central.packet(p.packetId)?.copies).toBe(1);
    // One upload, resumed after the cut — not a second copy sent from zero.
    expect(central.uploads().filter((u) => u.packetId === p.packetId)).toHaveLength(1);
  });

  it('refuses a packet above its size limit at creation and records why', async () => {
    const small = await startCentral({ maxPacketBytes: 300_000, tls: true });
    try {
      const token = small.issueToken(STATION);
      await small.fetch('/api/stations/register', {
        method: 'POST',
        body: JSON.stringify({ token, stationId: STATION, publicKeyPem: station.publicKeyPem }),
      });
      const p = sealPacket(
        { ...input, stationId: STATION },
        { stationPrivateKey: station.privateKeyPem, centralPublicKey: small.publicKeyPem },
      );
      const saved = central;
      central = small;
      try {
        const r = await upload(p.bytes, { packetId: p.packetId, stationId: STATION });
        expect(r).toMatchObject({ ok: false, httpStatus: 413, reason: 'too-large' });
      } finally {
        central = saved;
      }
      expect(small.packet(p.packetId)).toMatchObject({ status: 'rejected', reason: 'too-large' });
    } finally {
      await small.close();
    }
  });

  it('slow answers', async () => {
    central.faults.delayMs = 300;
    const t = performance.now();
    await getJson('/api/health');
    expect(performance.now() - t).toBeGreaterThanOrEqual(290);
    central.faults.delayMs = 0;
  });

  it('answers a station only about its own packets, and keeps no manifest at rest', async () => {
    const p = seal();
    await upload(p.bytes, { packetId: p.packetId, stationId: STATION });
    const other = generateStationKeys();
    await register(central.issueToken('SOTHER'), 'SOTHER', other.publicKeyPem);
    const asOther = (path: string) =>
      central.fetch(path, {
        headers: stationRequestHeaders('GET', path, 'SOTHER', other.privateKeyPem),
      });
    expect((await asOther(`/api/packets/${p.packetId}`)).status).toBe(404);
    const list = (await (await asOther('/api/packets')).json()) as { packets: unknown[] };
    expect(list.packets).toEqual([]);
    // Unsigned, or signed by another key than the one it claims: no answer.
    expect((await central.fetch(`/api/packets/${p.packetId}`)).status).toBe(401);
    const path = `/api/packets/${p.packetId}`;
    const forged = stationRequestHeaders('GET', path, STATION, other.privateKeyPem);
    expect((await central.fetch(path, { headers: forged })).status).toBe(401);
    const mine = await getJson(path);
    expect(mine.status).toBe(200);
    expect(mine.body.status).toBe('received');
    const db = new Database(join(central.dataDir, 'central.db'), { readonly: true });
    try {
      const r = db
        .prepare('SELECT COUNT(*) AS n FROM packets WHERE manifest_json IS NOT NULL')
        .get() as { n: number };
      expect(r.n).toBe(0);
    } finally {
      db.close();
    }
  });

  it('imports bundles over HTTP only for the operator, and stops a zip bomb at the cap', async () => {
    const capped = await startCentral({ tls: true, bundleLimits: { entryBytes: 1024 * 1024 } });
    try {
      const bomb = zipSync({ 'manifest.json': new Uint8Array(64 * 1024 * 1024) }, { level: 9 });
      expect(bomb.length).toBeLessThan(1024 * 1024);
      const send = (auth?: string) =>
        capped.fetch('/api/bundles', {
          method: 'POST',
          body: bomb,
          headers: auth ? { authorization: `Bearer ${auth}` } : {},
        });
      expect((await send()).status).toBe(401);
      expect((await send('not-the-secret')).status).toBe(401);
      const r = await send(capped.adminSecret);
      expect(r.status).toBe(413);
      expect(((await r.json()) as { error: string }).error).toBe('too-large');
      const broken = await capped.fetch('/api/bundles', {
        method: 'POST',
        body: Buffer.from('bukan zip'),
        headers: { authorization: `Bearer ${capped.adminSecret}` },
      });
      expect(broken.status).toBe(400);
    } finally {
      await capped.close();
    }
  });

  it('keeps its key and packets across a restart of the same data dir', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'rekam-central-restart-'));
    try {
      const a = await startCentral({ dataDir: dir, tls: true });
      const token = a.issueToken('SRESTART');
      await a.close();
      const b = await startCentral({ dataDir: dir, tls: true });
      expect(b.publicKeyPem).toBe(a.publicKeyPem);
      expect(b.verdictPublicKeyPem).toBe(a.verdictPublicKeyPem);
      expect(b.tlsPin).toBe(a.tlsPin);
      const res = await b.fetch('/api/stations/register', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ token, stationId: 'SRESTART', publicKeyPem: station.publicKeyPem }),
      });
      expect(res.status).toBe(200);
      await b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
