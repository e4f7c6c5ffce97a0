// Conformance of the Electron shell without the Electron binary: main.ts is loaded against a
// recording fake of the `electron` module (fake-electron.ts) and opens a real station (real
// SQLite in a temp dir). Everything the host registers with Electron is then called the way
// Electron would call it. What this cannot prove (Chromium really enforcing it) is listed in
// the README, "Electron shell: what is proven where".
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { APP_RESPONSE_HEADERS } from '../shared/app-protocol';
import { FakeWebContents, createFakeElectron } from './fake-electron';
import type { FakeElectron, FakeFrame } from './fake-electron';

const holder = vi.hoisted(() => ({ fake: null as FakeElectron | null }));
vi.mock('electron', () => holder.fake!.module);

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const APP = 'app://rekam/index.html';
let fake: FakeElectron;
let root: string;
const savedArgv = process.argv;
/** main.ts's console lines (kept out of the test output, checked where they matter). */
const logs: string[] = [];

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'rekam-electron-'));
  const appPath = path.join(root, 'app');
  const renderer = path.join(appPath, 'out', 'renderer');
  mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  mkdirSync(path.join(appPath, 'out', 'main'), { recursive: true });
  writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Rekam</title>');
  writeFileSync(path.join(renderer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(renderer, 'assets', 'app.css'), 'body{}');
  writeFileSync(path.join(renderer, 'assets', 'logo.svg'), '<svg/>');
  writeFileSync(path.join(renderer, 'assets', 'model.wasm'), Buffer.from([0, 97, 115, 109]));
  writeFileSync(path.join(appPath, 'out', 'main', 'secret.js'), 'SECRET');
  writeFileSync(path.join(appPath, 'package.json'), '{"SECRET":true}');
  symlinkSync(path.join(appPath, 'out', 'main', 'secret.js'), path.join(renderer, 'link.js'));
  // Packaged: resources come from process.resourcesPath (the repo's, through a link).
  symlinkSync(path.join(repo, 'resources'), path.join(appPath, 'resources'));
  Object.defineProperty(process, 'resourcesPath', { value: appPath, configurable: true });
  process.argv = [...savedArgv, '--fingerprint', 'none', '--signature', 'none'];
  vi.spyOn(console, 'log').mockImplementation((line: unknown) => void logs.push(String(line)));
  holder.fake = fake = createFakeElectron({
    userData: path.join(root, 'userData'),
    appPath,
    packaged: true,
  });
  await import('./main');
  await vi.waitFor(() => expect(fake.windows).toHaveLength(1), { timeout: 15_000 });
}, 30_000);

afterAll(async () => {
  let prevented = false;
  fake.module.app.emit('will-quit', { preventDefault: () => (prevented = true) });
  if (prevented) await vi.waitFor(() => expect(fake.exitCode).toBe(0), { timeout: 15_000 });
  process.argv = savedArgv;
  Reflect.deleteProperty(process, 'resourcesPath');
  vi.restoreAllMocks();
  rmSync(root, { recursive: true, force: true });
});

const mainWc = () => fake.windows[0]!.webContents;
const tvWindow = () => fake.windows.find((w) => w.loaded.some((u) => u.endsWith('#/tv')));

/** A webContents Electron created that is not one of our windows (a stray view, a devtools). */
function foreignContents(url: string): FakeWebContents {
  const wc = new FakeWebContents(url);
  fake.module.app.emit('web-contents-created', {}, wc);
  return wc;
}

describe('start-up order', () => {
  it('enables the sandbox and registers app:// before ready, serves it before any window', () => {
    const c = fake.calls;
    const at = (s: string) => c.indexOf(s);
    expect(at('app.enableSandbox')).toBe(0);
    expect(at('protocol.registerSchemesAsPrivileged')).toBeLessThan(at('app.whenReady'));
    expect(at('protocol.handle:app')).toBeGreaterThan(at('app.whenReady'));
    expect(at('protocol.handle:app')).toBeLessThan(at('new BrowserWindow'));
    expect(fake.privilegedSchemes).toEqual([
      {
        scheme: 'app',
        privileges: expect.objectContaining({
          standard: true,
          secure: true,
          bypassCSP: false,
          allowServiceWorkers: false,
          corsEnabled: false,
        }),
      },
    ]);
  });
  it('never starts the crash reporter (no minidumps of personal data)', () => {
    expect(fake.crashReporterStarts).toEqual([]);
  });
  it('packaged: no application menu (no reload, no devtools)', () => {
    expect(fake.calls).toContain('Menu.set:null');
  });
});

describe('windows', () => {
  it('loads the renderer from app://rekam, never from file://', () => {
    expect(fake.windows[0]!.loaded).toEqual([APP]);
  });
  it('opens the TV window only for our own #/tv, as our own window, denying the pop-up', () => {
    const open = mainWc().windowOpenHandler!;
    expect(open({ url: 'https://evil.example/#/tv' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/passwd#/tv' })).toEqual({ action: 'deny' });
    expect(fake.windows).toHaveLength(1);
    expect(open({ url: `${APP}#/tv` })).toEqual({ action: 'deny' });
    expect(fake.windows).toHaveLength(2);
    expect(tvWindow()!.loaded).toEqual([`${APP}#/tv`]);
    // A second request focuses the open TV window instead of stacking windows.
    expect(open({ url: `${APP}#/tv` })).toEqual({ action: 'deny' });
    expect(fake.windows).toHaveLength(2);
    // Another webContents asking for #/tv gets nothing.
    const stray = foreignContents(APP);
    expect(stray.windowOpenHandler!({ url: `${APP}#/tv` })).toEqual({ action: 'deny' });
    expect(fake.windows).toHaveLength(2);
  });
  it('every window: sandbox, context isolation, no Node, web security, no webview, no devtools', () => {
    expect(fake.windows.length).toBeGreaterThanOrEqual(2);
    for (const w of fake.windows) {
      const wp = w.options.webPreferences as Record<string, unknown>;
      expect(wp).toMatchObject({
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        disableBlinkFeatures: 'Auxclick',
        devTools: false,
      });
      expect(path.basename(String(wp.preload))).toBe('preload.cjs');
      expect(wp).not.toHaveProperty('experimentalFeatures');
      expect(wp).not.toHaveProperty('enableBlinkFeatures');
    }
  });
});

describe('navigation guards (every webContents)', () => {
  const fire = (wc: FakeWebContents, event: string, url?: string) => {
    let prevented = false;
    wc.emit(event, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  it.each([
    ['https://evil.example/'],
    ['file:///etc/passwd'],
    ['app://evil/index.html'],
    ['app://rekam/other.html'],
    ['javascript:alert(1)'],
  ])('refuses will-navigate and will-redirect to %s', (url) => {
    for (const wc of [mainWc(), tvWindow()!.webContents, foreignContents(APP)]) {
      expect(fire(wc, 'will-navigate', url)).toBe(true);
      expect(fire(wc, 'will-redirect', url)).toBe(true);
    }
  });
  it('lets the app move between its own routes', () => {
    expect(fire(mainWc(), 'will-navigate', `${APP}#/operator/record`)).toBe(false);
    expect(fire(mainWc(), 'will-redirect', APP)).toBe(false);
  });
  it('refuses every webview and every window.open', () => {
    expect(fire(mainWc(), 'will-attach-webview')).toBe(true);
    expect(fire(foreignContents(APP), 'will-attach-webview')).toBe(true);
    for (const url of [APP, 'https://evil.example/', 'about:blank']) {
      expect(mainWc().windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    }
  });
});

describe('permissions: the camera, for our page, in its top frame; nothing else', () => {
  type Details = { requestingUrl?: string; isMainFrame?: boolean; mediaTypes?: string[] };
  const request = (wc: FakeWebContents, permission: string, details: Details) =>
    new Promise<boolean>((resolve) =>
      fake.session.permissionRequest!(
        wc as never,
        permission as never,
        resolve as never,
        details as never,
      ),
    );
  const video = { requestingUrl: APP, isMainFrame: true, mediaTypes: ['video'] };
  it('allows the webcam to the main window at app://rekam', async () => {
    expect(await request(mainWc(), 'media', video)).toBe(true);
  });
  it('logs a refusal by permission name only', async () => {
    await request(mainWc(), 'geolocation', video);
    expect(logs).toContain('[rekam] denied permission request: geolocation');
  });
  it.each<[string, string, Details]>([
    ['audio', 'media', { ...video, mediaTypes: ['audio'] }],
    ['video and audio', 'media', { ...video, mediaTypes: ['video', 'audio'] }],
    ['no media type', 'media', { ...video, mediaTypes: [] }],
    ['a subframe', 'media', { ...video, isMainFrame: false }],
    ['another origin', 'media', { ...video, requestingUrl: 'https://evil.example/' }],
    ['file://', 'media', { ...video, requestingUrl: 'file:///index.html' }],
    ['geolocation', 'geolocation', video],
    ['notifications', 'notifications', video],
    ['hid', 'hid', video],
    ['serial', 'serial', video],
    ['clipboard', 'clipboard-read', video],
    ['openExternal', 'openExternal', video],
  ])('refuses %s', async (_name, permission, details) => {
    expect(await request(mainWc(), permission, details)).toBe(false);
  });
  it('refuses the camera to the TV window and to any other webContents', async () => {
    expect(await request(tvWindow()!.webContents, 'media', video)).toBe(false);
    expect(await request(foreignContents(APP), 'media', video)).toBe(false);
  });
  it('the check handler follows the same rule', () => {
    const check = (wc: FakeWebContents | null, permission: string, details: object) =>
      fake.session.permissionCheck!(
        wc as never,
        permission as never,
        'app://rekam' as never,
        {
          requestingUrl: APP,
          isMainFrame: true,
          ...details,
        } as never,
      );
    expect(check(mainWc(), 'media', { mediaType: 'video' })).toBe(true);
    expect(check(mainWc(), 'media', { mediaType: 'audio' })).toBe(false);
    expect(check(mainWc(), 'media', { mediaType: 'video', isMainFrame: false })).toBe(false);
    expect(check(mainWc(), 'media', { mediaType: 'video', requestingUrl: 'https://e/' })).toBe(
      false,
    );
    expect(check(mainWc(), 'hid', {})).toBe(false);
    expect(check(null, 'media', { mediaType: 'video' })).toBe(false);
  });
  it('no WebHID/WebSerial/WebUSB device and no screen capture', () => {
    expect(fake.session.devicePermission!()).toBe(false);
    let answer: unknown = 'none';
    fake.session.displayMedia!({} as never, ((a: unknown) => (answer = a)) as never);
    expect(answer).toEqual({});
  });
});

describe('IPC: rekam:call from our top frame only, known methods only', () => {
  type Reply = { ok: boolean; error?: { code: string } };
  const call = (wc: FakeWebContents, frame: FakeFrame | null, method: unknown) =>
    fake.ipcHandlers.get('rekam:call')!(
      { sender: wc, senderFrame: frame } as never,
      method as never,
      {} as never,
    ) as Promise<Reply>;
  it('registers exactly one channel', () => {
    expect([...fake.ipcHandlers.keys()]).toEqual(['rekam:call']);
  });
  it('answers a known method from the main window top frame at app://rekam', async () => {
    expect(await call(mainWc(), mainWc().frame(APP), 'app.info')).toMatchObject({ ok: true });
  });
  it.each<[string, () => [FakeWebContents, FakeFrame | null]]>([
    ['an iframe of our page', () => [mainWc(), mainWc().frame(APP, true)]],
    ['our window showing another origin', () => [mainWc(), mainWc().frame('https://evil/')]],
    ['our window showing file://', () => [mainWc(), mainWc().frame('file:///index.html')]],
    ['no frame (disposed)', () => [mainWc(), null]],
    ['a foreign webContents', () => [foreignContents(APP), foreignContents(APP).frame(APP)]],
  ])('refuses %s', async (_name, sender) => {
    const [wc, frame] = sender();
    expect(await call(wc, frame, 'app.info')).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
  it('refuses unknown methods', async () => {
    for (const m of ['nope', '__proto__', 'constructor', 42, null]) {
      expect(await call(mainWc(), mainWc().frame(APP), m)).toMatchObject({
        error: { code: 'UNKNOWN_METHOD' },
      });
    }
  });
  it('the TV window may read the board and nothing else', async () => {
    const tv = tvWindow()!.webContents;
    expect(await call(tv, tv.frame(`${APP}#/tv`), 'queue.board')).toMatchObject({ ok: true });
    expect(await call(tv, tv.frame(`${APP}#/tv`), 'app.info')).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
  });
});

describe('app:// protocol handler', () => {
  const get = (url: string, method = 'GET') =>
    Promise.resolve(fake.protocolHandlers.get('app')!(new Request(url, { method })));
  it('serves the renderer with the right MIME types and the CSP as a response header', async () => {
    const r = await get(APP);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await r.text()).toContain('<title>Rekam</title>');
    const csp = r.headers.get('content-security-policy')!;
    expect(csp).toBe(APP_RESPONSE_HEADERS['Content-Security-Policy']);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/ws:|wss:|unsafe-eval/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const types: Record<string, string> = {
      'assets/app.js': 'text/javascript; charset=utf-8',
      'assets/app.css': 'text/css; charset=utf-8',
      'assets/logo.svg': 'image/svg+xml',
      'assets/model.wasm': 'application/wasm',
    };
    for (const [file, type] of Object.entries(types)) {
      const res = await get(`app://rekam/${file}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('content-security-policy')).toBe(csp);
    }
    expect((await get('app://rekam/')).status).toBe(200);
  });
  it.each([
    'app://rekam/%2e%2e/main/secret.js',
    'app://rekam/..%2fmain%2fsecret.js',
    'app://rekam/assets/..%2f..%2fmain%2fsecret.js',
    'app://rekam/%2e%2e%2f%2e%2e%2fpackage.json',
    'app://rekam/..%5cmain%5csecret.js',
    'app://rekam/assets%2f..%2f..%2f..%2fpackage.json',
    'app://rekam/index.html%00.js',
    'app://rekam/link.js',
    'app://rekam/../main/secret.js',
    'app://rekam/%252e%252e/main/secret.js',
    'app://rekam/missing.js',
    'app://rekam/assets/',
    'app://evil/index.html',
  ])('refuses %s (404, nothing outside out/renderer)', async (url) => {
    const r = await get(url);
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain('SECRET');
    expect(r.headers.get('content-security-policy')).toBeTruthy();
  });
  it('serves reads only', async () => {
    expect((await get(APP, 'POST')).status).toBe(405);
    const head = await get(APP, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
  it('http(s) responses (the dev server only) get the same CSP, without ws:', () => {
    let headers: Record<string, string[]> = {};
    fake.session.onHeadersReceived!(
      { responseHeaders: { 'Content-Security-Policy': ['default-src *'] } } as never,
      ((r: { responseHeaders: Record<string, string[]> }) =>
        (headers = r.responseHeaders)) as never,
    );
    expect(headers['Content-Security-Policy']).toEqual([
      APP_RESPONSE_HEADERS['Content-Security-Policy'],
    ]);
  });
});
