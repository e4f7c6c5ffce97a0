// The packaged configuration, checked without building a package: Electron pinned once and
// exactly, installable offline, its own typings (no shim), and the fuses electron-builder
// flips in the binary.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

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
