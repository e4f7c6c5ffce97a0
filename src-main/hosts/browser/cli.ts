import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fingerprintConfigFromArgs } from '../../services/devices/fingerprint-device-config';
import type { FingerprintDeviceConfig } from '../../services/devices/fingerprint-device-config';
import { signatureConfigFromArgs } from '../../services/devices/signature-device';
import type { SignatureDeviceConfig } from '../../services/devices/signature-device';

export interface BrowserHostArgs {
  dataDir: string;
  port: number;
  rendererDir: string;
  open: boolean;
  help: boolean;
  fingerprint: FingerprintDeviceConfig;
  signature: SignatureDeviceConfig;
  /** The office hub: start as the hub, and where its LAN service listens. */
  office: { makeHub: boolean; hubPort: number; hubHost: string; helloMs: number };
  /** End-to-end test runs only: cheap password hashing (never for a real desk). */
  testFastPasswords: boolean;
}

export const USAGE = `Rekam — host peramban (browser host)

Penggunaan / usage: npx tsx src-main/hosts/browser/main.ts [opsi]

  --data-dir DIR       folder data stasiun (default: folder data pengguna per OS)
  --port N             port di 127.0.0.1 (default 0 = port bebas acak)
  --renderer-dir DIR   folder tampilan yang sudah dibangun (default: <repo>/out/renderer)
  --no-open            jangan buka peramban otomatis
  --fingerprint MODE   pemindai sidik jari: auto (default; cari di port serial, jika tidak ada
                       → simulasi), simulated, none, atau jalur port (mis. /dev/ttyUSB0)
  --signature MODE     bantalan tanda tangan: auto (default; cari Wacom STU / pena HID, jika tidak
                       ada → simulasi), simulated, simulated-generic, none
  --sim-speed N        percepat simulasi N kali (default 1 ≈ 7 detik per gambar, seperti modul asli)
  --hub                jadikan stasiun ini hub kantor (antrean, papan TV, rekap kantor)
  --hub-port N         port LAN hub kantor (default 7443; 0 = port bebas acak)
  --hub-host ALAMAT    antarmuka LAN hub (default 0.0.0.0 = semua; 127.0.0.1 = hanya mesin ini)
  --hub-hello DETIK    meja: jeda sapaan berkala ke hub (default 20)
  --test-fast-passwords  HANYA untuk uji otomatis: hash kata sandi murah (jangan di meja nyata)
  --help               tampilkan bantuan ini
`;

/** Per-OS user data folder, separate from Electron's so the two hosts never share a database. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32') {
    return path.win32.join(
      env.APPDATA || path.win32.join(home, 'AppData', 'Roaming'),
      'Rekam (browser)',
    );
  }
  if (platform === 'darwin') {
    return path.posix.join(home, 'Library', 'Application Support', 'Rekam (browser)');
  }
  const base =
    env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME)
      ? env.XDG_DATA_HOME
      : path.join(home, '.local', 'share');
  return path.join(base, 'rekam-browser');
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseBrowserHostArgs(argv: string[], repoRoot: string): BrowserHostArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        'renderer-dir': { type: 'string' },
        'no-open': { type: 'boolean' },
        fingerprint: { type: 'string' },
        'sim-speed': { type: 'string' },
        signature: { type: 'string' },
        'test-fast-passwords': { type: 'boolean' },
        hub: { type: 'boolean' },
        'hub-port': { type: 'string' },
        'hub-host': { type: 'string' },
        'hub-hello': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const portText = values.port ?? '0';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    throw new UsageError(`--port must be a number 0–65535, got "${portText}"`);
  }
  const hubPortText = values['hub-port'] ?? '7443';
  const hubPort = Number(hubPortText);
  if (!/^\d+$/.test(hubPortText) || hubPort > 65535) {
    throw new UsageError(`--hub-port must be a number 0–65535, got "${hubPortText}"`);
  }
  const helloText = values['hub-hello'] ?? '20';
  if (!/^\d+$/.test(helloText) || Number(helloText) < 1 || Number(helloText) > 3600) {
    throw new UsageError(`--hub-hello must be seconds 1–3600, got "${helloText}"`);
  }
  let fingerprint: FingerprintDeviceConfig;
  let signature: SignatureDeviceConfig;
  try {
    fingerprint = fingerprintConfigFromArgs(values.fingerprint, values['sim-speed']);
    signature = signatureConfigFromArgs(values.signature, fingerprint.simSpeed);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  return {
    fingerprint,
    signature,
    dataDir: path.resolve(values['data-dir'] ?? defaultDataDir()),
    port,
    rendererDir: path.resolve(values['renderer-dir'] ?? path.join(repoRoot, 'out', 'renderer')),
    open: !values['no-open'],
    help: values.help ?? false,
    testFastPasswords: values['test-fast-passwords'] ?? false,
    office: {
      makeHub: values.hub ?? false,
      hubPort,
      hubHost: values['hub-host'] ?? '0.0.0.0',
      helloMs: Number(helloText) * 1000,
    },
  };
}

/** Whether a system browser can be opened: not on CI, and on Linux only with a display. */
export function canOpenBrowser(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (env.CI) return false;
  if (platform === 'linux' || platform === 'freebsd' || platform === 'openbsd') {
    return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  }
  return true;
}
