import * as fc from 'fast-check';
import { PacketDecoder } from '../../../drivers/fingerprint/decoder';
import { defineFuzzTarget } from '../harness';

/** Random chunks, half of them valid-looking EF 01 headers, fed to one streaming decoder. */
export default defineFuzzTarget({
  name: 'fingerprint-decoder',
  arbitrary: fc.array(
    fc.oneof(
      fc.uint8Array({ maxLength: 64 }),
      fc.uint8Array({ maxLength: 40 }).map((tail) => Uint8Array.from([0xef, 0x01, ...tail])),
    ),
    { maxLength: 16 },
  ),
  run(chunks) {
    const dec = new PacketDecoder();
    for (const c of chunks) dec.push(c);
    if (dec.pending > 8192) throw new Error(`decoder holds ${dec.pending} bytes`);
  },
  isExpectedError: () => false,
});
