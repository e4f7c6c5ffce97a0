// A recording fake of the parts of the `electron` module the host uses, for the conformance
// suite (main.conformance.test.ts). It keeps what main.ts registers (windows and their
// webPreferences, session handlers, IPC handlers, the app:// handler, app events) so the test
// can call them the way Electron would, without the Electron binary.
import { EventEmitter } from 'node:events';

type Listener = (...args: never[]) => unknown;

export interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  routingId: number;
  processId: number;
}

let nextId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly mainFrame: FakeFrame;
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  readonly sent: unknown[][] = [];
  destroyed = false;
  constructor(public url = '') {
    super();
    this.mainFrame = { url, parent: null, routingId: this.id, processId: 100 + this.id };
  }
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }): void {
    this.windowOpenHandler = h;
  }
  getURL(): string {
    return this.url;
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  reload(): void {}
  /** A frame of this page: its top frame (parent null) or an iframe inside it. */
  frame(url: string, iframe = false): FakeFrame {
    if (!iframe) return { ...this.mainFrame, url };
    return { url, parent: this.mainFrame, routingId: this.id + 1000, processId: 100 + this.id };
  }
}

export function createFakeElectron(opts: { userData: string; appPath: string; packaged: boolean }) {
  const calls: string[] = [];
  const appEvents = new EventEmitter();
  const windows: FakeBrowserWindow[] = [];
  const ipcHandlers = new Map<string, Listener>();
  const protocolHandlers = new Map<string, (r: Request) => Promise<Response> | Response>();
  const privilegedSchemes: unknown[] = [];
  const session: Record<string, Listener | null> = {
    onHeadersReceived: null,
    permissionRequest: null,
    permissionCheck: null,
    devicePermission: null,
    displayMedia: null,
  };
  const crashReporterStarts: unknown[] = [];
  const errorBoxes: string[] = [];
  let exitCode: number | null = null;

  class FakeBrowserWindow extends EventEmitter {
    readonly webContents = new FakeWebContents();
    readonly loaded: string[] = [];
    destroyed = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      calls.push('new BrowserWindow');
      windows.push(this);
      appEvents.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      this.webContents.url = url;
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
    loadFile(file: string): Promise<void> {
      this.loaded.push(`loadFile:${file}`);
      return Promise.resolve();
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    focus(): void {
      calls.push('focus');
    }
    show(): void {}
  }

  const app = Object.assign(appEvents, {
    isPackaged: opts.packaged,
    name: 'Rekam',
    enableSandbox: () => void calls.push('app.enableSandbox'),
    requestSingleInstanceLock: () => true,
    whenReady: () => {
      calls.push('app.whenReady');
      return Promise.resolve();
    },
    getPath: (name: string) => {
      if (name !== 'userData') throw new Error(`fake getPath(${name})`);
      return opts.userData;
    },
    getAppPath: () => opts.appPath,
    getVersion: () => '0.0.0-test',
    quit: () => void calls.push('app.quit'),
    exit: (code: number) => {
      exitCode = code;
    },
  });

  const module = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: {
      setApplicationMenu: (m: unknown) =>
        void calls.push(`Menu.set:${m === null ? 'null' : 'menu'}`),
      buildFromTemplate: (t: unknown) => ({ template: t }),
    },
    dialog: {
      showErrorBox: (title: string, body: string) => void errorBoxes.push(`${title}\n${body}`),
    },
    ipcMain: {
      handle: (channel: string, fn: Listener) => void ipcHandlers.set(channel, fn),
      on: (channel: string, fn: Listener) => void ipcHandlers.set(`on:${channel}`, fn),
    },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        calls.push('protocol.registerSchemesAsPrivileged');
        privilegedSchemes.push(...schemes);
      },
      handle: (scheme: string, fn: (r: Request) => Promise<Response>) => {
        calls.push(`protocol.handle:${scheme}`);
        protocolHandlers.set(scheme, fn);
      },
    },
    safeStorage: { isEncryptionAvailable: () => false },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: (fn: Listener) => (session.onHeadersReceived = fn) },
        setPermissionRequestHandler: (fn: Listener) => (session.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Listener) => (session.permissionCheck = fn),
        setDevicePermissionHandler: (fn: Listener) => (session.devicePermission = fn),
        setDisplayMediaRequestHandler: (fn: Listener) => (session.displayMedia = fn),
      },
    },
    utilityProcess: {
      fork: () => {
        throw new Error('fake utilityProcess.fork: the test builds no device host');
      },
    },
    crashReporter: { start: (o: unknown) => void crashReporterStarts.push(o) },
  };

  return {
    module: { ...module, default: module },
    calls,
    windows,
    ipcHandlers,
    protocolHandlers,
    privilegedSchemes,
    session,
    crashReporterStarts,
    errorBoxes,
    get exitCode() {
      return exitCode;
    },
  };
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;
