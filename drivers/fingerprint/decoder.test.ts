import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import {
  MAX_PACKET_LENGTH,
  buildAck,
  buildGenImg,
  concatBytes,
  encodePacket,
  fromHex,
} from './codec';
import type { Packet } from './codec';
import { PacketDecoder } from './decoder';
import type { BadFrame } from './decoder';

const packetArb = fc
  .record({
    pid: fc.constantFrom(1, 2, 7, 8),
    payload: fc.uint8Array({ maxLength: 256 }),
    address: fc.constantFrom(0xffffffff, 0, 0x12345678),
  })
  .map((p) => ({ ...p, bytes: encodePacket(p.pid, p.payload, p.address) }));

function splitAt(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let prev = 0;
  for (const p of [...points, bytes.length]) {
    out.push(bytes.subarray(prev, p));
    prev = p;
  }
  return out;
}

describe('PacketDecoder', () => {
  it('decodes a valid stream identically however it is split', () => {
    fc.assert(
      fc.property(
        fc.array(packetArb, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (packets, cuts) => {
          const stream = concatBytes(packets.map((p) => p.bytes));
          const dec = new PacketDecoder();
          const got: Packet[] = [];
          for (const chunk of splitAt(stream, cuts)) got.push(...dec.push(chunk));
          expect(got).toEqual(
            packets.map(({ pid, payload, address }) => ({ pid, payload, address })),
          );
          expect(dec.pending).toBe(0);
          expect(dec.stats.discardedBytes).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws or hangs on random bytes and keeps memory bounded', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 3000 }), { maxLength: 8 }), (chunks) => {
        const dec = new PacketDecoder();
        for (const c of chunks) {
          dec.push(c);
          expect(dec.pending).toBeLessThan(MAX_PACKET_LENGTH);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('resynchronises after garbage, a truncated packet and a bad checksum', () => {
    const bad: BadFrame[] = [];
    const dec = new PacketDecoder((f) => bad.push(f));
    const good = buildAck(0);
    const corrupt = buildAck(0, [1, 2, 3]);
    corrupt[corrupt.length - 1]! ^= 0xff;
    const truncated = buildGenImg().subarray(0, 7);
    const stream = concatBytes([fromHex('00 EF 13 EF'), truncated, good, corrupt, good]);
    const got = dec.push(stream);
    expect(got).toHaveLength(2);
    expect(bad).toEqual([{ reason: 'bad-checksum', pid: 7, length: 6 }]);
    expect(dec.stats.badFrames).toBe(1);
  });

  it('finds a good packet hidden inside a frame whose length field was damaged', () => {
    const dec = new PacketDecoder();
    // Header of a data packet claiming 200 bytes, then a real ack, then filler.
    const fake = fromHex('EF01FFFFFFFF 02 00CA');
    const got = dec.push(concatBytes([fake, buildAck(2), new Uint8Array(220)]));
    expect(got.map((p) => p.payload[0])).toEqual([2]);
  });

  it('keeps one byte of a header split across pushes', () => {
    const dec = new PacketDecoder();
    const b = buildAck(0);
    expect(dec.push(b.subarray(0, 1))).toEqual([]);
    expect(dec.push(b.subarray(1))).toHaveLength(1);
  });

  it('handles a huge chunk in one push', () => {
    const dec = new PacketDecoder();
    const pk = encodePacket(2, new Uint8Array(256).fill(0xef));
    const stream = concatBytes(Array.from({ length: 200 }, () => pk));
    expect(dec.push(stream)).toHaveLength(200);
  });
});
