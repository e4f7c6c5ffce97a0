// The technician's checks of what is not a device: the network path to the centre, the store
// on disk, and the diagnostics bundle the office asks for over the phone. The bundle carries no
// personal or biometric data and no secrets (see scrub.ts); it is built in memory
// and handed to the renderer to save — nothing extra is written to the data folder.
import { existsSync, readdirSync, readFileSync, statSync, statfsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { setImmediate as tick } from 'node:timers/promises';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { strToU8, zipSync } from 'fflate';
import type {
  DiagnosticsExport,
  DiagnosticsProgress,
  MethodInput,
  MethodName,
  MethodOutput,
  NetworkDiagnostics,
  SelfTestResult,
  StorageDiagnostics,
  TrafficEntry,
} from '../../api/contract';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { storageFigures, storageTrend } from '../../store/retention-repo';
import { breathe } from '../supervisor/retention';
import { databasePath } from '../../store/db';
import {
  allSettings,
  quickCheck,
  recordingCountsByStatus,
  residentTermRows,
  sqliteVersion,
  staffFullNames,
  tableRowCounts,
  userCountsByRole,
} from '../../store/diagnostics-repo';
import { schemaVersion } from '../../store/migrate';
import { getStation } from '../../store/station-repo';
import {
  CentralTlsError,
  ReplyTooLargeError,
  createCentralClient,
  normalisePin,
} from '../../sync/central-http';
import type { CentralClient } from '../../sync/central-http';
import type { Audit } from '../common/audit';
import { REMOVED, isSecretSetting, scrubJson, scrubLog, scrubValue, termMatcher } from './scrub';
import type { SensitiveTerms, TermMatcher } from './scrub';
import type { Logger } from '../common/log';
import { defineMessages, translator, type Locale } from '../../domain/i18n';
import type { HandlerContext, HandlersFor } from '../../api/handlers';

export type DiagnosticsMethod =
  | 'diagnostics.network'
  | 'diagnostics.storage'
  | 'diagnostics.export';

type Ctx = HandlerContext;

export type DiagnosticsHandlers = HandlersFor<DiagnosticsMethod>;

/** Calls another handler of the station (central, sync, devices) without a second dispatch. */
export type InternalCall = <M extends MethodName>(
  method: M,
  input: MethodInput<M>,
  ctx: Ctx,
) => Promise<Reply<MethodOutput<M>>>;

export interface DiagnosticsDeps {
  db: Database;
  dataDir: string;
  now: () => Date;
  locale: () => Locale;
  audit: Audit;
  log: Logger;
  app: { version: string; host: 'electron' | 'browser'; keySource: string };
  emitProgress: (p: DiagnosticsProgress) => void;
  /**
   * The other services' handlers (central.config, sync.status, devices.list). Any of them may
   * be missing or failing; diagnostics then says "unknown" instead of failing itself.
   */
  internal?: InternalCall;
  /** The last self-test of each device (kept by the device manager). */
  lastSelfTests?: () => readonly SelfTestResult[];
  /** Reachability timeout (ms). */
  networkTimeoutMs?: number;
}

const TEXT = defineMessages('services/diagnostics/diagnostics', {
  notConfigured: {
    id: 'Alamat server pusat belum diatur.',
    en: 'The central server address is not set.',
  },
  syncNever: { id: 'Belum pernah berhasil sinkron.', en: 'Never synced successfully.' },
  syncOk: { id: 'Sinkron terakhir berhasil.', en: 'The last sync succeeded.' },
  syncState: { id: 'Status sinkron: {state}.', en: 'Sync state: {state}.' },
  'sync.idle': { id: 'siap', en: 'ready' },
  'sync.syncing': { id: 'sedang mengirim', en: 'sending' },
  'sync.paused': { id: 'dijeda', en: 'paused' },
  'sync.offline': { id: 'tidak terhubung', en: 'offline' },
  'sync.not-configured': { id: 'server pusat belum diatur', en: 'central server not set' },
  'sync.error': { id: 'galat', en: 'error' },
  'net.tls-pin-mismatch': {
    id: 'Kunci TLS server pusat BERBEDA dari pin yang tersimpan. Jangan lanjutkan; telepon admin pusat.',
    en: 'The central server TLS key DIFFERS from the stored pin. Do not continue; call the central admin.',
  },
  'net.tls-untrusted': {
    id: 'Sertifikat TLS server pusat tidak dipercaya dan belum ada pin. Isi pin TLS di layar Pusat.',
    en: 'The central TLS certificate is not trusted and no pin is stored. Enter the TLS pin on the Central screen.',
  },
  'net.timeout': {
    id: 'Server pusat tidak menjawab dalam batas waktu (jaringan lambat atau putus).',
    en: 'The central server did not answer in time (slow or broken network).',
  },
  'net.refused': {
    id: 'Koneksi ditolak: server pusat mati atau port salah.',
    en: 'Connection refused: the central server is down or the port is wrong.',
  },
  'net.dns': {
    id: 'Nama server pusat tidak ditemukan (DNS). Periksa alamat dan jaringan.',
    en: 'The central server name was not found (DNS). Check the address and the network.',
  },
  'net.other': {
    id: 'Server pusat tidak terjangkau ({code}).',
    en: 'The central server is unreachable ({code}).',
  },
  integrityUnreadable: {
    id: 'Pemeriksaan basis data gagal: {detail}',
    en: 'The database check failed: {detail}',
  },
  exportFailed: {
    id: 'Ekspor diagnostik gagal. Coba lagi; jika tetap gagal, catat jamnya dan hubungi kantor.',
    en: 'The diagnostics export failed. Try again; if it keeps failing, note the time and call the office.',
  },
  stepStart: { id: 'Menyiapkan…', en: 'Preparing…' },
  stepApp: { id: 'Versi aplikasi dan sistem', en: 'App and system versions' },
  stepDevices: { id: 'Daftar perangkat', en: 'Device inventory' },
  stepConfig: { id: 'Konfigurasi (tanpa rahasia)', en: 'Configuration (no secrets)' },
  stepNetwork: { id: 'Memeriksa jaringan', en: 'Checking the network' },
  stepStorage: { id: 'Memeriksa penyimpanan', en: 'Checking storage' },
  stepLogs: {
    id: 'Menyaring log dari data pribadi',
    en: 'Filtering personal data out of the logs',
  },
  stepZip: { id: 'Membuat berkas zip', en: 'Building the zip file' },
  stepDone: { id: 'Selesai', en: 'Done' },
});

type TextKey = keyof typeof TEXT;
const say = translator(TEXT);

/** Only the rotating log files the station writes; anything else in the folder is left out. */
const LOG_NAME = /^[\w-]+\.log(\.\d+)?$/;
/** The newest part of a log is what the office needs; older bytes stay on the station. */
const MAX_LOG_BYTES = 4 * 1024 * 1024;

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * Reachable = any HTTP answer (even 404/405); unreachable = refused, reset, timed out, or a TLS
 * key that is not the pinned one. The centre is asked through the same pinning client the
 * uploads use, so a self-signed centre with a stored pin counts as reachable and an impostor
 * does not.
 */
export async function probeUrl(
  url: string,
  timeoutMs: number,
  pin: string | null = null,
): Promise<{
  reachable: boolean;
  latencyMs: number | null;
  status: number | null;
  error: string | null;
}> {
  const started = performance.now();
  let client: CentralClient;
  try {
    client = createCentralClient({ url, pin, timeoutMs });
  } catch {
    return { reachable: false, latencyMs: null, status: null, error: 'url-refused' };
  }
  try {
    let res = await client.request('/', {
      method: 'HEAD',
      headers: { 'cache-control': 'no-cache' },
    });
    // A few servers refuse HEAD outright; a GET still proves the path is open.
    if (res.status === 405 || res.status === 501) res = await client.request('/');
    return {
      reachable: true,
      latencyMs: Math.max(0, Math.round(performance.now() - started)),
      status: res.status,
      error: null,
    };
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const error =
      err instanceof CentralTlsError
        ? `tls-${err.problem}`
        : err instanceof ReplyTooLargeError
          ? 'reply-too-large'
          : e.message === 'timeout'
            ? 'timeout'
            : (e.code ?? e.message ?? 'network error');
    return { reachable: false, latencyMs: null, status: null, error };
  } finally {
    client.close();
  }
}

/** A technician's sentence for a probe failure code. */
function networkProblem(L: Locale, code: string): string {
  if (code === 'tls-pin-mismatch' || code === 'tls-untrusted' || code === 'timeout') {
    return say(L, `net.${code}`);
  }
  if (code === 'ECONNREFUSED') return say(L, 'net.refused');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return say(L, 'net.dns');
  return say(L, 'net.other', { code });
}

/** Personal data the bundle must not carry, read from the store at export time. */
export function sensitiveTerms(db: Database): SensitiveTerms {
  const terms: SensitiveTerms = { numbers: [], words: [], dates: [] };
  for (const r of residentTermRows(db)) {
    terms.numbers.push(r.nik);
    terms.words.push(r.name);
    try {
      const res = JSON.parse(r.json) as Record<string, unknown>;
      if (typeof res.kk === 'string') terms.numbers.push(res.kk);
      if (typeof res.birthDate === 'string') terms.dates.push(res.birthDate);
      if (typeof res.address === 'string') terms.words.push(res.address);
    } catch {
      // A damaged row still has its NIK and name above.
    }
  }
  // Staff are people too: their full names stay on the station (usernames are kept — they are
  // what the audit trail and the office use to talk about an account).
  terms.words.push(...staffFullNames(db));
  return terms;
}

function slug(s: string): string {
  return (
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'stasiun'
  );
}

const pad = (n: number) => String(n).padStart(2, '0');
const localDate = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

export function exportFileName(stationName: string | null, at: Date): string {
  return `rekam-diagnostik-${slug(stationName ?? '')}-${localDate(at)}.zip`;
}

const json = (v: unknown) => strToU8(JSON.stringify(v, null, 2) + '\n');

export function createDiagnostics(deps: DiagnosticsDeps): { handlers: DiagnosticsHandlers } {
  const { db, now, log } = deps;
  const timeoutMs = deps.networkTimeoutMs ?? 5000;

  async function internal<M extends MethodName>(
    method: M,
    input: MethodInput<M>,
    ctx: Ctx,
  ): Promise<MethodOutput<M> | null> {
    if (!deps.internal) return null;
    try {
      const r = await deps.internal(method, input, ctx);
      return r.ok ? r.value : null;
    } catch (err) {
      log.warn('diagnostics: internal call failed', {
        method,
        error: err instanceof Error ? err.name : 'unknown',
      });
      return null;
    }
  }

  async function network(ctx: Ctx): Promise<NetworkDiagnostics & { error?: string | null }> {
    const L = deps.locale();
    const [central, sync] = await Promise.all([
      internal('central.config', {}, ctx),
      internal('sync.status', {}, ctx),
    ]);
    let lastSync: NetworkDiagnostics['lastSync'] = null;
    if (sync) {
      if (sync.lastError) {
        lastSync = {
          at: sync.lastSuccessAt ?? '',
          ok: false,
          message: sync.lastError,
        };
      } else if (sync.lastSuccessAt) {
        lastSync = { at: sync.lastSuccessAt, ok: true, message: say(L, 'syncOk') };
      } else {
        lastSync = {
          at: '',
          ok: sync.state !== 'error',
          message: `${say(L, 'syncNever')} ${say(L, 'syncState', { state: say(L, `sync.${sync.state}`) })}`,
        };
      }
    }
    const url = central?.url ?? null;
    if (!url) return { centralUrl: null, reachable: null, latencyMs: null, lastSync };
    const probe = await probeUrl(
      url,
      timeoutMs,
      central?.tlsPin ? normalisePin(central.tlsPin) : null,
    );
    return {
      centralUrl: url,
      reachable: probe.reachable,
      latencyMs: probe.latencyMs,
      lastSync,
      error: probe.error,
      problem: probe.error ? networkProblem(L, probe.error) : null,
    };
  }

  async function storage(): Promise<StorageDiagnostics> {
    const L = deps.locale();
    const path = databasePath(deps.dataDir);
    let integrity: string;
    try {
      // quick_check: the same page and record checks as integrity_check without cross-checking
      // every index entry, so it stays in seconds on a station full of images.
      integrity = quickCheck(db, 20).join('; ') || 'ok';
    } catch (err) {
      integrity = say(L, 'integrityUnreadable', {
        detail: err instanceof Error ? err.message : String(err),
      });
    }
    let freeBytes = 0;
    let totalBytes = 0;
    try {
      const fs = statfsSync(deps.dataDir);
      freeBytes = fs.bavail * fs.bsize;
      totalBytes = fs.blocks * fs.bsize;
    } catch {
      // statfs is missing on very old Node builds; the figures then read 0 (unknown).
    }
    const figures = await storageFigures(db, breathe);
    let auditChain: StorageDiagnostics['auditChain'];
    try {
      auditChain = deps.audit.verify();
    } catch (err) {
      log.warn('audit chain check failed', { error: err instanceof Error ? err.name : 'unknown' });
    }
    return {
      dataDir: deps.dataDir,
      integrity,
      databaseBytes: fileSize(path) + fileSize(`${path}-wal`),
      freeBytes,
      totalBytes,
      categories: figures.categories,
      reclaimableBytes: figures.freeBytes,
      trend: storageTrend(db, 30).map((t) => ({ day: t.day, fileBytes: t.fileBytes })),
      ...(auditChain ? { auditChain } : {}),
    };
  }

  function appInfo() {
    const v = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
    return {
      app: { name: 'Rekam', version: deps.app.version, host: deps.app.host },
      runtime: {
        node: v.node,
        electron: v.electron ?? null,
        chrome: v.chrome ?? null,
        v8: v.v8,
        sqlite: sqliteVersion(db),
      },
      os: {
        platform: process.platform,
        type: os.type(),
        release: os.release(),
        arch: process.arch,
        cpus: os.cpus().length,
        totalMemoryBytes: os.totalmem(),
        freeMemoryBytes: os.freemem(),
        uptimeSeconds: Math.round(os.uptime()),
      },
      process: { uptimeSeconds: Math.round(process.uptime()), pid: process.pid },
      store: {
        schemaVersion: schemaVersion(db),
        encrypted: true,
        keySource: deps.app.keySource,
      },
    };
  }

  /** Counts only: how much the station holds, never what. */
  function storeCounts() {
    const byStatus = recordingCountsByStatus(db);
    return {
      rows: tableRowCounts(db),
      recordingsByStatus: Object.fromEntries(byStatus.map((r) => [r.status, r.n])),
    };
  }

  function settings(matcher: TermMatcher) {
    const rows = allSettings(db);
    const out: Record<string, unknown> = {};
    const removed: string[] = [];
    for (const { key, value } of rows) {
      if (isSecretSetting(key)) {
        removed.push(key);
        continue;
      }
      let v: unknown = value;
      try {
        v = JSON.parse(value) as unknown;
      } catch {
        // plain text setting
      }
      out[key] = typeof v === 'string' ? scrubValue(v, matcher) : scrubJson(v, matcher);
    }
    return { settings: out, withheldSettings: removed };
  }

  function logs(matcher: TermMatcher) {
    const dir = join(deps.dataDir, 'logs');
    const files: {
      name: string;
      text: string;
      kept: number;
      dropped: number;
      truncated: boolean;
    }[] = [];
    if (!existsSync(dir)) return files;
    for (const name of readdirSync(dir).sort()) {
      if (!LOG_NAME.test(name)) continue;
      const path = join(dir, name);
      let buf: Buffer;
      try {
        if (!statSync(path).isFile()) continue;
        buf = readFileSync(path);
      } catch {
        continue;
      }
      const truncated = buf.length > MAX_LOG_BYTES;
      let text = (truncated ? buf.subarray(buf.length - MAX_LOG_BYTES) : buf).toString('utf8');
      // A cut in the middle of a line would leave a fragment the filter cannot judge.
      if (truncated) text = text.slice(text.indexOf('\n') + 1);
      const r = scrubLog(text, matcher);
      files.push({ name, text: r.text, kept: r.kept, dropped: r.dropped, truncated });
    }
    return files;
  }

  async function exportBundle(ctx: Ctx): Promise<DiagnosticsExport> {
    const L = deps.locale();
    const at = now();
    const progress = async (percent: number, step: TextKey) => {
      deps.emitProgress({ percent, step: say(L, step) });
      // Let the event reach the renderer before the next synchronous stretch.
      await tick();
    };
    await progress(0, 'stepStart');
    const matcher = termMatcher(sensitiveTerms(db));
    const station = getStation(db);

    await progress(10, 'stepApp');
    const app = appInfo();

    await progress(20, 'stepDevices');
    const devices = await internal('devices.list', {}, ctx);
    const selfTests = deps.lastSelfTests?.() ?? [];
    // The traffic rings hold no biometrics (redacted when recorded): headers, lengths, codes.
    const traffic: { deviceId: string; entries: TrafficEntry[] }[] = [];
    for (const d of devices ?? []) {
      if (d.modality === 'camera') continue;
      const entries = await internal('devices.traffic', { deviceId: d.id, after: 0 }, ctx);
      if (entries && entries.length > 0) traffic.push({ deviceId: d.id, entries });
    }

    await progress(35, 'stepConfig');
    const [central, sync] = await Promise.all([
      internal('central.config', {}, ctx),
      internal('sync.status', {}, ctx),
    ]);
    const config = {
      station: station
        ? { id: station.id, name: station.name, kecamatanCode: station.kecamatanCode }
        : null,
      central: central
        ? {
            url: central.url,
            centralKeyFingerprint: central.centralKeyFingerprint,
            stationKeyFingerprint: central.stationKeyFingerprint,
            registered: central.registered,
          }
        : null,
      sync,
      ...settings(matcher),
      users: userCountsByRole(db).map((r) => ({
        role: r.role,
        active: r.active === 1,
        count: r.n,
      })),
    };

    await progress(45, 'stepNetwork');
    const net = await network(ctx);

    await progress(60, 'stepStorage');
    const store = { ...(await storage()), ...storeCounts() };

    await progress(70, 'stepLogs');
    const logFiles = logs(matcher);

    await progress(85, 'stepZip');
    const generatedAt = at.toISOString();
    const summary = {
      generatedAt,
      generatedBy: ctx.actor?.username ?? null,
      station: station ? { id: station.id, name: station.name } : null,
      logs: logFiles.map((f) => ({
        file: `logs/${f.name}`,
        linesKept: f.kept,
        linesDroppedAsPersonal: f.dropped,
        truncatedToNewestBytes: f.truncated ? MAX_LOG_BYTES : null,
      })),
    };
    const files: Record<string, Uint8Array> = {
      'README.txt': strToU8(readme(generatedAt, station?.name ?? null)),
      'summary.json': json(summary),
      'app.json': json(app),
      'devices.json': json(scrubJson(devices ?? { unavailable: true }, matcher)),
      'self-tests.json': json(scrubJson(selfTests, matcher)),
      'traffic.json': json(traffic),
      'config.json': json(scrubJson(config, matcher)),
      'network.json': json(net),
      'storage.json': json(store),
    };
    for (const f of logFiles) files[`logs/${f.name}`] = strToU8(f.text);
    // Last guard over everything but the logs (already filtered line by line): a personal
    // value that slipped into a device name or an error message is blanked here.
    for (const [name, data] of Object.entries(files)) {
      if (name.startsWith('logs/')) continue;
      const text = new TextDecoder().decode(data);
      const clean = text
        .split('\n')
        .map((line) => (matcher.test(line) ? blankLine(line) : line))
        .join('\n');
      if (clean !== text) files[name] = strToU8(clean);
    }
    const zip = zipSync(files, { level: 6, mtime: at });
    await progress(100, 'stepDone');
    deps.audit.record(ctx.actor, 'diagnostics.export', null);
    log.info('diagnostics exported', { bytes: zip.length, logFiles: logFiles.length });
    return {
      fileName: exportFileName(station?.name ?? null, at),
      bytes: zip.length,
      zipBase64: Buffer.from(zip.buffer, zip.byteOffset, zip.length).toString('base64'),
    };
  }

  const handlers: DiagnosticsHandlers = {
    'diagnostics.network': async (_input, ctx) => {
      const r = await network(ctx);
      return ok({
        centralUrl: r.centralUrl,
        reachable: r.reachable,
        latencyMs: r.latencyMs,
        lastSync: r.lastSync,
        problem: r.problem ?? null,
      });
    },
    'diagnostics.storage': async () => ok(await storage()),
    'diagnostics.export': async (_input, ctx) => {
      try {
        return ok(await exportBundle(ctx));
      } catch (err) {
        log.error('diagnostics export failed', {}, err);
        return fail('INTERNAL', say(deps.locale(), 'exportFailed'));
      }
    },
  };
  return { handlers };
}

/** Keeps a JSON line's key (so the reader sees what was there) and drops its value. */
function blankLine(line: string): string {
  const m = /^(\s*"[^"]*"\s*:\s*)/.exec(line);
  const comma = line.trimEnd().endsWith(',') ? ',' : '';
  return m ? `${m[1]}"${REMOVED}"${comma}` : `"${REMOVED}"${comma}`;
}

function readme(generatedAt: string, stationName: string | null): string {
  return [
    'Rekam — paket diagnostik / diagnostics bundle',
    `Stasiun / station: ${stationName ?? '-'}`,
    `Dibuat / generated: ${generatedAt}`,
    '',
    'Isi / contents:',
    '  summary.json     ringkasan ekspor, jumlah baris log yang dibuang / export summary',
    '  app.json         versi aplikasi, runtime dan sistem operasi / app, runtime and OS versions',
    '  devices.json     daftar perangkat / device inventory',
    '  self-tests.json  hasil uji perangkat terakhir (tanpa gambar) / last self-tests (no images)',
    '  traffic.json     lalu lintas data perangkat tanpa data biometrik / device traffic, biometric bytes withheld',
    '  config.json      konfigurasi tanpa rahasia / configuration without secrets',
    '  network.json     jangkauan server pusat / central server reachability',
    '  storage.json     pemeriksaan basis data dan disk / database and disk checks',
    '  logs/            log aplikasi, disaring dari data pribadi / app logs, personal data removed',
    '',
    'Paket ini tidak berisi NIK, nama, tanggal lahir, foto, sidik jari, tanda tangan,',
    'kunci, token atau hash kata sandi. Baris log yang tampak berisi data pribadi dibuang utuh.',
    'This bundle holds no NIK, names, birth dates, photos, fingerprints, signatures, keys,',
    'tokens or password hashes. Log lines that look personal are dropped whole.',
    '',
  ].join('\n');
}
