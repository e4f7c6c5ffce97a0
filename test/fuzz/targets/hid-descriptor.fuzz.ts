import * as fc from 'fast-check';
import { isSignaturePadError } from '../../../drivers/signature-pad/errors';
import { HID_LIMITS, parseReportDescriptor } from '../../../drivers/signature-pad/hid-descriptor';
import { decodePenReport, findPenLayout } from '../../../drivers/signature-pad/hid-pen';
import { SIMULATED_GENERIC_PROFILE } from '../../../drivers/signature-pad/profiles';
import {
  ATMEL_03EB_840B,
  DIGITIZER_TOP_LEVEL_TABLET,
  GXTP_27C6_0113,
  NTRIG_1B96_0C03,
} from '../../fixtures/hid/descriptors';
import { defineFuzzTarget } from '../harness';

const REAL = [
  ATMEL_03EB_840B,
  NTRIG_1B96_0C03,
  GXTP_27C6_0113,
  DIGITIZER_TOP_LEVEL_TABLET,
  SIMULATED_GENERIC_PROFILE.descriptor,
];

/** Prefix bytes real descriptors use (and the ones that stress the limits: counts, ranges). */
const PREFIXES = [
  0x05, 0x06, 0x09, 0x0a, 0x0b, 0x15, 0x16, 0x19, 0x1a, 0x25, 0x26, 0x27, 0x29, 0x2a, 0x35, 0x45,
  0x46, 0x55, 0x65, 0x75, 0x81, 0x85, 0x91, 0x95, 0x96, 0x97, 0xa1, 0xa4, 0xa9, 0xb1, 0xb4, 0xc0,
  0xfe,
];

/** A stream of short items with plausible prefixes and data of the size the prefix says. */
const items = fc
  .array(
    fc
      .tuple(fc.constantFrom(...PREFIXES), fc.uint8Array({ minLength: 4, maxLength: 4 }))
      .map(([prefix, data]) => {
        const size = prefix === 0xfe ? 2 : [0, 1, 2, 4][prefix & 3]!;
        return [prefix, ...data.subarray(0, size)];
      }),
    { maxLength: 120 },
  )
  .map((list) => Uint8Array.from(list.flat()));

/** A real digitizer's descriptor with bytes flipped, inserted or cut. */
const mutatedReal = fc
  .tuple(
    fc.constantFrom(...REAL),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
    fc.option(fc.nat(), { nil: undefined }),
  )
  .map(([base, flips, cut]) => {
    const out = Uint8Array.from(base);
    for (const [at, v] of flips) out[at % out.length] = v;
    return cut === undefined ? out : out.subarray(0, cut % (out.length + 1));
  });

/**
 * Parses a descriptor, finds the pen and decodes reports with it. Only the typed errors may come
 * out; every field stays inside the Linux limits.
 */
export default defineFuzzTarget({
  name: 'hid-descriptor',
  arbitrary: fc.record({
    descriptor: fc.oneof(mutatedReal, items, fc.uint8Array({ maxLength: 200 })),
    reports: fc.array(fc.uint8Array({ maxLength: 24 }), { maxLength: 4 }),
  }),
  run({ descriptor, reports }) {
    const desc = parseReportDescriptor(descriptor);
    for (const f of desc.fields) {
      if (f.bitSize > HID_LIMITS.fieldBits || f.count > HID_LIMITS.usages) {
        throw new Error(`field beyond the limits: ${f.bitSize} bits × ${f.count}`);
      }
      if (desc.reportBytes(f.kind, f.reportId) > HID_LIMITS.reportBytes) {
        throw new Error('report beyond 16384 bytes');
      }
    }
    const layout = findPenLayout(desc);
    for (const r of reports) {
      const bytes = layout.usesReportIds ? Uint8Array.of(layout.reportId, ...r) : r;
      try {
        const s = decodePenReport(layout, bytes, { widthMm: 100, heightMm: 60 });
        if (s && !(s.p >= 0 && s.p <= 1)) throw new Error(`pressure ${s.p} outside 0–1`);
      } catch (e) {
        if (!isSignaturePadError(e, 'BAD_REPORT')) throw e;
      }
    }
  },
  isExpectedError: (e) =>
    isSignaturePadError(e, 'BAD_DESCRIPTOR') || isSignaturePadError(e, 'NO_PEN_REPORT'),
});
