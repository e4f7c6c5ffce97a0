// Discovery and hot-plug: polls the driver host's enumeration, matches devices to drivers by
// their USB ids, probes fingerprint candidates (a bridge chip says nothing about what is
// behind it) and emits 'changed' whenever the picture changes. After a driver host restart it
// enumerates again at once, so the station re-reports what is plugged in.
import { EventEmitter } from 'node:events';
import type { HostOp, HostOps } from './host-protocol';
import type { HostState } from './host-supervisor';
import { deviceKey, matchDevice } from './matching';
import type { DriverMatch, RawDevice } from './matching';

/** What the manager needs of the driver host (DriverHost, or in-process ops in tests). */
export interface HostClient {
  request<O extends HostOp>(op: O, params: HostOps[O]['params']): Promise<HostOps[O]['result']>;
  readonly state?: HostState;
  on?(event: 'up' | 'down', listener: (...a: unknown[]) => void): unknown;
  off?(event: 'up' | 'down', listener: (...a: unknown[]) => void): unknown;
}

export type ProbeState =
  | { state: 'not-needed' }
  | { state: 'pending' }
  | { state: 'skipped'; reason: string }
  | { state: 'answered'; baud: number; systemId: number; capacity: number }
  | { state: 'silent'; error: string };

export interface ManagedDevice extends RawDevice {
  id: string;
  match: DriverMatch;
  probe: ProbeState;
  firstSeen: number;
}

export interface DeviceManagerOptions {
  host: HostClient;
  /** Enumeration period; hot-plug shows within one period. */
  pollMs?: number;
  /** Probe fingerprint candidates with a handshake (default true). */
  probe?: boolean;
  /** Ports not to probe: the one the station's scanner driver already holds open. */
  inUse?: () => ReadonlySet<string>;
  now?: () => number;
}

export class DeviceManager extends EventEmitter {
  private readonly devices = new Map<string, ManagedDevice>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | null = null;
  private stopped = true;
  private probing = false;
  private lastErrors: string[] = [];
  private hostUp = false;
  private readonly onUp = () => {
    this.hostUp = true;
    this.emit('host', 'up');
    void this.refresh();
  };
  private readonly onDown = () => {
    this.hostUp = false;
    this.emit('host', 'down');
  };

  constructor(private readonly opts: DeviceManagerOptions) {
    super();
  }

  start(): this {
    if (!this.stopped) return this;
    this.stopped = false;
    this.opts.host.on?.('up', this.onUp);
    this.opts.host.on?.('down', this.onDown);
    this.hostUp = this.opts.host.state === undefined || this.opts.host.state === 'up';
    if (this.hostUp) void this.refresh();
    this.schedule();
    return this;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.opts.host.off?.('up', this.onUp);
    this.opts.host.off?.('down', this.onDown);
  }

  list(): ManagedDevice[] {
    return [...this.devices.values()];
  }

  /** Enumeration problems of the last poll (e.g. no permission on /dev/hidraw*). */
  errors(): readonly string[] {
    return this.lastErrors;
  }

  /** Whether the driver host answered the last enumeration. */
  get hostState(): 'up' | 'down' {
    return this.hostUp ? 'up' : 'down';
  }

  /** One enumeration now (also what the poll timer runs); concurrent calls share one poll. */
  refresh(): Promise<void> {
    this.polling ??= this.poll().finally(() => (this.polling = null));
    return this.polling;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.refresh().finally(() => this.schedule());
    }, this.opts.pollMs ?? 2000);
    // Polling must never keep a closing station alive.
    this.timer.unref?.();
  }

  private async poll(): Promise<void> {
    let result: { devices: RawDevice[]; errors: string[] };
    try {
      result = await this.opts.host.request('enumerate', {});
    } catch {
      // Host down or restarting: keep the last picture; 'up' triggers a fresh poll.
      if (this.hostUp) {
        this.hostUp = false;
        this.emit('host', 'down');
      }
      return;
    }
    if (this.stopped) return;
    if (!this.hostUp) {
      this.hostUp = true;
      this.emit('host', 'up');
    }
    this.lastErrors = result.errors;
    const now = (this.opts.now ?? Date.now)();
    const seen = new Set<string>();
    let changed = false;
    for (const raw of result.devices) {
      const match = matchDevice(raw);
      if (!match) continue;
      const id = deviceKey(raw);
      seen.add(id);
      const old = this.devices.get(id);
      if (old && old.vendorId === raw.vendorId && old.productId === raw.productId) continue;
      this.devices.set(id, {
        ...raw,
        id,
        match,
        probe:
          match.certainty === 'candidate' && match.modality === 'fingerprint'
            ? { state: 'pending' }
            : { state: 'not-needed' },
        firstSeen: now,
      });
      changed = true;
    }
    for (const id of [...this.devices.keys()]) {
      if (!seen.has(id)) {
        this.devices.delete(id);
        changed = true;
      }
    }
    if (changed) this.emit('changed', this.list());
    if (this.opts.probe !== false) void this.probePending();
  }

  /** One probe at a time: probing opens ports, and two at once would fight over a bridge. */
  private async probePending(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      for (;;) {
        const next = this.list().find((d) => d.probe.state === 'pending');
        if (!next || this.stopped) return;
        if (this.opts.inUse?.().has(next.path)) {
          next.probe = { state: 'skipped', reason: 'in-use' };
          this.emit('changed', this.list());
          continue;
        }
        let probe: ProbeState;
        try {
          const r = await this.opts.host.request('probe', { path: next.path });
          probe = r.answered
            ? {
                state: 'answered',
                baud: r.baud,
                systemId: r.params.systemId,
                capacity: r.params.capacity,
              }
            : { state: 'silent', error: r.error };
        } catch (e) {
          // The host died mid-probe: try again when it is back.
          if (!this.hostUp || this.stopped) return;
          probe = { state: 'silent', error: (e as Error).message };
        }
        const current = this.devices.get(next.id);
        if (current === next) {
          current.probe = probe;
          this.emit('changed', this.list());
        }
      }
    } finally {
      this.probing = false;
    }
  }
}
