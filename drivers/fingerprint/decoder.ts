// Streaming decoder: bytes arrive from a UART in arbitrary chunks, with line noise, dropped bytes
// and the odd corrupted frame. It never throws on input, holds at most a fixed-size buffer, and
// resynchronises on the next EF 01 header after anything it cannot use.
import {
  HEADER_0,
  HEADER_1,
  MAX_PACKET_LENGTH,
  MAX_PAYLOAD,
  PREFIX_LENGTH,
  checksum,
  isValidPid,
  readU16,
  readU32,
} from './codec';
import type { Packet } from './codec';

export interface BadFrame {
  reason: 'bad-checksum';
  pid: number;
  length: number;
}

export interface DecoderStats {
  packets: number;
  badFrames: number;
  /** Bytes skipped while hunting for a header. */
  discardedBytes: number;
}

const CAPACITY = 8192;

export class PacketDecoder {
  private readonly buf = new Uint8Array(CAPACITY);
  private start = 0;
  private end = 0;
  readonly stats: DecoderStats = { packets: 0, badFrames: 0, discardedBytes: 0 };

  constructor(private readonly onBadFrame: (f: BadFrame) => void = () => {}) {}

  /** Bytes held waiting for the rest of a packet (never more than one packet's worth). */
  get pending(): number {
    return this.end - this.start;
  }

  reset(): void {
    this.start = this.end = 0;
  }

  push(bytes: Uint8Array): Packet[] {
    const out: Packet[] = [];
    let off = 0;
    while (off < bytes.length) {
      this.compact();
      const n = Math.min(CAPACITY - this.end, bytes.length - off);
      this.buf.set(bytes.subarray(off, off + n), this.end);
      this.end += n;
      off += n;
      this.parse(out);
    }
    return out;
  }

  private compact(): void {
    if (this.start === 0) return;
    this.buf.copyWithin(0, this.start, this.end);
    this.end -= this.start;
    this.start = 0;
  }

  private skip(n: number): void {
    this.start += n;
    this.stats.discardedBytes += n;
  }

  private parse(out: Packet[]): void {
    const b = this.buf;
    for (;;) {
      const avail = this.end - this.start;
      if (avail === 0) return;
      // Hunt for the header. A lone EF at the very end may be the first half of one: keep it.
      if (b[this.start] !== HEADER_0) {
        let i = this.start + 1;
        while (i < this.end && b[i] !== HEADER_0) i++;
        this.skip(i - this.start);
        continue;
      }
      if (avail < 2) return;
      if (b[this.start + 1] !== HEADER_1) {
        this.skip(1);
        continue;
      }
      if (avail < PREFIX_LENGTH) return;
      const pid = b[this.start + 6]!;
      const len = readU16(b, this.start + 7);
      if (!isValidPid(pid) || len < 2 || len > MAX_PAYLOAD + 2) {
        this.skip(1);
        continue;
      }
      const total = PREFIX_LENGTH + len;
      if (avail < total) return;
      const payload = b.slice(this.start + PREFIX_LENGTH, this.start + total - 2);
      const sum = readU16(b, this.start + total - 2);
      if (sum !== checksum(pid, payload)) {
        this.stats.badFrames++;
        this.onBadFrame({ reason: 'bad-checksum', pid, length: len });
        // Skip only the header byte: a real packet may begin inside the damaged one.
        this.skip(1);
        continue;
      }
      out.push({ address: readU32(b, this.start + 2), pid, payload });
      this.stats.packets++;
      this.start += total;
    }
  }
}

// A complete packet never exceeds MAX_PACKET_LENGTH, so the buffer always has room to grow.
if (CAPACITY < 2 * MAX_PACKET_LENGTH) throw new Error('decoder capacity too small');
