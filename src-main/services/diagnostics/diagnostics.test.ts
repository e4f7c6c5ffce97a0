import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import https from 'node:https';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiagnosticsProgress, SelfTestResult } from '../../api/contract';
import { fail, ok } from '../../api/reply';
import { openDatabase } from '../../store/db';
import { fileKeyProvider } from '../../store/key-file';
import { setSetting } from '../../store/settings-repo';
import { createAudit } from '../common/audit';
import { createDiagnostics, exportFileName, probeUrl } from './diagnostics';
import type { InternalCall } from './diagnostics';
import { silentLogger } from '../common/log';
import { selfSignedCert } from '../../../test/central/tls-cert';
import type { Station } from '../station/station';
import {
  SUPERVISOR,
  addUser,
  loginAs,
  must,
  openTestStation,
  setUpStation,
  tempDir,
  validResident,
} from '../../../test/helpers/station';

const RESIDENT = validResident({ name: 'Siti Aminah Rahayu', address: 'Jl. Kenanga Raya 12' });
const RESIDENT2 = validResident({
  nik: '3201014506920002',
  name: 'Dewi Kartika Sari',
  birthDate: '1992-06-05',
  sex: 'PEREMPUAN',
});

let dir: string;
let cleanup: () => void;

afterEach(() => cleanup?.());

describe('diagnostics on a station that holds residents', () => {
  let station: Station;

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    station = openTestStation(dir, { faceDetector: null });
    await setUpStation(station);
    await addUser(station, 'ani', 'operator');
    await addUser(station, 'tono', 'technician');
    await loginAs(station, 'ani');
    await must(station, 'recordings.saveDraft', { resident: RESIDENT });
    await must(station, 'recordings.saveDraft', { resident: RESIDENT2 });
  });
  afterEach(() => station.close());

  it('exports a zip with the expected files and no NIK, name, birth date or secret', async () => {
    // Lines that escaped the logger's masking (a careless debug line, a stack trace with input),
    // next to ordinary lines the office needs.
    const logs = join(dir, 'logs');
    mkdirSync(logs, { recursive: true });
    appendFileSync(
      join(logs, 'rekam.log'),
      [
        '{"t":"2025-06-10T09:00:00.000Z","level":"info","msg":"fingerprint scanner ready","baud":57600}',
        `{"t":"2025-06-10T09:01:00.000Z","level":"debug","msg":"draft","who":"${RESIDENT.name.toUpperCase()}"}`,
        `{"t":"2025-06-10T09:02:00.000Z","level":"error","msg":"bad input ${RESIDENT2.nik}"}`,
        `{"t":"2025-06-10T09:03:00.000Z","level":"error","msg":"kk ${RESIDENT.kk.slice(0, 8)} ${RESIDENT.kk.slice(8)}"}`,
        `{"t":"2025-06-10T09:04:00.000Z","level":"warn","msg":"lahir 05-06-1992"}`,
        '{"t":"2025-06-10T09:05:00.000Z","level":"warn","msg":"finger capture failed","code":"TIMEOUT","finger":2}',
        '',
      ].join('\n'),
    );
    appendFileSync(join(logs, 'rekam.log.1'), '{"msg":"older line"}\n');
    appendFileSync(join(logs, 'notes.txt'), `${RESIDENT.name}\n`);

    // Secrets a later service may keep in settings, and a setting with a resident's name in it.
    const key = fileKeyProvider.getOrCreateKey(dir);
    const db = openDatabase({ dataDir: dir, key });
    setSetting(db, 'central.token', 'one-time-token-123456');
    setSetting(db, 'station.private_key', '-----BEGIN PRIVATE KEY-----\nMC4CAQAw\n-----END');
    setSetting(db, 'station.note', `dipakai oleh ${RESIDENT2.name}`);
    db.close();

    await loginAs(station, 'tono');
    const progress: DiagnosticsProgress[] = [];
    station.on('diagnostics.progress', (p) => progress.push(p));
    const out = await must(station, 'diagnostics.export', {});

    expect(out.fileName).toMatch(
      /^rekam-diagnostik-kecamatan-cibinong-meja-1-\d{4}-\d{2}-\d{2}\.zip$/,
    );
    const zip = Buffer.from(out.zipBase64, 'base64');
    expect(out.bytes).toBe(zip.length);
    const files = unzipSync(new Uint8Array(zip));
    expect(Object.keys(files).sort()).toEqual([
      'README.txt',
      'app.json',
      'config.json',
      'devices.json',
      'logs/rekam.log',
      'logs/rekam.log.1',
      'network.json',
      'self-tests.json',
      'storage.json',
      'summary.json',
      'traffic.json',
    ]);
    const text = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strFromU8(v)]));
    const all = Object.values(text).join('\n');

    for (const r of [RESIDENT, RESIDENT2]) {
      expect(all).not.toContain(r.nik);
      expect(all).not.toContain(r.kk);
      expect(all.toLowerCase()).not.toContain(r.name.toLowerCase());
      expect(all.toLowerCase()).not.toContain(r.address.toLowerCase());
    }
    expect(all).not.toContain('05-06-1992');
    expect(all).not.toContain(SUPERVISOR.fullName);
    expect(all).not.toContain('$scrypt$');
    expect(all).not.toContain('one-time-token');
    expect(all).not.toContain('BEGIN PRIVATE KEY');
    expect(all).not.toContain(key.toString('hex'));
    expect(all).not.toContain(key.toString('base64'));

    // What the office needs is there.
    expect(text['logs/rekam.log']).toContain('fingerprint scanner ready');
    expect(text['logs/rekam.log']).toContain('finger capture failed');
    expect(text['logs/rekam.log.1']).toContain('older line');
    const summary = JSON.parse(text['summary.json']!) as {
      logs: { file: string; linesDroppedAsPersonal: number }[];
      generatedBy: string;
    };
    expect(summary.generatedBy).toBe('tono');
    expect(summary.logs.find((l) => l.file === 'logs/rekam.log')?.linesDroppedAsPersonal).toBe(4);
    const app = JSON.parse(text['app.json']!) as {
      app: { version: string };
      runtime: { node: string };
      os: { platform: string };
    };
    expect(app.app.version).toBe('0.0.0-test');
    expect(app.runtime.node).toBe(process.versions.node);
    expect(app.os.platform).toBe(process.platform);
    const config = JSON.parse(text['config.json']!) as {
      station: { name: string };
      settings: Record<string, unknown>;
      withheldSettings: string[];
      users: { role: string; count: number }[];
    };
    expect(config.station.name).toBe('Kecamatan Cibinong Meja 1');
    expect(config.settings.locale).toBe('id');
    expect(config.settings['station.note']).toBe('[DIHAPUS]');
    expect(config.withheldSettings.sort()).toEqual(['central.token', 'station.private_key']);
    expect(config.users).toContainEqual({ role: 'operator', active: true, count: 1 });
    const storage = JSON.parse(text['storage.json']!) as {
      integrity: string;
      recordingsByStatus: Record<string, number>;
    };
    expect(storage.integrity).toBe('ok');
    expect(storage.recordingsByStatus).toEqual({ draft: 2 });

    expect(progress.at(0)?.percent).toBe(0);
    expect(progress.at(-1)).toEqual({ percent: 100, step: 'Selesai' });
    const percents = progress.map((p) => p.percent);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);

    // The export itself is attributable; the log line about it carries no personal data.
    await loginAs(station, SUPERVISOR.username, SUPERVISOR.password);
    const audit = await must(station, 'audit.list', { limit: 5 });
    expect(audit.some((a) => a.action === 'diagnostics.export' && a.username === 'tono')).toBe(
      true,
    );
    const log = readFileSync(join(logs, 'rekam.log'), 'utf8');
    expect(log).toContain('diagnostics exported');
  });

  it('is for technicians only; storage is also open to the supervisor', async () => {
    await loginAs(station, SUPERVISOR.username, SUPERVISOR.password);
    const r = await station.call('diagnostics.export', {});
    expect(r.ok ? null : r.error.code).toBe('FORBIDDEN');
    const s = await must(station, 'diagnostics.storage', {});
    expect(s.integrity).toBe('ok');
  });

  it('reports storage: integrity, database size, free disk and the data folder', async () => {
    await loginAs(station, 'tono');
    const s = await must(station, 'diagnostics.storage', {});
    expect(s.dataDir).toBe(dir);
    expect(s.integrity).toBe('ok');
    expect(s.databaseBytes).toBeGreaterThan(4096);
    expect(s.totalBytes).toBeGreaterThan(0);
    expect(s.freeBytes).toBeGreaterThan(0);
    expect(s.freeBytes).toBeLessThanOrEqual(s.totalBytes);
    // The station's audit log (setup, users, logins, drafts) is chained and signed daily.
    expect(s.auditChain).toMatchObject({ state: 'intact', brokenAt: null });
    expect(s.auditChain!.rows).toBeGreaterThan(5);
    expect(s.auditChain!.lastCheckpoint).toMatchObject({ signatureOk: true, matches: true });
  });
});

describe('diagnostics.network', () => {
  let server: Server | null = null;
  afterEach(async () => {
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    server = null;
  });

  function make(internal: InternalCall, timeoutMs = 2000) {
    ({ dir, cleanup } = tempDir());
    const db = openDatabase({ dataDir: dir, key: fileKeyProvider.getOrCreateKey(dir) });
    const diag = createDiagnostics({
      db,
      dataDir: dir,
      now: () => new Date(),
      locale: () => 'id',
      audit: createAudit(db, () => new Date()),
      log: silentLogger,
      app: { version: 't', host: 'browser', keySource: 'key-file' },
      emitProgress: () => undefined,
      internal,
      networkTimeoutMs: timeoutMs,
    });
    return {
      net: async () => {
        const r = await diag.handlers['diagnostics.network']({}, { actor: null });
        if (!r.ok) throw new Error(r.error.message);
        return r.value;
      },
      close: () => db.close(),
    };
  }

  const central = (url: string | null, sync?: Partial<Record<string, unknown>>): InternalCall =>
    (async (method: string) => {
      if (method === 'central.config') {
        return ok({
          url,
          centralKeyFingerprint: null,
          stationKeyFingerprint: 'AAAA',
          registered: false,
        });
      }
      if (method === 'sync.status' && sync) {
        return ok({
          state: 'idle',
          pendingPackets: 0,
          pendingBytes: 0,
          sentBytes: 0,
          etaSeconds: null,
          lastSuccessAt: null,
          lastError: null,
          ...sync,
        });
      }
      return fail('UNKNOWN_METHOD', 'x');
    }) as InternalCall;

  async function listen(handler: Parameters<typeof createServer>[1]): Promise<string> {
    server = createServer(handler);
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/`;
  }

  it('measures a local server as reachable with its latency (any HTTP answer counts)', async () => {
    const seen: string[] = [];
    const url = await listen((req, res) => {
      seen.push(req.method ?? '');
      res.statusCode = req.method === 'HEAD' ? 405 : 404;
      res.end();
    });
    const d = make(central(url, { lastSuccessAt: '2025-06-10T08:00:00.000Z' }));
    const r = await d.net();
    d.close();
    expect(r).toMatchObject({ centralUrl: url, reachable: true });
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    expect(r.latencyMs).toBeLessThan(2000);
    expect(r.lastSync).toEqual({
      at: '2025-06-10T08:00:00.000Z',
      ok: true,
      message: 'Sinkron terakhir berhasil.',
    });
    expect(seen).toEqual(['HEAD', 'GET']);
  });

  it('reports a closed port as unreachable, with the last sync error', async () => {
    const url = await listen((_req, res) => res.end());
    await new Promise<void>((r) => server!.close(() => r()));
    server = null;
    const d = make(central(url, { state: 'offline', lastError: 'Server pusat tidak terjangkau' }));
    const r = await d.net();
    d.close();
    expect(r).toMatchObject({ centralUrl: url, reachable: false, latencyMs: null });
    expect(r.problem).toBe('Koneksi ditolak: server pusat mati atau port salah.');
    expect(r.lastSync).toMatchObject({ ok: false, message: 'Server pusat tidak terjangkau' });
  });

  it('gives up on a server that never answers after the timeout', async () => {
    const url = await listen(() => undefined);
    const d = make(central(url), 300);
    const started = Date.now();
    const r = await d.net();
    d.close();
    expect(r.reachable).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
    server!.closeAllConnections();
  });

  it('says not configured when there is no central URL or no central service yet', async () => {
    const d1 = make(central(null));
    expect(await d1.net()).toEqual({
      centralUrl: null,
      reachable: null,
      latencyMs: null,
      lastSync: null,
      problem: null,
    });
    d1.close();
    cleanup();
    const d2 = make((async () => {
      throw new TypeError('handler missing');
    }) as InternalCall);
    expect((await d2.net()).centralUrl).toBeNull();
    d2.close();
  });

  it('reaches a self-signed centre through its stored pin and refuses another key', async () => {
    const cert = selfSignedCert(['127.0.0.1']);
    const tlsServer = https.createServer({ cert: cert.certPem, key: cert.keyPem }, (_req, res) => {
      res.statusCode = 404;
      res.end();
    });
    await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.1', () => r()));
    const url = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}`;
    try {
      const pinned = await probeUrl(url, 2000, cert.spkiSha256);
      expect(pinned).toMatchObject({ reachable: true, status: 404, error: null });
      const wrong = await probeUrl(url, 2000, 'ab'.repeat(32));
      expect(wrong).toMatchObject({ reachable: false, error: 'tls-pin-mismatch' });
      // Without a pin, a self-signed certificate is not trusted.
      const unpinned = await probeUrl(url, 2000);
      expect(unpinned).toMatchObject({ reachable: false, error: 'tls-untrusted' });
    } finally {
      tlsServer.closeAllConnections();
      await new Promise<void>((r) => tlsServer.close(() => r()));
    }
  });

  it('probeUrl names the failure', async () => {
    const url = await listen((_req, res) => res.end());
    await new Promise<void>((r) => server!.close(() => r()));
    server = null;
    const r = await probeUrl(url, 1000);
    expect(r).toMatchObject({ reachable: false, error: 'ECONNREFUSED' });
  });
});

describe('exportFileName', () => {
  it('uses a slug of the station name and the local date', () => {
    expect(exportFileName('Meja 1 — Kec. Sukasari', new Date(2025, 5, 9, 23, 30))).toBe(
      'rekam-diagnostik-meja-1-kec-sukasari-2025-06-09.zip',
    );
    expect(exportFileName(null, new Date(2025, 0, 2))).toBe(
      'rekam-diagnostik-stasiun-2025-01-02.zip',
    );
  });
});

// Self-test results from the device manager go in without their images.
describe('self-tests in the bundle', () => {
  it('drops the fingerprint image but keeps steps and quality', async () => {
    ({ dir, cleanup } = tempDir());
    const db = openDatabase({ dataDir: dir, key: fileKeyProvider.getOrCreateKey(dir) });
    const result: SelfTestResult = {
      modality: 'fingerprint',
      ok: true,
      steps: [{ name: 'ReadSysPara', ok: true, detail: 'capacity 300' }],
      imageDataUrl:
        'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==',
      quality: 71,
      at: '2025-06-10T09:00:00.000Z',
    };
    const diag = createDiagnostics({
      db,
      dataDir: dir,
      now: () => new Date(),
      locale: () => 'en',
      audit: createAudit(db, () => new Date()),
      log: silentLogger,
      app: { version: 't', host: 'browser', keySource: 'key-file' },
      emitProgress: () => undefined,
      lastSelfTests: () => [result],
    });
    const r = await diag.handlers['diagnostics.export']({}, { actor: null });
    db.close();
    if (!r.ok) throw new Error(r.error.message);
    const files = unzipSync(new Uint8Array(Buffer.from(r.value.zipBase64, 'base64')));
    const tests = JSON.parse(strFromU8(files['self-tests.json']!)) as Record<string, unknown>[];
    expect(tests).toEqual([
      {
        modality: 'fingerprint',
        ok: true,
        steps: [{ name: 'ReadSysPara', ok: true, detail: 'capacity 300' }],
        quality: 71,
        at: '2025-06-10T09:00:00.000Z',
      },
    ]);
    expect(strFromU8(files['devices.json']!)).toContain('"unavailable": true');
  });
});
