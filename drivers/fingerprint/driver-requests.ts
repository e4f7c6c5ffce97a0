// The driver's request/response plumbing: one request on the wire at a time (others wait in a
// queue), per-command timeouts, cancellation, acks and bulk data assembled from the decoded
// packets, and settling the line after a failed exchange. Subclasses own the port itself.
import { EventEmitter } from 'node:events';
import {
  COMMAND_NAMES,
  DEFAULT_ADDRESS,
  PID,
  buildDataPackets,
  concatBytes,
  expectOk,
  parseAck,
} from './codec';
import type { Ack, Packet, PacketSize } from './codec';
import { PacketDecoder } from './decoder';
import { FingerprintError } from './errors';
import { DEFAULT_TIMEOUTS } from './driver-types';
import type {
  CaptureStatus,
  DriverOptions,
  DriverState,
  DriverTimeouts,
  RequestOptions,
} from './driver-types';
import type { ByteTransport } from '../transport/byte-transport';

interface Exchange {
  name: string;
  /** Bytes expected in data packets after a good ack (0: ack only). */
  dataBytes: number;
  /** Probes at a new baud expect silence; their timeouts do not count as a lost device. */
  probe?: boolean;
  /** The address the ack comes from when it is not the current one (SetAdder). */
  replyAddress?: number;
  onStatus?: (s: CaptureStatus) => void;
  ack?: Ack;
  chunks: Uint8Array[];
  received: number;
  timer?: NodeJS.Timeout;
  resolve(v: { ack: Ack; data: Uint8Array }): void;
  reject(e: FingerprintError): void;
}

interface Job {
  internal: boolean;
}

/** How a command is sent and what happens once the module has acked it. */
export interface CommandOptions {
  /** Longer than the ordinary ack timeout (GenImg). */
  timeoutMs?: number;
  /** The address the ack comes from when it is not the current one (SetAdder). */
  replyAddress?: number;
  /** Runs in the command's queue slot, after a good ack (the module took a new setting). */
  then?: () => void;
}

const MAX_SETTLE_MS = 15_000;

export abstract class RequestQueue extends EventEmitter {
  protected transport: ByteTransport | undefined;
  protected address: number;
  protected password: number;
  protected readonly timeouts: DriverTimeouts;
  private readonly maxConsecutiveTimeouts: number;
  protected readonly decoder: PacketDecoder;

  protected _state: DriverState = 'idle';
  private tail: Promise<unknown> = Promise.resolve();
  private inflight: Exchange | undefined;
  private lastRxAt = 0;
  protected needsSettle = false;
  protected consecutiveTimeouts = 0;
  protected packetSize: PacketSize | undefined;

  constructor(opts: DriverOptions) {
    super();
    this.address = opts.address ?? DEFAULT_ADDRESS;
    this.password = opts.password ?? 0;
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
    this.maxConsecutiveTimeouts = opts.maxConsecutiveTimeouts ?? 3;
    this.decoder = new PacketDecoder((f) => {
      this.emit('frame-error', f);
      this.failInflight(new FingerprintError('CORRUPT_FRAME', { detail: f.reason }));
    });
  }

  /** The port is gone (closed, errored, or the module stopped answering). */
  protected abstract lost(cause: Error): void;

  protected async command(
    bytes: Uint8Array,
    opts: RequestOptions,
    how: CommandOptions = {},
  ): Promise<Ack> {
    const name = COMMAND_NAMES[bytes[9]!] ?? 'COMMAND';
    return this.run(opts, async () => {
      const { ack } = await this.exchange(name, bytes, how.timeoutMs ?? this.timeouts.ackMs, 0, {
        replyAddress: how.replyAddress,
      });
      expectOk(ack, name);
      how.then?.();
      return ack;
    });
  }

  /**
   * Queues `fn` behind every earlier request. The caller's promise settles early on abort, but
   * the queue slot is held until the device has finished answering, so a late reply can never
   * be mistaken for the answer to the next command.
   */
  protected run<T>(opts: RequestOptions, fn: () => Promise<T>, job: Job = { internal: false }) {
    const { signal } = opts;
    throwIfAborted(signal);
    const device = this.tail.then(async () => {
      if (this._state === 'closed') throw new FingerprintError('CLOSED');
      if (this._state === 'disconnected' || (this._state === 'reconnecting' && !job.internal)) {
        throw new FingerprintError('DISCONNECTED');
      }
      throwIfAborted(signal);
      if (this.needsSettle) await this.settle();
      if (!job.internal) this.setState('busy');
      try {
        return await fn();
      } finally {
        if (this._state === 'busy') this.setState('idle');
      }
    });
    this.tail = device.catch(() => undefined);
    if (!signal) return device;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new FingerprintError('CANCELLED'));
      signal.addEventListener('abort', onAbort, { once: true });
      device.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  protected exchange(
    name: string,
    bytes: Uint8Array,
    ackTimeoutMs: number,
    dataBytes: number,
    extra: Pick<Exchange, 'probe' | 'onStatus' | 'replyAddress'> = {},
  ): Promise<{ ack: Ack; data: Uint8Array }> {
    const transport = this.transport;
    if (!transport?.isOpen) return Promise.reject(new FingerprintError('DISCONNECTED'));
    return new Promise((resolve, reject) => {
      const ex: Exchange = {
        name,
        dataBytes,
        ...extra,
        chunks: [],
        received: 0,
        resolve: (v) => {
          this.finish(ex);
          this.consecutiveTimeouts = 0;
          resolve(v);
        },
        reject: (e) => {
          this.finish(ex);
          if (e.code !== 'DISCONNECTED' && e.code !== 'CLOSED') this.needsSettle = true;
          reject(e);
          if (
            e.code === 'TIMEOUT' &&
            !ex.probe &&
            ++this.consecutiveTimeouts >= this.maxConsecutiveTimeouts
          ) {
            this.lost(new Error('device stopped answering'));
          }
        },
      };
      this.inflight = ex;
      this.arm(ex, ackTimeoutMs);
      transport.write(bytes).catch((e: Error) => {
        ex.reject(new FingerprintError('DISCONNECTED', { detail: e.message }));
      });
    });
  }

  protected arm(ex: Exchange, ms: number): void {
    clearTimeout(ex.timer);
    ex.timer = setTimeout(() => {
      const phase = ex.ack ? `data after ${ex.received} bytes` : 'ack';
      ex.reject(new FingerprintError('TIMEOUT', { detail: `${ex.name} ${phase}` }));
    }, ms);
  }

  protected finish(ex: Exchange): void {
    clearTimeout(ex.timer);
    if (this.inflight === ex) this.inflight = undefined;
  }

  protected failInflight(e: FingerprintError): void {
    this.inflight?.reject(e);
  }

  protected onPacket(p: Packet): void {
    const ex = this.inflight;
    if (!ex || p.address !== (ex.replyAddress ?? this.address)) return;
    if (!ex.ack) {
      // Data packets here are leftovers of an abandoned transfer; only an ack answers us.
      if (p.pid !== PID.ACK) return;
      const ack = parseAck(p);
      ex.ack = ack;
      if (ex.dataBytes === 0 || ack.confirmation !== 0)
        return ex.resolve({ ack, data: new Uint8Array() });
      this.arm(ex, this.timeouts.dataIdleMs);
      return;
    }
    if (p.pid !== PID.DATA && p.pid !== PID.END_DATA) return;
    ex.chunks.push(p.payload);
    ex.received += p.payload.length;
    if (ex.name === 'UP_IMAGE' && (ex.chunks.length % 16 === 0 || p.pid === PID.END_DATA)) {
      this.emitStatus(
        { kind: 'uploading', received: ex.received, total: ex.dataBytes },
        ex.onStatus,
      );
    }
    if (p.pid === PID.END_DATA) {
      if (ex.received !== ex.dataBytes) {
        const code = ex.name === 'UP_IMAGE' ? 'IMAGE_INCOMPLETE' : 'TEMPLATE_UPLOAD_FAILED';
        return ex.reject(
          new FingerprintError(code, { detail: `${ex.received} of ${ex.dataBytes} bytes` }),
        );
      }
      return ex.resolve({ ack: ex.ack, data: concatBytes(ex.chunks) });
    }
    if (ex.received > ex.dataBytes) {
      return ex.reject(new FingerprintError('IMAGE_INCOMPLETE', { detail: 'too many bytes' }));
    }
    this.arm(ex, this.timeouts.dataIdleMs);
  }

  /** Waits for the line to go quiet, then forgets any half-received frame. */
  protected async settle(): Promise<void> {
    const start = performance.now();
    while (performance.now() - start < MAX_SETTLE_MS) {
      const quietFor = performance.now() - this.lastRxAt;
      if (quietFor >= this.timeouts.settleMs) break;
      await sleep(this.timeouts.settleMs - quietFor + 1);
    }
    this.decoder.reset();
    this.needsSettle = false;
  }

  /** A command the module acks, followed by host → module data packets. */
  protected async sendBulk(
    name: string,
    bytes: Uint8Array,
    data: Uint8Array,
    opts: RequestOptions,
  ): Promise<void> {
    await this.run(opts, async () => {
      const { ack } = await this.exchange(name, bytes, this.timeouts.ackMs, 0);
      expectOk(ack, name);
      const transport = this.transport;
      if (!transport?.isOpen) throw new FingerprintError('DISCONNECTED');
      // Data packets must use the module's packet size; 128 is the factory default. One write
      // for all of them: the bytes leave back to back, as the module expects them.
      const packets = buildDataPackets(data, this.packetSize ?? 128, this.address);
      await transport.write(concatBytes(packets));
    });
  }

  protected readonly onData = (bytes: Uint8Array): void => {
    this.lastRxAt = performance.now();
    for (const p of this.decoder.push(bytes)) this.onPacket(p);
  };

  protected setState(s: DriverState): void {
    if (this._state === s) return;
    this._state = s;
    this.emit('state', s);
  }

  protected emitStatus(s: CaptureStatus, onStatus?: (s: CaptureStatus) => void): void {
    onStatus?.(s);
    this.emit('status', s);
  }
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FingerprintError('CANCELLED');
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new FingerprintError('CANCELLED'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new FingerprintError('CANCELLED'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
