import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, canOpenBrowser, defaultDataDir, parseBrowserHostArgs } from './cli';

describe('parseBrowserHostArgs', () => {
  const repo = path.resolve('/repo');
  it('has sensible defaults', () => {
    const a = parseBrowserHostArgs([], repo);
    expect(a.port).toBe(0);
    expect(a.open).toBe(true);
    expect(a.help).toBe(false);
    expect(a.testFastPasswords).toBe(false);
    expect(a.rendererDir).toBe(path.join(repo, 'out', 'renderer'));
  });
  it('reads every option', () => {
    const a = parseBrowserHostArgs(
      [
        '--data-dir',
        'd',
        '--port',
        '8123',
        '--renderer-dir',
        'r',
        '--no-open',
        '--help',
        '--test-fast-passwords',
      ],
      repo,
    );
    expect(a).toMatchObject({
      dataDir: path.resolve('d'),
      port: 8123,
      rendererDir: path.resolve('r'),
      open: false,
      help: true,
      testFastPasswords: true,
    });
  });
  it('rejects bad ports and unknown options', () => {
    for (const argv of [
      ['--port', 'x'],
      ['--port', '70000'],
      ['--port', '-1'],
      ['--nope'],
      ['extra'],
    ]) {
      expect(() => parseBrowserHostArgs(argv, repo)).toThrow(UsageError);
    }
  });
});

describe('fingerprint options', () => {
  const repo = path.resolve('/repo');
  it('defaults to auto at real speed', () => {
    expect(parseBrowserHostArgs([], repo).fingerprint).toEqual({ mode: 'auto', simSpeed: 1 });
  });
  it('reads a mode, a port path and a simulator speed', () => {
    expect(
      parseBrowserHostArgs(['--fingerprint', 'simulated', '--sim-speed', '8'], repo).fingerprint,
    ).toEqual({ mode: 'simulated', simSpeed: 8 });
    expect(parseBrowserHostArgs(['--fingerprint', 'none'], repo).fingerprint.mode).toBe('none');
    expect(parseBrowserHostArgs(['--fingerprint', '/dev/ttyUSB0'], repo).fingerprint).toEqual({
      mode: 'auto',
      path: '/dev/ttyUSB0',
      simSpeed: 1,
    });
  });
  it('rejects a bad speed', () => {
    for (const v of ['0', '-2', 'fast', '5000']) {
      expect(() => parseBrowserHostArgs(['--sim-speed', v], repo)).toThrow(UsageError);
    }
  });
});

describe('defaultDataDir', () => {
  it('follows each OS convention', () => {
    expect(defaultDataDir('linux', {}, '/home/a')).toBe('/home/a/.local/share/rekam-browser');
    expect(defaultDataDir('linux', { XDG_DATA_HOME: '/x' }, '/home/a')).toBe('/x/rekam-browser');
    // A relative XDG_DATA_HOME is invalid per the spec and ignored.
    expect(defaultDataDir('linux', { XDG_DATA_HOME: 'rel' }, '/home/a')).toBe(
      '/home/a/.local/share/rekam-browser',
    );
    expect(defaultDataDir('darwin', {}, '/Users/a')).toBe(
      '/Users/a/Library/Application Support/Rekam (browser)',
    );
    expect(
      defaultDataDir('win32', { APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'C:\\Users\\a'),
    ).toBe('C:\\Users\\a\\AppData\\Roaming\\Rekam (browser)');
  });
});

describe('canOpenBrowser', () => {
  it('never on CI, on Linux only with a display', () => {
    expect(canOpenBrowser('linux', { CI: 'true', DISPLAY: ':0' })).toBe(false);
    expect(canOpenBrowser('linux', {})).toBe(false);
    expect(canOpenBrowser('linux', { DISPLAY: ':0' })).toBe(true);
    expect(canOpenBrowser('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(canOpenBrowser('win32', {})).toBe(true);
  });
});

describe('office hub options', () => {
  const repo = path.resolve('/repo');
  it('is no hub by default, listening on all interfaces at 7443 once it is one', () => {
    expect(parseBrowserHostArgs([], repo).office).toEqual({
      makeHub: false,
      hubPort: 7443,
      hubHost: '0.0.0.0',
      helloMs: 20_000,
    });
  });
  it('reads --hub, --hub-port and --hub-host, and refuses a bad port', () => {
    expect(
      parseBrowserHostArgs(['--hub', '--hub-port', '0', '--hub-host', '127.0.0.1'], repo).office,
    ).toEqual({ makeHub: true, hubPort: 0, hubHost: '127.0.0.1', helloMs: 20_000 });
    expect(() => parseBrowserHostArgs(['--hub-port', '70000'], repo)).toThrow(/--hub-port/);
    expect(parseBrowserHostArgs(['--hub-hello', '600'], repo).office.helloMs).toBe(600_000);
    expect(() => parseBrowserHostArgs(['--hub-hello', '0'], repo)).toThrow(/--hub-hello/);
  });
});
