// `npm start` (Electron) and `npm run start:browser` (browser host).
//   npm start [-- args…]            build if needed, then Electron; browser host if Electron is missing
//   npm run start:browser [-- args…] build if needed, then the browser host (e.g. -- --no-open --port 8080)
import { execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(repo, 'package.json'));

const argv = process.argv.slice(2);
const wantBrowser = argv.includes('--browser');
const passthrough = argv.filter((a) => a !== '--browser' && a !== '--');

const SOURCES = [
  'src-main',
  'src-renderer',
  'drivers',
  'resources',
  'electron.vite.config.ts',
  'package.json',
  'tsconfig.base.json',
];
const OUTPUTS = [
  'out/main/index.js',
  'out/main/browser-host.js',
  'out/preload/preload.cjs',
  'out/renderer/index.html',
];

/** Newest modification time under p (files only; tests do not count as sources). */
function newest(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of readdirSync(p, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.') || /\.test\.tsx?$/.test(e.name))
      continue;
    max = Math.max(max, newest(path.join(p, e.name)));
  }
  return max;
}

function buildIfStale() {
  const outs = OUTPUTS.map((o) => path.join(repo, o));
  const oldestOut = outs.every(existsSync) ? Math.min(...outs.map((o) => statSync(o).mtimeMs)) : 0;
  const newestSrc = Math.max(...SOURCES.map((s) => newest(path.join(repo, s))));
  if (oldestOut > newestSrc) return;
  console.log('Membangun aplikasi / building (electron-vite build)…');
  const r = spawnSync(
    process.execPath,
    [path.join(repo, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'],
    {
      cwd: repo,
      stdio: 'inherit',
    },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** Path of the Electron binary, or the reason there is none. */
function findElectron() {
  const where = electronPackageDir();
  if (where.why) return where;
  const pathFile = path.join(where.dir, 'path.txt');
  const bin = existsSync(pathFile)
    ? path.join(where.dir, 'dist', readFileSync(pathFile, 'utf8').trim())
    : null;
  if (bin && existsSync(bin)) return { bin };
  return { why: 'binary Electron tidak ada / the Electron binary is missing', dir: where.dir };
}

function electronPackageDir() {
  let pkgDir;
  try {
    // Only the launcher looks for Electron, and it does not load it: the package's path.txt
    // (written by its install script after the download) names the binary under dist/.
    pkgDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { why: 'paket electron tidak terpasang / the electron package is not installed' };
  }
  return { dir: pkgDir };
}

/**
 * Electron >= 42 installs without its binary and fetches it on first use. We run the package's
 * own fetcher (`install-electron`, install.js) once, with a progress line, and report a failure
 * (offline, proxy, disk) in one line so the caller can fall back to the browser host.
 * REKAM_NO_ELECTRON_FETCH=1 skips the attempt (CI, metered links).
 */
async function ensureElectron() {
  const found = findElectron();
  if (found.bin || !found.dir) return found;
  if (process.env.REKAM_NO_ELECTRON_FETCH === '1') return found;
  const { version } = JSON.parse(readFileSync(path.join(found.dir, 'package.json'), 'utf8'));
  const started = Date.now();
  const line = (s) => (process.stdout.isTTY ? process.stdout.write(`\r${s}`) : console.log(s));
  const say = () =>
    line(
      `Mengunduh Electron ${version} (sekali saja) / downloading Electron ${version} (first run only)… ${Math.round((Date.now() - started) / 1000)} s`,
    );
  say();
  const ticker = process.stdout.isTTY ? setInterval(say, 1000) : null;
  const failure = await new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(found.dir, 'install.js')],
      { cwd: repo, timeout: 15 * 60_000, maxBuffer: 4 * 1024 * 1024 },
      (err, _stdout, stderr) => resolve(err ? firstErrorLine(stderr) || err.message : null),
    );
  });
  if (ticker) clearInterval(ticker);
  if (process.stdout.isTTY) process.stdout.write('\n');
  if (failure) {
    const offline = /fetch failed|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT/.test(failure);
    const hint = offline ? ' (tidak ada internet? / offline?)' : '';
    return { why: `unduhan Electron gagal / the Electron download failed: ${failure}${hint}` };
  }
  return findElectron();
}

/** The error line of a Node stack trace (install.js prints the whole stack). */
function firstErrorLine(text) {
  return String(text)
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '' && !l.startsWith('at '));
}

function run(cmd, args) {
  const child = spawn(cmd, args, { cwd: repo, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

buildIfStale();

const electron = wantBrowser ? null : await ensureElectron();
if (wantBrowser || !electron?.bin) {
  if (!wantBrowser) {
    console.log(
      `Electron tidak tersedia (${electron?.why}); memakai host peramban / using the browser host instead.`,
    );
  }
  // The built bundle: plain Node, no TypeScript transpiled at start.
  run(process.execPath, [path.join(repo, 'out/main/browser-host.js'), ...passthrough]);
} else {
  // Cached after the first run; see the script for what it builds and why.
  const native = spawnSync(process.execPath, [path.join(repo, 'scripts/electron-native.mjs')], {
    cwd: repo,
    stdio: 'inherit',
  });
  if (native.status !== 0) {
    console.error(
      'Tidak dapat menyiapkan SQLite untuk Electron / cannot prepare SQLite for Electron.',
    );
    process.exit(native.status ?? 1);
  }
  run(electron.bin, ['.', ...passthrough]);
}
