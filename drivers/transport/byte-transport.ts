// The byte-stream boundary between the protocol code and whatever carries the bytes: a real
// serial port (serial.ts beside this file) or the in-memory pair below for unit tests.
import { EventEmitter } from 'node:events';

export interface TransportEvents {
  data: (bytes: Uint8Array) => void;
  close: () => void;
  error: (err: Error) => void;
}

export interface ByteTransport {
  readonly isOpen: boolean;
  write(bytes: Uint8Array): Promise<void>;
  on<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): this;
  off<E extends keyof TransportEvents>(event: E, listener: TransportEvents[E]): this;
  close(): Promise<void>;
}

class MemoryEnd extends EventEmitter implements ByteTransport {
  peer: MemoryEnd | undefined;
  private open = true;

  constructor(private readonly onClose: () => void) {
    super();
  }

  get isOpen(): boolean {
    return this.open;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.open) throw new Error('transport closed');
    const copy = bytes.slice();
    const peer = this.peer;
    // Deliver asynchronously, as a UART would: the writer must never see its own reply inline.
    setImmediate(() => {
      if (peer?.open) peer.emit('data', copy);
    });
  }

  async close(): Promise<void> {
    this.onClose();
  }

  shut(): void {
    if (!this.open) return;
    this.open = false;
    this.emit('close');
  }
}

/**
 * Two connected ends. Closing either end closes both: that is what pulling the cable looks like
 * from the host (the port vanishes) and from the device (power goes).
 */
export function createMemoryPair(): [ByteTransport, ByteTransport] {
  const closeBoth = () => setImmediate(() => (a.shut(), b.shut()));
  const a = new MemoryEnd(closeBoth);
  const b = new MemoryEnd(closeBoth);
  a.peer = b;
  b.peer = a;
  return [a, b];
}
