/**
 * Minimal typings for the parts of Electron this host uses. Electron is not installed on the
 * development and CI machines (its binary cannot be downloaded there), so its own
 * `electron.d.ts` is missing. When electron is installed, its typings load as well; the
 * project's `skipLibCheck` keeps the two from clashing, and this file can then be deleted.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- event arguments are typed per event by the listeners, as in Electron's own typings */
declare module 'electron' {
  type Listener = (...args: any[]) => void;

  interface WebFrameMain {
    url: string;
    parent: WebFrameMain | null;
    routingId: number;
    processId: number;
  }

  interface IpcMainInvokeEvent {
    sender: WebContents;
    senderFrame: WebFrameMain | null;
  }

  interface PermissionRequestDetails {
    requestingUrl?: string;
    mediaTypes?: Array<'video' | 'audio'>;
    isMainFrame?: boolean;
  }
  interface PermissionCheckDetails {
    requestingUrl?: string;
    mediaType?: 'video' | 'audio' | 'unknown';
    isMainFrame?: boolean;
    securityOrigin?: string;
  }

  interface WebRequestHeadersDetails {
    url: string;
    resourceType: string;
    responseHeaders?: Record<string, string[]>;
  }

  interface Session {
    setPermissionRequestHandler(
      handler:
        | ((
            webContents: WebContents,
            permission: string,
            callback: (granted: boolean) => void,
            details: PermissionRequestDetails,
          ) => void)
        | null,
    ): void;
    setPermissionCheckHandler(
      handler:
        | ((
            webContents: WebContents | null,
            permission: string,
            requestingOrigin: string,
            details: PermissionCheckDetails,
          ) => boolean)
        | null,
    ): void;
    setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
    setDisplayMediaRequestHandler(
      handler:
        | ((request: unknown, callback: (streams: Record<string, never>) => void) => void)
        | null,
    ): void;
    webRequest: {
      onHeadersReceived(
        listener: (
          details: WebRequestHeadersDetails,
          callback: (response: { responseHeaders?: Record<string, string[] | string> }) => void,
        ) => void,
      ): void;
    };
  }

  interface WebContents {
    id: number;
    mainFrame: WebFrameMain;
    session: Session;
    getURL(): string;
    isDestroyed(): boolean;
    send(channel: string, ...args: unknown[]): void;
    on(event: string, listener: Listener): this;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void;
    reload(): void;
  }

  interface BrowserWindowConstructorOptions {
    width?: number;
    height?: number;
    minWidth?: number;
    minHeight?: number;
    show?: boolean;
    title?: string;
    backgroundColor?: string;
    autoHideMenuBar?: boolean;
    webPreferences?: {
      preload?: string;
      contextIsolation?: boolean;
      sandbox?: boolean;
      nodeIntegration?: boolean;
      nodeIntegrationInWorker?: boolean;
      nodeIntegrationInSubFrames?: boolean;
      webSecurity?: boolean;
      allowRunningInsecureContent?: boolean;
      webviewTag?: boolean;
      spellcheck?: boolean;
      devTools?: boolean;
      navigateOnDragDrop?: boolean;
    };
  }

  class BrowserWindow {
    constructor(options?: BrowserWindowConstructorOptions);
    webContents: WebContents;
    loadFile(file: string, options?: { hash?: string }): Promise<void>;
    loadURL(url: string): Promise<void>;
    show(): void;
    focus(): void;
    restore(): void;
    isMinimized(): boolean;
    isDestroyed(): boolean;
    once(event: string, listener: Listener): this;
    on(event: string, listener: Listener): this;
    static getAllWindows(): BrowserWindow[];
  }

  interface App {
    isPackaged: boolean;
    getPath(name: 'userData' | 'logs' | 'temp' | 'home'): string;
    getAppPath(): string;
    getVersion(): string;
    requestSingleInstanceLock(): boolean;
    enableSandbox(): void;
    whenReady(): Promise<void>;
    quit(): void;
    exit(code?: number): void;
    on(event: string, listener: Listener): this;
  }

  interface MenuItemConstructorOptions {
    role?: string;
    label?: string;
    submenu?: MenuItemConstructorOptions[];
    type?: 'separator';
  }
  class Menu {
    static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu;
    static setApplicationMenu(menu: Menu | null): void;
  }

  export const app: App;
  export const ipcMain: {
    handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: any[]) => unknown): void;
  };
  export const session: { defaultSession: Session };
  export const safeStorage: {
    isEncryptionAvailable(): boolean;
    encryptString(plainText: string): Buffer;
    decryptString(encrypted: Buffer): string;
    getSelectedStorageBackend(): string;
  };
  export const dialog: { showErrorBox(title: string, content: string): void };
  interface UtilityProcess {
    readonly pid: number | undefined;
    postMessage(message: unknown): void;
    on(event: 'message', listener: (message: unknown) => void): this;
    once(event: 'exit', listener: (code: number) => void): this;
    kill(): boolean;
  }
  export const utilityProcess: {
    fork(modulePath: string, args?: string[], options?: { serviceName?: string }): UtilityProcess;
  };
  export const contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  interface IpcRendererEvent {
    sender: unknown;
  }
  export const ipcRenderer: {
    invoke(channel: string, ...args: unknown[]): Promise<any>;
    on(channel: string, listener: (event: IpcRendererEvent, ...args: any[]) => void): void;
    removeListener(channel: string, listener: (...args: any[]) => void): void;
  };
  export { BrowserWindow, Menu };
  export type {
    BrowserWindowConstructorOptions,
    IpcMainInvokeEvent,
    IpcRendererEvent,
    MenuItemConstructorOptions,
    Session,
    WebContents,
    WebFrameMain,
  };
}

declare namespace NodeJS {
  interface Process {
    /** Electron: the app's resources folder (packaged builds). */
    readonly resourcesPath: string;
  }
  interface ProcessVersions {
    readonly electron?: string;
  }
}
