// A serial port opened in the driver host child, seen from the station as a ByteTransport. The
// native serialport code runs in the child, so a crash there ends the child, not the station:
// every remote transport then emits 'close', the fingerprint driver goes 'disconnected', and its
// own reconnect reopens the port through the restarted child.
import { EventEmitter } from 'node:events';
import type { ByteTransport } from '../transport/byte-transport';
import type { HostPush } from './host-protocol';
import { HandleRouter } from './handle-router';
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
  const router: HandleRouter<Push, RemoteSerialTransport> = new HandleRouter(host, 'serial', (t) =>
    t.finish(),
  );
  const forget = (t: RemoteSerialTransport) => router.forget(t);
  const opener: SerialOpener = (path, baud) =>
    router.openVia(
      opts.upTimeoutMs ?? 15_000,
      () => host.request('serial.open', { path, baud }),
      (handle) => new RemoteSerialTransport(host, handle, path, forget),
      (t) => {
        // The child that opened it died meanwhile: the handle means nothing now.
        t.finish();
        return new Error('driver host restarted while opening the port');
      },
    );
  return opener;
}
