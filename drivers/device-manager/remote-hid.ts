// A HID device opened in the driver host child, seen from the station as the signature pad's
// HidDevice. node-hid's native code runs in the child, so a crash there ends the child, not the
// station: every remote device then emits 'error' (what node-hid does on an unplug), the
// signature pad driver goes 'disconnected', and its own reconnect reopens the pad through the
// restarted child.
import { EventEmitter } from 'node:events';
import type { HidDevice } from '../signature-pad/hid-device';
import type { HidPush } from './host-protocol';
import type { DriverHost } from './host-supervisor';

const b64 = (d: number[] | Buffer) => (Buffer.isBuffer(d) ? d : Buffer.from(d)).toString('base64');

export class RemoteHidDevice extends EventEmitter implements HidDevice {
  private done = false;

  constructor(
    private readonly host: DriverHost,
    readonly handle: number,
    readonly path: string,
    private readonly forget: (d: RemoteHidDevice) => void,
  ) {
    super();
  }

  get isOpen(): boolean {
    return !this.done;
  }

  private ensureOpen(): void {
    if (this.done) throw new Error('HID device closed');
  }

  // Output reports are fire-and-forget (the pad driver only uses feature reports); a failure
  // means the device or the child is gone, which is an unplug.
  write(values: number[] | Buffer): number {
    this.ensureOpen();
    void this.host
      .request('hid.write', { handle: this.handle, data: b64(values) })
      .catch((e: unknown) => this.lose(e));
    return values.length;
  }

  async getFeatureReport(reportId: number, reportLength: number): Promise<number[]> {
    this.ensureOpen();
    const r = await this.host.request('hid.getFeatureReport', {
      handle: this.handle,
      reportId,
      length: reportLength,
    });
    return r.data;
  }

  async sendFeatureReport(data: number[] | Buffer): Promise<number> {
    this.ensureOpen();
    const r = await this.host.request('hid.sendFeatureReport', {
      handle: this.handle,
      data: b64(data),
    });
    return r.sent;
  }

  close(): void {
    if (this.done) return;
    void this.host.request('hid.close', { handle: this.handle }).catch(() => undefined);
    this.finish();
  }

  /** @internal from the router */
  receive(p: HidPush): void {
    if (this.done) return;
    if (p.data) this.emit('data', Buffer.from(p.data, 'base64'));
    if (p.error) this.lose(new Error(p.error));
    else if (p.closed) this.lose(new Error('HID device closed by the driver host'));
  }

  /** @internal the device is gone (unplugged, or the child holding it died). */
  lose(err: unknown): void {
    if (this.done) return;
    this.finish();
    // Like node-hid: an 'error' with no listener must not become an uncaught exception.
    if (this.listenerCount('error') > 0) {
      this.emit('error', err instanceof Error ? err : new Error(String(err)));
    }
  }

  private finish(): void {
    this.done = true;
    this.forget(this);
  }
}

export type HidOpener = (path: string) => Promise<HidDevice>;

/**
 * An opener for `createSignatureDevice({ openHid })`: opens through the driver host, waiting
 * for it to be up (it may be starting or restarting after a crash). `sim:stu-530` opens the STU
 * simulator inside the child (tests, training).
 */
export function remoteHidOpener(host: DriverHost, opts: { upTimeoutMs?: number } = {}) {
  const open = new Map<number, RemoteHidDevice>();
  // Pushes for a handle whose open reply has not been handled yet (same IPC stream).
  const early = new Map<number, HidPush[]>();
  let highest = 0;
  host.on('hid', (p: HidPush) => {
    const d = open.get(p.handle);
    if (d) d.receive(p);
    else if (p.handle > highest) {
      const list = early.get(p.handle) ?? [];
      if (list.length < 1000) list.push(p);
      early.set(p.handle, list);
    }
  });
  host.on('lost', () => {
    early.clear();
    highest = 0;
    for (const d of [...open.values()]) d.lose(new Error('driver host stopped'));
  });
  const forget = (d: RemoteHidDevice) => {
    if (open.get(d.handle) === d) open.delete(d.handle);
  };
  const opener: HidOpener & {
    /** The handle of an open remote device (tests drive `hid.simulate` with it). */
    handleOf(d: HidDevice): number | null;
  } = Object.assign(
    async (path: string) => {
      if (host.state !== 'up') await host.whenUp(opts.upTimeoutMs ?? 15_000);
      const pid = host.pid;
      const { handle } = await host.request('hid.open', { path });
      const d = new RemoteHidDevice(host, handle, path, forget);
      if (host.pid !== pid || host.state !== 'up') {
        d.lose(new Error('driver host restarted'));
        throw new Error('driver host restarted while opening the HID device');
      }
      open.set(handle, d);
      highest = Math.max(highest, handle);
      const queued = early.get(handle);
      early.delete(handle);
      for (const p of queued ?? []) d.receive(p);
      return d;
    },
    {
      // `d` may be wrapped (the traffic tap is a Proxy), so it is matched by its handle.
      handleOf: (d: HidDevice) =>
        d instanceof RemoteHidDevice && open.has(d.handle) ? d.handle : null,
    },
  );
  return opener;
}
