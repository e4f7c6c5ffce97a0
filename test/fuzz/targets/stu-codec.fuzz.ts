import * as fc from 'fast-check';
import { isSignaturePadError } from '../../../drivers/signature-pad/errors';
import {
  STU_REPORT,
  decodeCapability,
  decodeInformation,
  decodeInkingMode,
  decodePenData,
  encodeCapability,
  encodePenData,
  stuToMm,
} from '../../../drivers/signature-pad/stu-codec';
import { defineFuzzTarget } from '../harness';

const ids = [
  STU_REPORT.PEN_DATA,
  STU_REPORT.PEN_DATA_TIMED,
  STU_REPORT.CAPABILITY,
  STU_REPORT.INFORMATION,
  STU_REPORT.INKING_MODE,
];

/** Reports that start with a known STU report id half the time, of any length. */
const report = fc.oneof(
  fc.uint8Array({ maxLength: 40 }),
  fc
    .tuple(fc.constantFrom(...ids), fc.uint8Array({ maxLength: 40 }))
    .map(([id, rest]) => Uint8Array.of(id, ...rest)),
);

const decoders = [decodeCapability, decodeInformation, decodeInkingMode, decodePenData];

/** Every decoder over every report: a typed BAD_REPORT or a value that round-trips. */
export default defineFuzzTarget({
  name: 'stu-codec',
  arbitrary: report,
  run(bytes) {
    for (const decode of decoders) {
      try {
        decode(bytes);
      } catch (e) {
        if (!isSignaturePadError(e, 'BAD_REPORT')) throw e;
      }
    }
    if (bytes[0] === STU_REPORT.CAPABILITY) {
      const cap = decodeCapability(bytes);
      const again = decodeCapability(encodeCapability(cap));
      if (JSON.stringify(again) !== JSON.stringify(cap)) throw new Error('capability round trip');
      const pen = decodePenData(Uint8Array.of(STU_REPORT.PEN_DATA, ...bytes.subarray(1)));
      if (pen) {
        const mm = stuToMm(pen, cap, { widthMm: 108, heightMm: 64.8 });
        if (!Number.isFinite(mm.x) || !Number.isFinite(mm.y)) throw new Error('pen not finite');
      }
    }
    const pen = decodePenData(bytes);
    if (pen && JSON.stringify(decodePenData(encodePenData(pen))) !== JSON.stringify(pen)) {
      throw new Error('pen data round trip');
    }
  },
  isExpectedError: (e) => isSignaturePadError(e, 'BAD_REPORT'),
});
