// The simulated module's output line: replies are queued and released at the configured baud
// (baud/10 bytes per second, in bursts like a UART's), and injected faults (a bad checksum, a
// few dropped bytes) strike outgoing packets on their way out.
import { concatBytes } from './bytes';
import type { ByteTransport } from '../transport/byte-transport';

export type FaultKind = 'checksum' | 'drop' | 'stall' | 'unplug';

interface PendingFault {
  kind: 'checksum' | 'drop';
  /** Outgoing packets to let through before this one strikes. */
  skip: number;
  count: number;
}

export interface WireOptions {
  /** Pace output at baud/10 bytes per second (default true). */
  pace?: boolean;
  /** Multiplies the paced rate. */
  paceSpeedup?: number;
  /** How often the pacer releases a chunk (ms). */
  paceIntervalMs?: number;
  /** The module's line speed now (it changes with SetSysPara register 4). */
  baud: () => number;
  /** A fault struck a packet. */
  onFault: (kind: PendingFault['kind']) => void;
  /** Counts the bytes handed to the transport. */
  stats: { bytesOut: number };
}

export class SimWire {
  transport: ByteTransport;
  /** Answers nothing until resumed (a 'stall' fault). */
  stalled = false;
  /** Detached for good. */
  stopped = false;
  private readonly pace: boolean;
  private readonly paceSpeedup: number;
  private readonly paceIntervalMs: number;
  private faults: PendingFault[] = [];

  // Pacer state: bytes queued and the "wire clock" of the current burst.
  private queue: Uint8Array[] = [];
  private burstStart = 0;
  private burstSent = 0;
  private pumpTimer: NodeJS.Timeout | undefined;

  private readonly opts: WireOptions;

  constructor(transport: ByteTransport, opts: WireOptions) {
    this.transport = transport;
    this.opts = opts;
    this.pace = opts.pace ?? true;
    this.paceSpeedup = opts.paceSpeedup ?? 1;
    this.paceIntervalMs = opts.paceIntervalMs ?? 8;
  }

  /** Stalled or stopped: nothing goes in or out. */
  get silent(): boolean {
    return this.stalled || this.stopped;
  }

  /** How long `bytes` take on the wire at the paced rate (0 when not pacing). */
  sendMs(bytes: number): number {
    return this.pace ? (bytes / this.rate) * 1000 : 0;
  }

  /** Strikes the next outgoing packet (or the one `skip` later), `count` times. */
  addFault(kind: PendingFault['kind'], skip: number, count: number): void {
    this.faults.push({ kind, skip, count });
  }

  clearFaults(): void {
    this.faults = [];
  }

  enqueue(packet: Uint8Array): void {
    if (this.silent) return;
    this.queue.push(this.applyFaults(packet));
    this.pump();
  }

  /** Resolves once the queue is empty (or the line has gone silent). */
  async drained(): Promise<void> {
    while (this.queue.length > 0 && !this.silent) {
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  clearQueue(): void {
    this.queue = [];
    clearTimeout(this.pumpTimer);
    this.pumpTimer = undefined;
  }

  private applyFaults(packet: Uint8Array): Uint8Array {
    const f = this.faults[0];
    if (!f) return packet;
    if (f.skip > 0) {
      f.skip--;
      return packet;
    }
    if (--f.count <= 0) this.faults.shift();
    this.opts.onFault(f.kind);
    if (f.kind === 'checksum') {
      const out = packet.slice();
      out[out.length - 1]! ^= 0x5a;
      return out;
    }
    // Drop a few bytes from the middle, as an overrun UART does.
    const mid = Math.floor(packet.length / 2);
    return new Uint8Array([...packet.subarray(0, mid - 2), ...packet.subarray(mid + 3)]);
  }

  private get rate(): number {
    return (this.opts.baud() / 10) * this.paceSpeedup;
  }

  private pump = (): void => {
    if (this.pumpTimer !== undefined && this.pumpTimer !== null) return;
    if (!this.pace) {
      const all = this.queue;
      this.queue = [];
      for (const chunk of all) this.send(chunk);
      return;
    }
    const now = performance.now();
    // Continue the burst if the wire has not gone idle since; otherwise start a fresh one.
    if (now > this.burstStart + (this.burstSent / this.rate) * 1000) {
      this.burstStart = now;
      this.burstSent = 0;
    }
    this.release();
  };

  private release = (): void => {
    this.pumpTimer = undefined;
    if (this.silent) return;
    const now = performance.now();
    let allowed = Math.floor(((now - this.burstStart) / 1000) * this.rate) - this.burstSent;
    const parts: Uint8Array[] = [];
    let n = 0;
    while (allowed > 0 && this.queue.length > 0) {
      const head = this.queue[0]!;
      if (head.length <= allowed) {
        parts.push(head);
        this.queue.shift();
        allowed -= head.length;
        n += head.length;
      } else {
        parts.push(head.subarray(0, allowed));
        this.queue[0] = head.subarray(allowed);
        n += allowed;
        allowed = 0;
      }
    }
    if (n > 0) {
      this.burstSent += n;
      this.send(parts.length === 1 ? parts[0]! : concatBytes(parts));
    }
    if (this.queue.length > 0) {
      const nextBytes = Math.min(
        this.queue[0]!.length,
        Math.ceil((this.rate * this.paceIntervalMs) / 1000),
      );
      const due = this.burstStart + ((this.burstSent + nextBytes) / this.rate) * 1000;
      this.pumpTimer = setTimeout(
        this.release,
        Math.max(1, Math.min(this.paceIntervalMs, due - now)),
      );
    }
  };

  private send(bytes: Uint8Array): void {
    if (!this.transport.isOpen) return;
    this.opts.stats.bytesOut += bytes.length;
    this.transport.write(bytes).catch(() => {
      // The far end vanished mid-write: the close event will follow.
    });
  }
}
