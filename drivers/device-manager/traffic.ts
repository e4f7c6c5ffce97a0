// Raw bytes to and from a device, for the technician's traffic view. Kept in memory only and
// bounded (entries and bytes). Biometric data never enters the ring: fingerprint image and
// template packets keep their header, length and checksum but not their payload, and pen
// reports keep their report id and length but not coordinates or pressure (redacted at push
// time, so neither the view nor the diagnostics bundle can show them).
import type { RedactedSegment, WithheldKind } from '../fingerprint/traffic-redactor';
import type { ByteTransport } from '../transport/byte-transport';

export type { RedactedSegment } from '../fingerprint/traffic-redactor';

export interface TrafficRecord {
  seq: number;
  /** ms since the epoch */
  t: number;
  dir: 'tx' | 'rx';
  hex: string;
  /** Bytes left out (their count only), with what they were. */
  withheld?: number;
  what?: WithheldKind;
}

/** Splits a chunk into what may be shown and what is withheld. */
export type TrafficRedactor = (dir: 'tx' | 'rx', data: Uint8Array) => RedactedSegment[];

export interface TrafficRingOptions {
  maxEntries?: number;
  maxBytes?: number;
  /** A long chunk (an image packet burst) is split into lines of at most this many bytes. */
  lineBytes?: number;
  now?: () => number;
}

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

export class TrafficRing {
  private readonly entries: TrafficRecord[] = [];
  private head = 0;
  private bytes = 0;
  private seq = 0;
  readonly maxEntries: number;
  readonly maxBytes: number;
  readonly lineBytes: number;
  private readonly now: () => number;

  constructor(opts: TrafficRingOptions = {}) {
    this.maxEntries = opts.maxEntries ?? 2000;
    this.maxBytes = opts.maxBytes ?? 256 * 1024;
    this.lineBytes = opts.lineBytes ?? 256;
    this.now = opts.now ?? Date.now;
  }

  push(dir: 'tx' | 'rx', data: Uint8Array): void {
    this.pushSegments(dir, [{ bytes: data }]);
  }

  /** Records shown bytes as hex lines; a withheld count goes on the last line of its segment. */
  pushSegments(dir: 'tx' | 'rx', segments: readonly RedactedSegment[]): void {
    const t = this.now();
    for (const seg of segments) {
      const data = seg.bytes;
      for (let off = 0; off < data.length || (off === 0 && seg.withheld); off += this.lineBytes) {
        const part = data.subarray(off, Math.min(data.length, off + this.lineBytes));
        const last = off + this.lineBytes >= data.length;
        this.entries.push({
          seq: ++this.seq,
          t,
          dir,
          hex: toHex(part),
          ...(last && seg.withheld
            ? { withheld: seg.withheld, what: seg.what ?? 'fingerprint-data' }
            : {}),
        });
        this.bytes += part.length;
      }
    }
    // Evict from the front; the array is compacted now and then, not on every push.
    while (
      this.entries.length - this.head > this.maxEntries ||
      (this.bytes > this.maxBytes && this.entries.length - this.head > 1)
    ) {
      this.bytes -= this.entries[this.head]!.hex.length / 2;
      this.head++;
    }
    if (this.head > 1024 && this.head * 2 > this.entries.length) {
      this.entries.splice(0, this.head);
      this.head = 0;
    }
  }

  /** Entries with seq > `after`, oldest first, at most `limit` (the newest ones if cut). */
  after(after: number, limit = 500): TrafficRecord[] {
    const live = this.entries.slice(this.head).filter((e) => e.seq > after);
    return live.length > limit ? live.slice(live.length - limit) : live;
  }

  get size(): number {
    return this.entries.length - this.head;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get lastSeq(): number {
    return this.seq;
  }

  clear(): void {
    this.entries.length = 0;
    this.head = 0;
    this.bytes = 0;
  }
}

/** One ring per device key (a modality's active device, e.g. "fingerprint"). */
export class TrafficRegistry {
  private readonly rings = new Map<string, TrafficRing>();
  constructor(private readonly opts: TrafficRingOptions = {}) {}

  ring(key: string): TrafficRing {
    let r = this.rings.get(key);
    if (!r) this.rings.set(key, (r = new TrafficRing(this.opts)));
    return r;
  }

  has(key: string): boolean {
    return this.rings.has(key);
  }

  /** Wraps a transport so its bytes are recorded, redacted, under `key`. */
  tap<T extends ByteTransport>(key: string, transport: T, redact: TrafficRedactor): T {
    return tapTransport(transport, this.ring(key), redact);
  }
}

/**
 * The same transport (every method and property, e.g. SerialTransport.setBaud) with writes
 * and received chunks recorded. Received bytes are seen through a listener of our own, so the
 * order in which the driver subscribes does not matter.
 */
export function tapTransport<T extends ByteTransport>(
  inner: T,
  ring: TrafficRing,
  redact: TrafficRedactor,
): T {
  inner.on('data', (b) => ring.pushSegments('rx', redact('rx', b)));
  const proxy: T = new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'write') {
        return (bytes: Uint8Array) => {
          ring.pushSegments('tx', redact('tx', bytes));
          return target.write(bytes);
        };
      }
      if (prop === 'on' || prop === 'off') {
        return (event: never, listener: never) => {
          (target[prop] as (e: never, l: never) => unknown).call(target, event, listener);
          return proxy;
        };
      }
      const v: unknown = Reflect.get(target, prop, receiver === proxy ? target : receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
  return proxy;
}

/** The part of node-hid's `HID` / `HIDAsync` a signature pad driver uses. */
export interface HidLike {
  on(event: 'data', listener: (data: Buffer) => void): unknown;
  write(data: number[] | Buffer): unknown;
  sendFeatureReport(data: number[] | Buffer): unknown;
  getFeatureReport(reportId: number, length: number): unknown;
  close(): unknown;
}

const asBytes = (d: unknown): Uint8Array | null =>
  d instanceof Uint8Array ? d : Array.isArray(d) ? Uint8Array.from(d as number[]) : null;

/**
 * An input report of a pen pad is pen data (coordinates, pressure): only its first byte (the
 * report id) and its length are kept.
 */
export function redactPenReport(b: Uint8Array): RedactedSegment[] {
  if (b.length <= 1) return [{ bytes: b }];
  return [{ bytes: b.slice(0, 1), withheld: b.length - 1, what: 'pen-report' }];
}

/**
 * Records a HID device's output and feature reports (tx) and feature reads (rx) as they are, and
 * its input reports (rx) redacted to their report id and length.
 */
export function tapHid<T extends HidLike>(inner: T, ring: TrafficRing): T {
  inner.on('data', (b: Buffer) => ring.pushSegments('rx', redactPenReport(b)));
  const record = (dir: 'tx' | 'rx', d: unknown) => {
    const b = asBytes(d);
    if (b) ring.push(dir, b);
  };
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const v: unknown = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      const fn = v as (...a: unknown[]) => unknown;
      if (prop === 'write' || prop === 'sendFeatureReport') {
        return (data: number[] | Buffer) => {
          record('tx', data);
          return fn.call(target, data);
        };
      }
      if (prop === 'getFeatureReport') {
        return (id: number, len: number) => {
          const r = fn.call(target, id, len);
          // node-hid's HID answers synchronously, HIDAsync with a promise.
          if (r instanceof Promise) return r.then((d) => (record('rx', d), d));
          record('rx', r);
          return r;
        };
      }
      return fn.bind(target);
    },
  });
}
