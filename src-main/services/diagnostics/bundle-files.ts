// The files of the diagnostics bundle that do not need the other services: app and OS versions,
// store counts, settings and logs with personal data and secrets taken out, the README, the
// file name. diagnostics.ts gathers the rest and zips them.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { strToU8 } from 'fflate';
import {
  allSettings,
  recordingCountsByStatus,
  residentTermRows,
  sqliteVersion,
  staffFullNames,
  tableRowCounts,
} from '../../store/diagnostics-repo';
import { schemaVersion } from '../../store/migrate';
import { REMOVED, isSecretSetting, scrubJson, scrubLog, scrubValue } from './scrub';
import type { SensitiveTerms, TermMatcher } from './scrub';

/** What the bundle says about the running app (the station passes it in). */
export interface BundleApp {
  version: string;
  host: 'electron' | 'browser';
  keySource: string;
}

/** Only the rotating log files the station writes; anything else in the folder is left out. */
const LOG_NAME = /^[\w-]+\.log(\.\d+)?$/;
/** The newest part of a log is what the office needs; older bytes stay on the station. */
export const MAX_LOG_BYTES = 4 * 1024 * 1024;

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

export const json = (v: unknown) => strToU8(JSON.stringify(v, null, 2) + '\n');

export function appInfo(db: Database, app: BundleApp) {
  const v = process.versions as NodeJS.ProcessVersions & { electron?: string; chrome?: string };
  return {
    app: { name: 'Rekam', version: app.version, host: app.host },
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
      keySource: app.keySource,
    },
  };
}

/** Counts only: how much the station holds, never what. */
export function storeCounts(db: Database) {
  const byStatus = recordingCountsByStatus(db);
  return {
    rows: tableRowCounts(db),
    recordingsByStatus: Object.fromEntries(byStatus.map((r) => [r.status, r.n])),
  };
}

export function settingsWithoutSecrets(db: Database, matcher: TermMatcher) {
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

export function scrubbedLogs(dataDir: string, matcher: TermMatcher) {
  const dir = join(dataDir, 'logs');
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

/** Keeps a JSON line's key (so the reader sees what was there) and drops its value. */
export function blankLine(line: string): string {
  const m = /^(\s*"[^"]*"\s*:\s*)/.exec(line);
  const comma = line.trimEnd().endsWith(',') ? ',' : '';
  return m ? `${m[1]}"${REMOVED}"${comma}` : `"${REMOVED}"${comma}`;
}

export function readme(generatedAt: string, stationName: string | null): string {
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
