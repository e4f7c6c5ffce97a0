// The station side of a device opened in the driver host: the child names each open device by
// a handle and pushes its data over the same IPC stream as the replies. One router per kind of
// device (serial ports, HID devices) delivers those pushes, holds the ones that arrive before
// the open reply has been handled, and tells every open device when the child is lost.
import type { DriverHost } from './host-supervisor';

export interface RoutedDevice<P> {
  readonly handle: number;
  receive(push: P): void;
}

export class HandleRouter<P extends { handle: number }, D extends RoutedDevice<P>> {
  private readonly open = new Map<number, D>();
  private readonly early = new Map<number, P[]>();
  // Handles grow per child: one at or below this is already registered or gone.
  private highest = 0;

  constructor(
    private readonly host: DriverHost,
    channel: 'serial' | 'hid',
    /** The child holding the device died: the device must report itself gone. */
    lost: (device: D) => void,
  ) {
    host.on(channel, (p: P) => {
      const d = this.open.get(p.handle);
      if (d) d.receive(p);
      else if (p.handle > this.highest) {
        const list = this.early.get(p.handle) ?? [];
        if (list.length < 1000) list.push(p);
        this.early.set(p.handle, list);
      }
    });
    host.on('lost', () => {
      this.early.clear();
      this.highest = 0;
      for (const d of [...this.open.values()]) lost(d);
    });
  }

  /** Whether `handle` is an open device of this router. */
  has(handle: number): boolean {
    return this.open.has(handle);
  }

  forget(d: D): void {
    if (this.open.get(d.handle) === d) this.open.delete(d.handle);
  }

  /**
   * Opens through the host, waiting for it to be up (it may be starting or restarting after a
   * crash). `request` asks the child for a handle; `create` wraps it; `stale` closes a device
   * whose child died while it was being opened.
   */
  async openVia(
    upTimeoutMs: number,
    request: () => Promise<{ handle: number }>,
    create: (handle: number) => D,
    stale: (device: D) => Error,
  ): Promise<D> {
    if (this.host.state !== 'up') await this.host.whenUp(upTimeoutMs);
    const pid = this.host.pid;
    const { handle } = await request();
    const d = create(handle);
    if (this.host.pid !== pid || this.host.state !== 'up') throw stale(d);
    this.open.set(handle, d);
    this.highest = Math.max(this.highest, handle);
    const queued = this.early.get(handle);
    this.early.delete(handle);
    for (const p of queued ?? []) d.receive(p);
    return d;
  }
}
