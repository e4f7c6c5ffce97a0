import * as fc from 'fast-check';
import {
  PID,
  buildAck,
  command,
  decodePacket,
  encodePacket,
  parseAck,
  parseIndexTable,
  parseMatchScore,
  parseRandomCode,
  parseSearchResult,
  parseSysPara,
  parseTemplateNum,
  unpackImage4,
} from '../../../drivers/fingerprint/codec';
import { isFingerprintError } from '../../../drivers/fingerprint/errors';
import { defineFuzzTarget } from '../harness';

/** Well-formed packets (commands, acks, data) with a few bytes flipped, cut or appended. */
const packet = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 0x3f }), fc.uint8Array({ maxLength: 32 }))
    .map(([c, p]) => command(c, p)),
  fc
    .tuple(fc.integer({ min: 0, max: 0xff }), fc.uint8Array({ maxLength: 32 }))
    .map(([c, d]) => buildAck(c, d)),
  fc.uint8Array({ maxLength: 256 }).map((p) => encodePacket(PID.DATA, p)),
);
const mutated = fc
  .tuple(
    packet,
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
    fc.option(fc.nat(), { nil: undefined }),
    fc.uint8Array({ maxLength: 4 }),
  )
  .map(([bytes, flips, cut, tail]) => {
    const out = Uint8Array.from([...bytes, ...tail]);
    for (const [at, v] of flips) out[at % out.length] = v;
    return cut === undefined ? out : out.subarray(0, cut % (out.length + 1));
  });

/** Decodes one packet and every reply parser over it; a decoded packet re-encodes byte-exact. */
export default defineFuzzTarget({
  name: 'fingerprint-codec',
  arbitrary: fc.oneof(mutated, fc.uint8Array({ maxLength: 300 })),
  run(bytes) {
    const p = decodePacket(bytes);
    const again = encodePacket(p.pid, p.payload, p.address);
    if (Buffer.compare(Buffer.from(again), Buffer.from(bytes)) !== 0) {
      throw new Error('decoded packet does not re-encode to the same bytes');
    }
    if (p.pid === PID.DATA || p.pid === PID.END_DATA) {
      if (unpackImage4(p.payload).length !== p.payload.length * 2) throw new Error('unpack size');
      return;
    }
    const ack = parseAck(p);
    const parsers = [
      parseSysPara,
      parseMatchScore,
      parseTemplateNum,
      parseSearchResult,
      parseRandomCode,
      (a: typeof ack) => parseIndexTable(a, p.payload[0] ?? 0),
    ];
    for (const parse of parsers) {
      try {
        parse(ack);
      } catch (e) {
        if (!isFingerprintError(e)) throw e;
      }
    }
  },
  isExpectedError: (e) => isFingerprintError(e),
});
