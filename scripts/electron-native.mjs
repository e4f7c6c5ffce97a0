// Rebuilds every shipped native module that is tied to one Node ABI for Electron's ABI.
// native-abi.mjs classifies the production packages' addons: N-API ones (node-hid, serialport,
// sharp) run unchanged under Electron; ABI-specific ones must be rebuilt. Today that is
// better-sqlite3-multiple-ciphers alone, built into
// .electron-native/<electron-version>/better_sqlite3.node, leaving node_modules (the Node
// build that tests and the browser host use) untouched. The Electron host passes this file to
// better-sqlite3 as `nativeBinding`; electron-builder ships it as an extra resource. A new
// ABI-specific module fails the run until it gets the same treatment here.
//
//   node scripts/electron-native.mjs [--force] [--verify] [--check] [--electron-version X]
//                                    [--arch x64|arm64] [--platform linux|win32|darwin]
//   --verify  classify the native modules even when the build is cached (npm run dist)
//   --check   classify and report only; build nothing
//
// Tries a prebuilt binary first (prebuild-install, fast, needs GitHub), then compiles from
// the package's bundled sources with node-gyp against Electron's headers (needs a compiler and
// electronjs.org). Cached: a second run with the same version does nothing.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { nativeModules } from './native-abi.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(repo, 'package.json'));
const PKG = 'better-sqlite3-multiple-ciphers';

const { values } = parseArgs({
  options: {
    force: { type: 'boolean', default: false },
    verify: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    'electron-version': { type: 'string' },
    arch: { type: 'string', default: process.arch },
    platform: { type: 'string', default: process.platform },
  },
});

function electronVersion() {
  if (values['electron-version']) return values['electron-version'];
  try {
    return require('electron/package.json').version;
  } catch {
    const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
    const spec = pkg.devDependencies?.electron;
    if (!spec || !/^\d+\.\d+\.\d+$/.test(spec)) {
      throw new Error('cannot tell the Electron version: pin "electron" exactly in package.json');
    }
    return spec;
  }
}

const version = electronVersion();
const outDir = path.join(repo, '.electron-native', version);
const outFile = path.join(outDir, 'better_sqlite3.node');
// Cross-platform outputs get their own name so a Linux build never masquerades as Windows.
const target =
  values.platform === process.platform && values.arch === process.arch
    ? outFile
    : path.join(outDir, `better_sqlite3-${values.platform}-${values.arch}.node`);

/** Packages with an ABI-specific addon that this script knows how to rebuild and ship. */
const REBUILT = new Set([PKG]);

function verifyNativeModules() {
  let unknown = 0;
  for (const m of nativeModules(repo)) {
    const kind = m.abiStable
      ? 'N-API, ABI-stable: no rebuild'
      : REBUILT.has(m.name)
        ? `ABI-specific: rebuild for Electron ${version}`
        : 'ABI-specific and NOT handled';
    console.log(`electron-native: ${m.name}: ${kind}`);
    if (!m.abiStable && !REBUILT.has(m.name)) unknown++;
  }
  if (unknown > 0) {
    console.error(
      'electron-native: a shipped native module needs a rebuild for Electron that this script does not do; add it here.',
    );
    process.exit(1);
  }
}

if (values.check || values.verify || values.force || !existsSync(target)) verifyNativeModules();
if (values.check) process.exit(0);

if (existsSync(target) && !values.force) {
  console.log(
    `electron-native: ${path.relative(repo, target)} is up to date (Electron ${version})`,
  );
  process.exit(0);
}

const pkgDir = path.dirname(require.resolve(`${PKG}/package.json`));
const work = mkdtempSync(path.join(tmpdir(), 'rekam-electron-native-'));
const copy = path.join(work, PKG);
// A private copy: building in node_modules would replace the Node-ABI addon the tests need.
cpSync(pkgDir, copy, {
  recursive: true,
  filter: (src) =>
    !src.startsWith(path.join(pkgDir, 'build')) &&
    !src.includes(`${path.sep}node_modules${path.sep}`),
});

const bin = (name) =>
  path.join(repo, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
const run = (cmd, args) => {
  console.log(`electron-native: ${path.basename(cmd)} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, {
    cwd: copy,
    stdio: 'inherit',
    shell: process.platform === 'win32',
    env: { ...process.env, npm_config_runtime: 'electron', npm_config_target: version },
  });
  return r.status === 0;
};

const built = path.join(copy, 'build', 'Release', 'better_sqlite3.node');
const ok =
  run(bin('prebuild-install'), [
    '--runtime',
    'electron',
    '--target',
    version,
    '--arch',
    values.arch,
    '--platform',
    values.platform,
    '--verbose',
  ]) && existsSync(built);

let done = ok;
if (!done && values.platform === process.platform) {
  console.log('electron-native: no prebuilt binary; compiling from source with node-gyp');
  done =
    run(bin('node-gyp'), [
      'rebuild',
      '--release',
      `--target=${version}`,
      `--arch=${values.arch}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ]) && existsSync(built);
}

if (!done) {
  rmSync(work, { recursive: true, force: true });
  console.error(
    `electron-native: could not build ${PKG} for Electron ${version} (${values.platform}-${values.arch}).\n` +
      '  Needs either GitHub (prebuilt binaries) or a C++ toolchain plus electronjs.org (headers).',
  );
  process.exit(1);
}

mkdirSync(outDir, { recursive: true });
// Rename into place so an interrupted run never leaves a half-written addon that looks cached.
const partial = `${target}.partial`;
cpSync(built, partial);
renameSync(partial, target);
rmSync(work, { recursive: true, force: true });
console.log(`electron-native: wrote ${path.relative(repo, target)}`);
