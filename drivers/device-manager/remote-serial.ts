// A serial port opened in the driver host child, seen from the station as a ByteTransport. The
// native serialport code runs in the child, so a crash there ends the child, not the station:
// every remote transport then emits 'close', the fingerprint driver goes 'disconnected', and its
// own reconnect reopens the port through the restarted child.
import { EventEmitter } from 'node:events';
import type { ByteTransport } from '../fingerprint/transport';
import type { HostPush } from './host-protocol';
import type { DriverHost } from './host-supervisor';

type Push = HostPush['serial'];

export class RemoteSerialTransport extends EventEmitter implements ByteTransport {
  private done = false;

  constructor(
    private readonly host: DriverHost,
    readonly handle: number,
    readonly path: string,
    private readonly forget: (t: RemoteSerialTransport) => void,
  ) {
    super();
  }

  get isOpen(): boolean {
    return !this.done;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.done) throw new Error('transport closed');
    const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('base64');
    await this.host.request('serial.write', { handle: this.handle, data });
  }

  async close(): Promise<void> {
    if (this.done) return;
    await this.host.request('serial.close', { handle: this.handle }).catch(() => undefined);
    this.finish();
  }

  /** @internal from the router */
  receive(p: Push): void {
    if (this.done) return;
    if (p.data) {
      const b = Buffer.from(p.data, 'base64');
      this.emit('data', new Uint8Array(b.buffer, b.byteOffset, b.length));
    }
    if (p.error) {
      // Like serialport: an 'error' with no listener must not become an uncaught exception.
      if (this.listenerCount('error') > 0) this.emit('error', new Error(p.error));
    }
    if (p.closed) this.finish();
  }

  /** @internal the port is gone (closed, or the child holding it died). */
  finish(): void {
    if (this.done) return;
    this.done = true;
    this.forget(this);
    this.emit('close');
  }
}

export type SerialOpener = (path: string, baud: number) => Promise<ByteTransport>;

/**
 * An opener for `createFingerprintDevice({ openSerial })`: opens through the driver host,
 * waiting for it to be up (it may be starting or restarting after a crash).
 */
export function remoteSerialOpener(host: DriverHost, opts: { upTimeoutMs?: number } = {}) {
  const open = new Map<number, RemoteSerialTransport>();
  // Pushes for a handle whose open reply has not been handled yet (same IPC stream, so they can
  // arrive before the awaiting code runs).
  const early = new Map<number, Push[]>();
  // Handles grow per child: one at or below this is already registered or gone.
  let highest = 0;
  host.on('serial', (p: Push) => {
    const t = open.get(p.handle);
    if (t) t.receive(p);
    else if (p.handle > highest) {
      const list = early.get(p.handle) ?? [];
      if (list.length < 1000) list.push(p);
      early.set(p.handle, list);
    }
  });
  host.on('lost', () => {
    early.clear();
    highest = 0;
    for (const t of [...open.values()]) t.finish();
  });
  const forget = (t: RemoteSerialTransport) => {
    if (open.get(t.handle) === t) open.delete(t.handle);
  };
  const opener: SerialOpener = async (path, baud) => {
    if (host.state !== 'up') await host.whenUp(opts.upTimeoutMs ?? 15_000);
    const pid = host.pid;
    const { handle } = await host.request('serial.open', { path, baud });
    const t = new RemoteSerialTransport(host, handle, path, forget);
    if (host.pid !== pid || host.state !== 'up') {
      // The child that opened it died meanwhile: the handle means nothing now.
      t.finish();
      throw new Error('driver host restarted while opening the port');
    }
    open.set(handle, t);
    highest = Math.max(highest, handle);
    const queued = early.get(handle);
    early.delete(handle);
    for (const p of queued ?? []) t.receive(p);
    return t;
  };
  return opener;
}
