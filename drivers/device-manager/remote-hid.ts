// A HID device opened in the driver host child, seen from the station as the signature pad's
// HidDevice. node-hid's native code runs in the child, so a crash there ends the child, not the
// station: every remote device then emits 'error' (what node-hid does on an unplug), the
// signature pad driver goes 'disconnected', and its own reconnect reopens the pad through the
// restarted child.
import { EventEmitter } from 'node:events';
import type { HidDevice } from '../transport/hid-device';
import type { HidDeviceInfo } from '../transport/hid';
import type { HidPush } from './host-protocol';
import { HandleRouter } from './handle-router';
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
  const router: HandleRouter<HidPush, RemoteHidDevice> = new HandleRouter(host, 'hid', (d) =>
    d.lose(new Error('driver host stopped')),
  );
  const forget = (d: RemoteHidDevice) => router.forget(d);
  const opener: HidOpener & {
    /** The handle of an open remote device (tests drive `hid.simulate` with it). */
    handleOf(d: HidDevice): number | null;
  } = Object.assign(
    (path: string): Promise<HidDevice> =>
      router.openVia(
        opts.upTimeoutMs ?? 15_000,
        () => host.request('hid.open', { path }),
        (handle) => new RemoteHidDevice(host, handle, path, forget),
        (d) => {
          d.lose(new Error('driver host restarted'));
          return new Error('driver host restarted while opening the HID device');
        },
      ),
    {
      // `d` may be wrapped (the traffic tap is a Proxy), so it is matched by its handle.
      handleOf: (d: HidDevice) =>
        d instanceof RemoteHidDevice && router.has(d.handle) ? d.handle : null,
    },
  );
  return opener;
}

/**
 * `--signature auto`'s pad list read in the driver host child: node-hid's `devices()` and the
 * sysfs descriptors never run in the station's process.
 */
export function remoteHidLister(host: DriverHost): HidLister {
  return async () => {
    const r = await host.request('hid.list', {});
    return {
      devices: r.devices,
      readDescriptor: (path) => {
        const b64 = r.descriptors[path];
        return b64 ? new Uint8Array(Buffer.from(b64, 'base64')) : null;
      },
    };
  };
}

export type HidLister = () => Promise<{
  devices: HidDeviceInfo[];
  readDescriptor: (path: string) => Uint8Array | null;
}>;
