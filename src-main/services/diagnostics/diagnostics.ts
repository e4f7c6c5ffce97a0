// The technician's checks of what is not a device: the network path to the centre, the store
// on disk, and the diagnostics bundle the office asks for over the phone. The bundle carries no
// personal or biometric data and no secrets (see scrub.ts); it is built in memory
// and handed to the renderer to save — nothing extra is written to the data folder.
import { statSync, statfsSync } from 'node:fs';
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
import { quickCheck, userCountsByRole } from '../../store/diagnostics-repo';
import { getStation } from '../../store/station-repo';
import { normalisePin } from '../../sync/central-http';
import type { Audit } from '../common/audit';
import { scrubJson, termMatcher } from './scrub';
import type { Logger } from '../common/log';
import type { Locale } from '../../domain/i18n';
import {
  MAX_LOG_BYTES,
  appInfo,
  blankLine,
  exportFileName,
  json,
  readme,
  scrubbedLogs,
  sensitiveTerms,
  settingsWithoutSecrets,
  storeCounts,
} from './bundle-files';
import type { BundleApp } from './bundle-files';
import { networkProblem, probeUrl } from './network-probe';
import { say } from './messages';
import type { TextKey } from './messages';
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
  app: BundleApp;
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

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

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
    const app = appInfo(db, deps.app);

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
      ...settingsWithoutSecrets(db, matcher),
      users: userCountsByRole(db).map((r) => ({
        role: r.role,
        active: r.active === 1,
        count: r.n,
      })),
    };

    await progress(45, 'stepNetwork');
    const net = await network(ctx);

    await progress(60, 'stepStorage');
    const store = { ...(await storage()), ...storeCounts(db) };

    await progress(70, 'stepLogs');
    const logFiles = scrubbedLogs(deps.dataDir, matcher);

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
