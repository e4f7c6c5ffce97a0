// Keeps the driver host (a child process with the native device code) running: spawns it,
// answers requests over IPC with timeouts, and restarts it with exponential backoff when it
// dies, so a crashing native addon costs the station a few seconds of device info, not the
// recording session.
import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { fileURLToPath } from 'node:url';
import type {
  HostHello,
  HostHidPush,
  HostOp,
  HostOps,
  HostPush,
  HostReply,
  HostRequest,
} from './host-protocol';
import { backoffMs } from '../../shared/backoff';

/** A running child, whatever started it (child_process.fork, Electron utilityProcess). */
export interface HostChannel {
  readonly pid: number | undefined;
  send(message: HostRequest): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  kill(signal?: NodeJS.Signals): void;
}

export type HostSpawner = () => HostChannel;

export const HOST_CHILD_ENTRY = fileURLToPath(new URL('./host-child.ts', import.meta.url));

/** child_process.fork of the TypeScript entry through tsx (browser host, tests). */
export function forkSpawner(entry: string = HOST_CHILD_ENTRY): HostSpawner {
  return () => {
    const child = fork(entry, [], {
      execArgv: entry.endsWith('.ts') ? ['--import', 'tsx'] : [],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      serialization: 'json',
    });
    // A child that dies between `connected` and the write makes the IPC channel fail with
    // EPIPE asynchronously; without a listener that is an uncaught exception in the station.
    // The exit handler restarts the child and fails its pending requests, so there is nothing
    // else to do here.
    child.on('error', () => undefined);
    return {
      get pid() {
        return child.pid;
      },
      send: (m) => {
        if (child.connected) child.send(m, (err) => void err);
      },
      onMessage: (l) => child.on('message', l),
      onExit: (l) => child.once('exit', (code, signal) => l(code, signal)),
      kill: (signal = 'SIGTERM') => void child.kill(signal),
    };
  };
}

export class DriverHostError extends Error {
  override name = 'DriverHostError';
  constructor(
    readonly code: 'HOST_DOWN' | 'TIMEOUT' | 'FAILED' | 'CLOSED',
    message: string,
  ) {
    super(message);
  }
}

export interface DriverHostOptions {
  spawn: HostSpawner;
  backoff?: { initialMs?: number; maxMs?: number };
  /** A child that stays up this long has its backoff reset. */
  stableMs?: number;
  requestTimeoutMs?: number;
  log?: {
    info(m: string, f?: Record<string, unknown>): void;
    warn(m: string, f?: Record<string, unknown>): void;
  };
}

export type HostState = 'starting' | 'up' | 'down' | 'closed';

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * Events: 'up' (pid) when a child says hello, 'down' ({code, signal, restartInMs}) when it
 * exits unexpectedly. `restarts` counts the children started after the first. Push messages
 * from the child arrive as 'serial' (HostPush['serial']) and 'hid' (HidPush); 'lost' means the
 * child that held every open serial and HID handle is gone (crash or close), so those handles
 * are dead.
 */
export class DriverHost extends EventEmitter {
  private child: HostChannel | null = null;
  private _state: HostState = 'starting';
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Consecutive restarts without a stable run in between. */
  private failuresInARow = 0;
  private restartTimer: NodeJS.Timeout | undefined;
  private upSince = 0;
  private spawned = 0;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly stableMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly opts: DriverHostOptions) {
    super();
    this.initialMs = opts.backoff?.initialMs ?? 250;
    this.maxMs = opts.backoff?.maxMs ?? 10_000;
    this.stableMs = opts.stableMs ?? 10_000;
    this.timeoutMs = opts.requestTimeoutMs ?? 15_000;
  }

  get state(): HostState {
    return this._state;
  }

  get pid(): number | undefined {
    return this._state === 'up' ? this.child?.pid : undefined;
  }

  get restarts(): number {
    return Math.max(0, this.spawned - 1);
  }

  start(): this {
    if (this._state === 'closed' || this.child) return this;
    this.spawnChild();
    return this;
  }

  /** Resolves once a child is up (or rejects after `timeoutMs`). */
  whenUp(timeoutMs = 15_000): Promise<number> {
    if (this._state === 'up' && this.child?.pid) return Promise.resolve(this.child.pid);
    if (this._state === 'closed') {
      return Promise.reject(new DriverHostError('CLOSED', 'driver host closed'));
    }
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.off('up', onUp);
        this.off('closed', onClosed);
        reject(new DriverHostError('TIMEOUT', 'driver host did not come up'));
      }, timeoutMs);
      const onUp = (pid: number) => {
        clearTimeout(t);
        this.off('closed', onClosed);
        resolve(pid);
      };
      const onClosed = () => {
        clearTimeout(t);
        this.off('up', onUp);
        reject(new DriverHostError('CLOSED', 'driver host closed'));
      };
      this.once('up', onUp);
      this.once('closed', onClosed);
    });
  }

  request<O extends HostOp>(
    op: O,
    params: HostOps[O]['params'],
    timeoutMs = this.timeoutMs,
  ): Promise<HostOps[O]['result']> {
    if (this._state === 'closed') {
      return Promise.reject(new DriverHostError('CLOSED', 'driver host closed'));
    }
    if (this._state !== 'up' || !this.child) {
      return Promise.reject(new DriverHostError('HOST_DOWN', 'driver host is not running'));
    }
    const id = this.nextId++;
    const child = this.child;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new DriverHostError('TIMEOUT', `driver host did not answer ${op}`));
        // A native call that never returns hangs the whole child: treat it like a crash.
        if (this.child === child) child.kill('SIGKILL');
      }, timeoutMs);
      timer.unref?.();
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
      child.send({ id, op, params });
    });
  }

  async close(): Promise<void> {
    if (this._state === 'closed') return;
    this._state = 'closed';
    clearTimeout(this.restartTimer);
    this.failPending(new DriverHostError('CLOSED', 'driver host closed'));
    this.emit('lost');
    this.emit('closed');
    const child = this.child;
    this.child = null;
    if (!child) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 2000);
      child.onExit(() => {
        clearTimeout(t);
        resolve();
      });
      child.kill('SIGTERM');
    });
  }

  private spawnChild(): void {
    this._state = 'starting';
    this.spawned++;
    let child: HostChannel;
    try {
      child = this.opts.spawn();
    } catch (e) {
      this.opts.log?.warn('driver host failed to spawn', { error: (e as Error).message });
      this.scheduleRestart(null, null);
      return;
    }
    this.child = child;
    child.onMessage((m) => {
      if (this.child !== child) return;
      if (m && typeof m === 'object' && 'hello' in m) {
        this._state = 'up';
        this.upSince = Date.now();
        this.opts.log?.info('driver host up', { pid: (m as HostHello).hello.pid });
        this.emit('up', (m as HostHello).hello.pid);
        return;
      }
      if (m && typeof m === 'object' && 'serial' in m) {
        this.emit('serial', (m as HostPush).serial);
        return;
      }
      if (m && typeof m === 'object' && 'hid' in m) {
        this.emit('hid', (m as HostHidPush).hid);
        return;
      }
      const r = m as HostReply;
      const p = this.pending.get(r?.id);
      if (!p) return;
      this.pending.delete(r.id);
      clearTimeout(p.timer);
      if (r.ok) p.resolve(r.value);
      else p.reject(new DriverHostError('FAILED', r.error));
    });
    child.onExit((code, signal) => {
      if (this.child !== child) return;
      this.child = null;
      if (this._state === 'closed') return;
      this.scheduleRestart(code, signal);
    });
  }

  private scheduleRestart(code: number | null, signal: string | null): void {
    this._state = 'down';
    this.failPending(new DriverHostError('HOST_DOWN', 'driver host stopped'));
    this.emit('lost');
    if (this.upSince && Date.now() - this.upSince >= this.stableMs) this.failuresInARow = 0;
    this.failuresInARow += 1;
    const wait = backoffMs(this.failuresInARow, { baseMs: this.initialMs, maxMs: this.maxMs });
    this.opts.log?.warn('driver host stopped; restarting', { code, signal, restartInMs: wait });
    this.emit('down', { code, signal, restartInMs: wait });
    this.restartTimer = setTimeout(() => this.spawnChild(), wait);
    this.restartTimer.unref?.();
  }

  private failPending(e: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(e);
      this.pending.delete(id);
    }
  }
}
