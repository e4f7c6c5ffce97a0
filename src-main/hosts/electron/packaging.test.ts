// The packaged configuration, checked without building a package: Electron pinned once and
// exactly, installable offline, its own typings (no shim), and the fuses electron-builder
// flips in the binary.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { classifyAddon, nativeModules } from '../../../scripts/native-abi.mjs';
import { afterAllArtifactBuild } from '../../../scripts/signing-hook.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const read = (p: string) => readFileSync(path.join(repo, p), 'utf8');
const pkg = JSON.parse(read('package.json')) as Record<string, Record<string, unknown>>;
const builder = load(read('electron-builder.yml')) as Record<string, unknown>;
const pinned = pkg.devDependencies!.electron as string;

describe('Electron version', () => {
  it('is pinned exactly, once, as a devDependency on a supported major', () => {
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(Number(pinned.split('.')[0])).toBeGreaterThanOrEqual(45);
    expect(pkg.optionalDependencies?.electron).toBeUndefined();
    expect(pkg.dependencies?.electron).toBeUndefined();
  });
  it('the installed package is the pinned one and installs offline (no install scripts)', () => {
    const installed = JSON.parse(read('node_modules/electron/package.json')) as {
      version: string;
      types: string;
      scripts?: Record<string, string>;
      bin: Record<string, string>;
    };
    expect(installed.version).toBe(pinned);
    for (const hook of ['preinstall', 'install', 'postinstall']) {
      expect(installed.scripts?.[hook]).toBeUndefined();
    }
    // The binary comes on first use (npm start runs this), and the typings ship in the package.
    expect(installed.bin['install-electron']).toBeTruthy();
    expect(existsSync(path.join(repo, 'node_modules/electron', installed.types))).toBe(true);
    expect((pkg.allowScripts as Record<string, boolean>).electron).toBeUndefined();
  });
  it('electron-builder packages the same version, with the SQLite addon built for it', () => {
    expect(String(builder.electronVersion)).toBe(pinned);
    const extra = builder.extraResources as { from: string; to: string }[];
    expect(extra.find((e) => e.to === 'native/better_sqlite3.node')?.from).toBe(
      `.electron-native/${pinned}/better_sqlite3.node`,
    );
  });
  it('no hand-written Electron typings remain', () => {
    expect(existsSync(path.join(repo, 'src-main/hosts/electron/electron-shim.d.ts'))).toBe(false);
  });
});

describe('packaged configuration', () => {
  it('sets the fuses', () => {
    expect(builder.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
    // Integrity validation and OnlyLoadAppFromAsar only mean something with an asar.
    expect(builder.asar).toBe(true);
  });
  it('the renderer has no <meta> CSP with ws: (the CSP is a response header)', () => {
    const html = read('src-renderer/index.html');
    expect(html).not.toMatch(/Content-Security-Policy/i);
    expect(html).not.toMatch(/ws:/);
  });
});

describe('native modules for Electron (scripts/native-abi.mjs)', () => {
  it('tells ABI-specific addons from N-API ones by their registration symbol', () => {
    expect(classifyAddon(Buffer.from('\0node_register_module_v115\0'))).toBe('abi');
    expect(classifyAddon(Buffer.from('\0napi_register_module_v1\0'))).toBe('napi');
    expect(classifyAddon(Buffer.from('\0sqlite3_extension_init\0'))).toBe('other');
  });
  it('only better-sqlite3 needs a rebuild; node-hid, serialport and sharp are N-API', () => {
    const dirs = [
      'better-sqlite3-multiple-ciphers',
      'node-hid',
      '@serialport/bindings-cpp',
      ...readdirSync(path.join(repo, 'node_modules/@img'))
        .filter((d) => d.startsWith('sharp-') && !d.startsWith('sharp-libvips'))
        .map((d) => `@img/${d}`),
    ].map((d) => path.join(repo, 'node_modules', d));
    const found = Object.fromEntries(nativeModules(repo, dirs).map((m) => [m.name, m.abiStable]));
    expect(found['better-sqlite3-multiple-ciphers']).toBe(false);
    expect(found['node-hid']).toBe(true);
    expect(found['@serialport/bindings-cpp']).toBe(true);
    const sharp = Object.keys(found).filter((n) => n.startsWith('@img/sharp-'));
    expect(sharp.length).toBeGreaterThan(0);
    for (const n of sharp) expect(found[n]).toBe(true);
  });
});

describe('code signing (scripts/signing-hook.mjs)', () => {
  const artifacts = () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rekam-dist-'));
    const files = [
      'Rekam-Setup-0.1.0.exe',
      'Rekam-0.1.0-x86_64.AppImage',
      'Rekam-0.1.0-amd64.deb',
      'latest.yml',
    ];
    for (const f of files) writeFileSync(path.join(dir, f), 'x');
    return { dir, paths: files.map((f) => path.join(dir, f)) };
  };
  it('an unsigned build says so beside every package', async () => {
    const { dir, paths } = artifacts();
    const notes = await afterAllArtifactBuild({ artifactPaths: paths }, {});
    expect(notes.map((n) => path.basename(n)).sort()).toEqual([
      'Rekam-0.1.0-amd64.deb.UNSIGNED.txt',
      'Rekam-0.1.0-x86_64.AppImage.UNSIGNED.txt',
      'Rekam-Setup-0.1.0.exe.UNSIGNED.txt',
    ]);
    expect(readFileSync(notes.find((n) => n.includes('.exe'))!, 'utf8')).toMatch(
      /UNSIGNED.*CSC_LINK/s,
    );
    rmSync(dir, { recursive: true, force: true });
  });
  it('with a certificate from the environment the installer is not flagged', async () => {
    const { dir, paths } = artifacts();
    const notes = await afterAllArtifactBuild(
      { artifactPaths: paths },
      { CSC_LINK: '/secure/rekam.pfx', CSC_KEY_PASSWORD: 'x' },
    );
    expect(notes.some((n) => n.includes('.exe'))).toBe(false);
    expect(notes).toHaveLength(2);
    rmSync(dir, { recursive: true, force: true });
  });
  it('electron-builder runs the hook', () => {
    expect(builder.afterAllArtifactBuild).toBe('./scripts/signing-hook.mjs');
  });
});
