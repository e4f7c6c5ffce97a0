import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  BrowserWindow,
  Menu,
  app,
  dialog,
  ipcMain,
  protocol,
  safeStorage,
  session,
  utilityProcess,
} from 'electron';
import type { IpcMainInvokeEvent, MenuItemConstructorOptions, WebContents } from 'electron';
import { EVENT_NAMES } from '../../api/contract';
import { fail } from '../../api/reply';
import type { HostSpawner } from '../../../drivers/device-manager/host-supervisor';
import { startDevices } from '../../services/devices/startup';
import type { StartedDevices } from '../../services/devices/startup';
import { fingerprintConfigFromArgs } from '../../services/devices/fingerprint-device';
import { createLogger } from '../../services/common/log';
import {
  createSignatureDevice,
  signatureConfigFromArgs,
} from '../../services/devices/signature-device';
import { padTestPort } from '../../services/devices/signature-self-test-port';
import { openStation } from '../../services/station/station';
import type { Station, StationOptions } from '../../services/station/station';
import { APP_SCHEME_PRIVILEGES, createAppProtocolHandler } from '../shared/app-protocol';
import { APP_INDEX_URL, APP_SCHEME, createAppUrlMatcher } from '../shared/app-url';
import { PERMISSIONS_POLICY, contentSecurityPolicy } from '../shared/csp';
import { checkIpcCall } from '../shared/ipc-guard';
import { chooseKeyProvider } from '../shared/keystore-key-provider';
import { allowPermission } from '../shared/media-permission';
import { TV_EVENTS, TV_METHODS, isTvWindowUrl } from '../shared/tv-window';

// Built to out/main/index.js; preload and renderer sit beside it in out/.
const here = path.dirname(fileURLToPath(import.meta.url));
const preloadFile = path.join(here, '..', 'preload', 'preload.cjs');
// out/ sits at the app root: the repo for `electron .`, resources/app.asar when packaged.
const rendererDir = path.join(app.getAppPath(), 'out', 'renderer');
// Dev server only when unpackaged: a packaged app must never load a URL from the environment.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
// The renderer is app://rekam/index.html (never file://): a real origin for the checks below.
const isAppUrl = createAppUrlMatcher(devServerUrl ? { devServerUrl } : {});
const devServerOrigin = devServerUrl ? new URL(devServerUrl).origin : undefined;

const log = (line: string) => console.log(`[rekam] ${line}`);

let mainWindow: BrowserWindow | null = null;
/** The waiting-room TV: public board only, opened from the queue desk. */
let tvWindow: BrowserWindow | null = null;
let station: Station | null = null;
let devices: StartedDevices | null = null;

// Every renderer sandboxed, including any we did not create on purpose.
app.enableSandbox();
// Before 'ready': app:// as a standard, secure origin (see app-protocol.ts for each privilege).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME_PRIVILEGES.scheme, privileges: { ...APP_SCHEME_PRIVILEGES.privileges } },
]);
// Crash dumps: crashReporter is deliberately never started. A minidump holds raw stack and heap
// memory of the crashed process (NIKs, names, fingerprint images), and Crashpad only collects
// once crashReporter.start() is called. Crashes are logged by reason only (render-process-gone,
// child-process-gone, the driver host's exit code); see README "Crash dumps".

if (!app.requestSingleInstanceLock()) {
  // One desk, one database writer: a second copy would fight over the SQLite file and session.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_e: unknown, contents: WebContents) => guardContents(contents));
  app.on('child-process-gone', (_e, details) => {
    // Reason and kind only: no dump is written (see above), nothing personal is logged.
    log(`child process gone (${details.type}: ${details.reason})`);
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (e: { preventDefault(): void }) => {
    station?.close();
    station = null;
    // Hold the quit until the scanner port (a simulator's socat) and the driver host are closed.
    const d = devices;
    devices = null;
    if (d) {
      e.preventDefault();
      void d.close().finally(() => app.exit(0));
    }
  });
  app.whenReady().then(start, (err: unknown) => fatal(err));
}

function start(): void {
  try {
    station = openStation(stationOptions());
  } catch (err) {
    fatal(err);
    return;
  }
  installSessionPolicy();
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir));
  installIpc(station);
  Menu.setApplicationMenu(buildMenu());
  mainWindow = createWindow();
  // Events carry changes only: give each freshly loaded page the current status bar.
  mainWindow.webContents.on('did-finish-load', () => {
    mainWindow?.webContents.send('rekam:event', 'status', station?.status());
  });
  for (const event of EVENT_NAMES) {
    station.on(event, (payload: unknown) => {
      const wc = mainWindow?.webContents;
      if (wc && !wc.isDestroyed()) wc.send('rekam:event', event, payload);
      const tv = tvWindow?.webContents;
      if (TV_EVENTS.has(event) && tv && !tv.isDestroyed()) tv.send('rekam:event', event, payload);
    });
  }
  // After the listeners, so the first sync status reaches the window.
  station.startSync();
  void station.startOffice().catch(() => {});
}

function stationOptions(): StationOptions {
  const dataDir = app.getPath('userData');
  const choice = chooseKeyProvider(safeStorage, dataDir);
  if (choice.warning) log(`warning: ${choice.warning}`);
  const resourcesDir = app.isPackaged
    ? path.join(process.resourcesPath, 'resources')
    : path.join(app.getAppPath(), 'resources');
  const logger = createLogger({ dataDir });
  devices = startDevices({
    dataDir,
    fingerprint: fingerprintConfig(),
    spawn: deviceHostSpawner(),
    log: logger,
  });
  const opts: StationOptions = {
    dataDir,
    resourcesDir,
    host: 'electron',
    version: app.getVersion(),
    keyProvider: choice.provider,
    logger,
    fingerprint: { instance: devices.fingerprint },
    devices: devices.stationOptions,
    signature: { instance: signatureDevice(devices, logger) },
  };
  const binding = sqliteNativeBinding();
  if (binding) opts.sqliteNativeBinding = binding;
  return opts;
}

/**
 * The driver host runs in a utilityProcess (native device code out of the main process). It
 * is built as out/main/device-host.js; without that file, enumeration is off and only the
 * in-process scanner is used.
 */
function deviceHostSpawner(): HostSpawner | null {
  const entry = path.join(here, 'device-host.js');
  if (!existsSync(entry)) {
    log('device host not built; device enumeration off');
    return null;
  }
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Rekam device host' });
    return {
      get pid() {
        return child.pid;
      },
      send: (m) => child.postMessage(m),
      onMessage: (l) => child.on('message', l),
      onExit: (l) => child.once('exit', (code) => l(code, null)),
      kill: () => void child.kill(),
    };
  };
}

/** `--signature auto|simulated|simulated-generic|none`, as for the browser host. */
function signatureDevice(started: StartedDevices, logger: ReturnType<typeof createLogger>) {
  const { values } = parseArgs({
    args: process.argv.slice(1),
    strict: false,
    allowPositionals: true,
    options: { signature: { type: 'string' } },
  });
  let cfg;
  try {
    cfg = signatureConfigFromArgs(
      typeof values.signature === 'string' ? values.signature : undefined,
    );
  } catch (err) {
    log(`warning: ${(err as Error).message}; using --signature auto`);
    cfg = signatureConfigFromArgs(undefined);
  }
  const pad = createSignatureDevice(cfg, {
    log: logger,
    tap: (d) => started.tapSignature(d),
    ...(started.openHid ? { openHid: started.openHid } : {}),
    ...(started.listHid ? { listHid: started.listHid } : {}),
  });
  started.setSignature(() =>
    padTestPort({
      driver: pad.driver,
      info: pad.info,
      simulateDraw: pad.simulated ? () => pad.simulate('signature') : null,
    }),
  );
  return pad;
}

/** `--fingerprint auto|simulated|none|<path>` and `--sim-speed N`, as for the browser host. */
function fingerprintConfig() {
  const { values } = parseArgs({
    args: process.argv.slice(1),
    strict: false,
    allowPositionals: true,
    options: { fingerprint: { type: 'string' }, 'sim-speed': { type: 'string' } },
  });
  const fp = typeof values.fingerprint === 'string' ? values.fingerprint : undefined;
  const speed = typeof values['sim-speed'] === 'string' ? values['sim-speed'] : undefined;
  try {
    return fingerprintConfigFromArgs(fp, speed);
  } catch (err) {
    log(`warning: ${(err as Error).message}; using --fingerprint auto`);
    return fingerprintConfigFromArgs(undefined, undefined);
  }
}

/**
 * better-sqlite3 built for Electron's ABI (node_modules holds the Node build the tests use).
 * Packaged: shipped by electron-builder as an extra resource. Dev: built by
 * scripts/electron-native.mjs into .electron-native/<electron version>/.
 */
function sqliteNativeBinding(): string | undefined {
  const file = app.isPackaged
    ? path.join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : path.join(
        app.getAppPath(),
        '.electron-native',
        process.versions.electron ?? '',
        'better_sqlite3.node',
      );
  if (existsSync(file)) return file;
  log(
    `warning: Electron build of better-sqlite3 not found at ${file}; run node scripts/electron-native.mjs`,
  );
  return undefined;
}

function createWindow(tv = false): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Rekam',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      // Middle-click (auxclick) would open links in a new window; window.open is denied anyway.
      disableBlinkFeatures: 'Auxclick',
      devTools: !app.isPackaged,
    },
  });
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
    if (tvWindow === win) tvWindow = null;
  });
  win.webContents.on('render-process-gone', (_e: unknown, details: { reason?: string }) => {
    // The data is in main; a crashed renderer only loses the screen, so bring it back.
    log(`renderer gone (${details.reason ?? 'unknown'}); reloading`);
    if (details.reason !== 'clean-exit' && !win.isDestroyed()) win.webContents.reload();
  });
  const base = devServerUrl ?? APP_INDEX_URL;
  const loading = win.loadURL(tv ? `${base}#/tv` : base);
  loading.catch((err: unknown) => log(`failed to load renderer: ${(err as Error).message}`));
  return win;
}

/** Navigation, pop-ups and webviews off for every webContents, ours or not. */
function guardContents(contents: WebContents): void {
  contents.on('will-navigate', (e: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) {
      e.preventDefault();
      log('blocked navigation away from the app');
    }
  });
  contents.on('will-redirect', (e: { preventDefault(): void }, url: string) => {
    if (!isAppUrl(url)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e: { preventDefault(): void }) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // The one exception: the desk asks for the app's own #/tv page. We still deny the
    // pop-up and open our own window, so it gets the same sandbox and preload.
    if (isAppWindowContents(contents) && isTvWindowUrl(url, isAppUrl)) openTvWindow();
    return { action: 'deny' };
  });
}

const isAppWindowContents = (wc: WebContents | null | undefined): boolean =>
  !!wc && !!mainWindow && !mainWindow.isDestroyed() && wc === mainWindow.webContents;
const isTvWindowContents = (wc: WebContents | null | undefined): boolean =>
  !!wc && !!tvWindow && !tvWindow.isDestroyed() && wc === tvWindow.webContents;

function openTvWindow(): void {
  if (tvWindow && !tvWindow.isDestroyed()) {
    tvWindow.focus();
    return;
  }
  tvWindow = createWindow(true);
}

function installSessionPolicy(): void {
  const ses = session.defaultSession;
  const csp = contentSecurityPolicy(devServerOrigin ? { devServerOrigin } : {});
  // app:// responses carry the CSP themselves (app-protocol.ts); this covers the dev server
  // and anything else fetched over http(s). Neither has a ws: source outside the dev server.
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [csp],
        'X-Content-Type-Options': ['nosniff'],
        'Permissions-Policy': [PERMISSIONS_POLICY],
      },
    });
  });
  ses.setPermissionRequestHandler((wc, permission, callback, details) => {
    const allowed = allowPermission(
      {
        permission,
        url: details.requestingUrl ?? wc.getURL(),
        // Only a media request carries mediaTypes (the typings' union says so; the shim did not).
        mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
        fromAppWindow: isAppWindowContents(wc) && details.isMainFrame !== false,
      },
      isAppUrl,
    );
    if (!allowed) log(`denied permission request: ${permission}`);
    callback(allowed);
  });
  ses.setPermissionCheckHandler((wc, permission, _origin, details) =>
    allowPermission(
      {
        permission,
        url: details.requestingUrl ?? wc?.getURL() ?? '',
        mediaTypes: details.mediaType ? [details.mediaType] : undefined,
        fromAppWindow: isAppWindowContents(wc) && details.isMainFrame !== false,
      },
      isAppUrl,
    ),
  );
  // Scanners and pads are main's business; the page gets no WebHID/WebSerial/WebUSB.
  ses.setDevicePermissionHandler(() => false);
  ses.setDisplayMediaRequestHandler((_req, callback) => callback({}));
}

function installIpc(st: Station): void {
  ipcMain.handle(
    'rekam:call',
    async (event: IpcMainInvokeEvent, method: unknown, input: unknown) => {
      const frame = event.senderFrame;
      // The TV window reads the public board and nothing else.
      const fromTv = isTvWindowContents(event.sender);
      if (fromTv && !(typeof method === 'string' && TV_METHODS.has(method))) {
        return fail('FORBIDDEN', 'Permintaan ditolak: layar TV hanya menampilkan antrian.');
      }
      const refused = checkIpcCall(
        {
          // Top frame of our window only: an iframe (even same-origin) must not drive the station.
          isMainFrameOfAppWindow:
            !!frame &&
            frame.parent === null &&
            (isAppWindowContents(event.sender) || fromTv) &&
            // Compare ids: WebFrameMain wrappers are not guaranteed to be the same JS object.
            frame.routingId === event.sender.mainFrame.routingId &&
            frame.processId === event.sender.mainFrame.processId,
          url: frame?.url ?? '',
        },
        method,
        isAppUrl,
      );
      if (refused) {
        log(`refused IPC call (${refused.ok ? '' : refused.error.code})`);
        return refused;
      }
      try {
        return await st.call(method as string, input);
      } catch (err) {
        // station.call promises never to throw; this is the last line if it ever does.
        log(`station.call threw: ${err instanceof Error ? err.name : 'unknown'}`);
        return fail(
          'INTERNAL',
          'Terjadi kesalahan internal. Coba lagi; jika berulang, hubungi teknisi.',
        );
      }
    },
  );
}

function buildMenu(): Menu | null {
  const template: MenuItemConstructorOptions[] = [];
  // macOS needs an app and edit menu for Quit and copy/paste shortcuts to work at all.
  if (process.platform === 'darwin') template.push({ role: 'appMenu' }, { role: 'editMenu' });
  if (!app.isPackaged) {
    template.push({
      label: 'Dev',
      submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }],
    });
  }
  return template.length > 0 ? Menu.buildFromTemplate(template) : null;
}

function fatal(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  log(`fatal: ${message}`);
  dialog.showErrorBox(
    'Rekam tidak dapat dimulai',
    `Rekam tidak dapat membuka data stasiun. Hubungi teknisi.\n\nRekam could not open the station data. Call the technician.\n\n${message}`,
  );
  app.exit(1);
}
