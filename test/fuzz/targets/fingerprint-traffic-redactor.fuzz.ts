import * as fc from 'fast-check';
import { PID, buildAck, command, encodePacket } from '../../../drivers/fingerprint/codec';
import { fingerprintTrafficRedactor } from '../../../drivers/fingerprint/traffic-redactor';
import { defineFuzzTarget } from '../harness';

/** Image/template payloads: 16+ random bytes, so finding one in what is shown is no accident. */
const secret = fc.uint8Array({ minLength: 16, maxLength: 128 });
const piece = fc.oneof(
  secret.map((p) => ({ bytes: encodePacket(PID.DATA, p), secret: p })),
  secret.map((p) => ({ bytes: encodePacket(PID.END_DATA, p), secret: p })),
  fc.uint8Array({ maxLength: 8 }).map((p) => ({ bytes: command(0x0a, p), secret: null })),
  fc.uint8Array({ maxLength: 8 }).map((p) => ({ bytes: buildAck(0, p), secret: null })),
  // Line noise, often a header's first bytes.
  fc.uint8Array({ maxLength: 6 }).map((p) => ({ bytes: Uint8Array.of(0xef, ...p), secret: null })),
);

/**
 * A stream of packets and noise, cut into chunks anywhere: no data payload is ever shown, and
 * nothing is shown or counted twice.
 */
export default defineFuzzTarget({
  name: 'fingerprint-traffic-redactor',
  arbitrary: fc.record({
    pieces: fc.array(piece, { maxLength: 12 }),
    cuts: fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 8 }),
  }),
  run({ pieces, cuts }) {
    const stream = Buffer.concat(pieces.map((p) => Buffer.from(p.bytes)));
    const redact = fingerprintTrafficRedactor();
    const shown: Buffer[] = [];
    let accounted = 0;
    for (let at = 0, i = 0; at < stream.length; i++) {
      const end = Math.min(stream.length, at + cuts[i % cuts.length]!);
      for (const seg of redact('rx', stream.subarray(at, end))) {
        shown.push(Buffer.from(seg.bytes));
        accounted += seg.bytes.length + (seg.withheld ?? 0);
      }
      at = end;
    }
    const all = Buffer.concat(shown);
    if (accounted > stream.length) throw new Error(`accounted ${accounted} > ${stream.length}`);
    for (const p of pieces) {
      if (p.secret && all.includes(Buffer.from(p.secret))) throw new Error('payload shown');
    }
  },
  isExpectedError: () => false,
});
