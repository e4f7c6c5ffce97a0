// The only file that imports serialport: everything above it speaks ByteTransport.
import { SerialPort } from 'serialport';
import { EventEmitter } from 'node:events';
import type { ByteTransport } from './byte-transport';

export interface SerialOpenOptions {
  path: string;
  baudRate: number;
}

export class SerialTransport extends EventEmitter implements ByteTransport {
  private constructor(private readonly port: SerialPort) {
    super();
    port.on('data', (b: Buffer) =>
      this.emit('data', new Uint8Array(b.buffer, b.byteOffset, b.length)),
    );
    port.on('error', (e: Error) => this.emit('error', e));
    port.on('close', () => this.emit('close'));
  }

  static open(opts: SerialOpenOptions): Promise<SerialTransport> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({ path: opts.path, baudRate: opts.baudRate, autoOpen: false });
      port.open((err) => (err ? reject(err) : resolve(new SerialTransport(port))));
    });
  }

  get path(): string {
    return this.port.path;
  }

  get isOpen(): boolean {
    return this.port.isOpen;
  }

  write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.port.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), (err) =>
        err ? reject(err) : resolve(),
      );
    });
  }

  /** Changes the line speed in place (after SetSysPara register 4). */
  setBaud(baudRate: number): Promise<void> {
    return new Promise((resolve, reject) =>
      this.port.update({ baudRate }, (err) => (err ? reject(err) : resolve())),
    );
  }

  close(): Promise<void> {
    if (!this.port.isOpen) return Promise.resolve();
    return new Promise((resolve) => this.port.close(() => resolve()));
  }
}

export function openSerialTransport(path: string, baudRate: number): Promise<SerialTransport> {
  return SerialTransport.open({ path, baudRate });
}

/** Candidate ports for discovery, USB-serial adapters first (that is how modules are sold). */
export async function listSerialPorts(): Promise<string[]> {
  const ports = await SerialPort.list();
  const usb = (p: { vendorId?: string }) => (p.vendorId ? 0 : 1);
  return ports.sort((a, b) => usb(a) - usb(b)).map((p) => p.path);
}
