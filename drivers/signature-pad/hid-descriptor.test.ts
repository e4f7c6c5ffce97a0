import { describe, expect, it } from 'vitest';
import {
  ATMEL_03EB_840B,
  DIGITIZER_TOP_LEVEL_TABLET,
  GXTP_27C6_0113,
  NTRIG_1B96_0C03,
  hex,
} from '../../test/fixtures/hid/descriptors';
import { isSignaturePadError } from './errors';
import { HID_LIMITS, USAGE, parseReportDescriptor, usage } from './hid-descriptor';
import { mmPerUnit, readField } from './hid-field-io';
import { parseItems } from './hid-items';
import { decodePenReport, encodePenReport, findPenLayout } from './hid-pen';
import { SIMULATED_GENERIC_PROFILE } from './profiles';

describe('HID report descriptor items', () => {
  it('splits short items by size code, 3 meaning 4 bytes, and sign-extends', () => {
    const items = parseItems(hex('05 0d 15 81 27 ff ff 00 00 16 d8 dc c0'));
    expect(items.map((i) => [i.type, i.tag, i.data.length])).toEqual([
      ['global', 0x0, 1],
      ['global', 0x1, 1],
      ['global', 0x2, 4],
      ['global', 0x1, 2],
      ['main', 0xc, 0],
    ]);
    expect(items[1]!.signed).toBe(-127);
    expect(items[2]!.unsigned).toBe(65535);
    expect(items[3]!.signed).toBe(-9000);
  });

  it('skips long items by their own size', () => {
    const items = parseItems(hex('fe 03 f1 aa bb cc 05 0d'));
    expect(items[0]).toMatchObject({ type: 'long', tag: 0xf1 });
    expect([...items[0]!.data]).toEqual([0xaa, 0xbb, 0xcc]);
    expect(items[1]).toMatchObject({ type: 'global', tag: 0, unsigned: 0x0d });
  });

  it('refuses truncated items with BAD_DESCRIPTOR', () => {
    for (const bad of ['26 ff', 'fe 05 00 01', '27 01 02 03']) {
      expect(() => parseItems(hex(bad))).toThrow(
        expect.objectContaining({ code: 'BAD_DESCRIPTOR' }),
      );
    }
  });
});

describe('HID report descriptor parser (hand-built cases)', () => {
  it('restores the global state on pop, including report size, range and unit', () => {
    const d = parseReportDescriptor(
      hex(`05 0d 09 02 a1 01 09 20 a1 00
           15 00 25 01 75 01 95 08 09 42 81 02
           05 01 a4 55 0e 65 11 15 00 26 ff 0f 35 00 46 00 0a 75 10 95 01 09 30 81 02 b4
           09 31 81 02 c0 c0`),
    );
    const [bits, x, y] = d.fields;
    expect(bits).toMatchObject({ bitOffset: 0, bitSize: 1, count: 8 });
    expect(x).toMatchObject({
      bitOffset: 8,
      bitSize: 16,
      unit: 0x11,
      unitExponent: -2,
      logicalMax: 4095,
    });
    // After Pop: 1-bit fields, logical 0..1, no unit again.
    expect(y).toMatchObject({
      bitOffset: 24,
      bitSize: 1,
      count: 8,
      unit: 0,
      unitExponent: 0,
      logicalMax: 1,
    });
    expect(y!.usages[0]).toBe(USAGE.Y);
  });

  it('reads signed logical ranges and sign-extends field values', () => {
    const d = parseReportDescriptor(hex('05 01 09 30 09 31 15 81 25 7f 75 08 95 02 81 06'));
    const f = d.fields[0]!;
    expect(f.logicalMin).toBe(-127);
    expect(f.logicalMax).toBe(127);
    expect(readField(f, Uint8Array.of(0xff, 0x05), false, 0)).toBe(-1);
    expect(readField(f, Uint8Array.of(0xff, 0x05), false, 1)).toBe(5);
  });

  it('treats a maximum as unsigned when the minimum is not negative', () => {
    const d = parseReportDescriptor(hex('15 00 25 ff 75 08 95 01 09 01 81 02'));
    expect(d.fields[0]!.logicalMax).toBe(255);
  });

  it('keeps bit offsets per report id and per kind', () => {
    const d = parseReportDescriptor(
      hex(`85 01 75 08 95 02 09 01 81 02
           85 02 75 10 95 01 09 02 81 02
           85 01 75 08 95 01 09 03 81 02 09 04 b1 02`),
    );
    expect(d.usesReportIds).toBe(true);
    expect(d.fields.map((f) => [f.kind, f.reportId, f.bitOffset])).toEqual([
      ['input', 1, 0],
      ['input', 2, 0],
      ['input', 1, 16],
      ['feature', 1, 0],
    ]);
    expect(d.reportBytes('input', 1)).toBe(4);
    expect(d.reportBytes('input', 2)).toBe(3);
  });

  it('expands usage minimum/maximum and 4-byte extended usages', () => {
    const d = parseReportDescriptor(
      hex('05 09 19 01 29 03 15 00 25 01 75 01 95 03 81 02 0b 42 00 0d 00 95 01 81 02'),
    );
    expect(d.fields[0]!.usages).toEqual([usage(9, 1), usage(9, 2), usage(9, 3)]);
    expect(d.fields[1]!.usages).toEqual([USAGE.TIP_SWITCH]);
  });

  it('refuses pop without push and unbalanced collections', () => {
    for (const bad of ['b4', 'a1 01', 'c0', '85 00']) {
      let err: unknown;
      try {
        parseReportDescriptor(hex(bad));
      } catch (e) {
        err = e;
      }
      expect(isSignaturePadError(err, 'BAD_DESCRIPTOR')).toBe(true);
    }
  });
});

describe('real digitizers (Linux HID selftests)', () => {
  it('Atmel 03eb:840b: pen report 3, X/Y in cm·10⁻², pressure 1–255', () => {
    const layout = findPenLayout(parseReportDescriptor(ATMEL_03EB_840B));
    expect(layout.reportId).toBe(3);
    expect(layout.reportBytes).toBe(11);
    expect(layout.x.field).toMatchObject({
      logicalMax: 4095,
      physicalMax: 2560,
      unitExponent: -2,
      unit: 0x11,
    });
    expect(mmPerUnit(layout.x.field)).toBeCloseTo(256 / 4095, 9);
    // id, bits (tip, barrel, eraser, pad, in range, pad×3), X, X, Y, Y, pressure
    const r = decodePenReport(layout, hex('03 11 00 08 00 08 00 04 00 04 80'))!;
    expect(r).toMatchObject({ tip: true, inRange: true, rawX: 2048, rawY: 1024, rawPressure: 128 });
    expect(r.x).toBeCloseTo((2048 * 256) / 4095, 6);
    expect(r.y).toBeCloseTo((1024 * 144) / 4095, 6);
    expect(r.p).toBeCloseTo(127 / 254, 6);
    // The touch collections (fingers) are not mistaken for the pen.
    expect(decodePenReport(layout, hex('01 01 00 00 00 00 00 00 00'))).toBeNull();
  });

  it('N-Trig 1b96:0c03: Push/Pop around X/Y leaves pressure without units', () => {
    const desc = parseReportDescriptor(NTRIG_1B96_0C03);
    const layout = findPenLayout(desc);
    expect(layout.reportId).toBe(1);
    expect(layout.reportBytes).toBe(10);
    expect(layout.pressure!.field).toMatchObject({
      logicalMax: 256,
      unit: 0,
      unitExponent: 0,
      bitSize: 16,
    });
    const r = decodePenReport(layout, hex('01 03 c0 12 10 0e 80 00 00 00'))!;
    expect(r).toMatchObject({ tip: true, inRange: true, rawX: 4800, rawY: 3600, rawPressure: 128 });
    expect(r.x).toBeCloseTo(129.05, 6);
    expect(r.y).toBeCloseTo(73, 6);
    expect(r.p).toBeCloseTo(0.5, 6);
    // The mouse report's signed X/Y (−127…127).
    const mouse = desc.fields.find((f) => f.reportId === 2 && f.usages[0] === USAGE.X)!;
    expect(mouse.logicalMin).toBe(-127);
    expect(readField(mouse, hex('02 00 fe 03'), true, 0)).toBe(-2);
    expect(readField(mouse, hex('02 00 fe 03'), true, 1)).toBe(3);
  });

  it('Goodix 27c6:0113: pen report 8, 12-bit pressure, signed tilt after a Pop', () => {
    const desc = parseReportDescriptor(GXTP_27C6_0113);
    const layout = findPenLayout(desc);
    expect(layout.reportId).toBe(8);
    expect(layout.reportBytes).toBe(13);
    const r = decodePenReport(layout, hex('08 21 00 00 0a 40 06 00 08 0c fe 00 00'))!;
    expect(r).toMatchObject({
      tip: true,
      inRange: true,
      rawX: 2560,
      rawY: 1600,
      rawPressure: 2048,
    });
    expect(r.x).toBeCloseTo(91.15, 6);
    expect(r.y).toBeCloseTo(57.15, 6);
    expect(r.p).toBeCloseTo(2048 / 4095, 6);
    const tiltX = desc.fields.find((f) => f.reportId === 8 && f.usages[0] === usage(0x0d, 0x3d))!;
    expect(tiltX).toMatchObject({
      logicalMin: -9000,
      logicalMax: 9000,
      physicalMin: -9000,
      unit: 0x14,
    });
    expect(readField(tiltX, hex('08 21 00 00 0a 40 06 00 08 0c fe 00 00'), true)).toBe(-500);
    // Hovering: in range without the tip gives no pressure.
    expect(decodePenReport(layout, hex('08 20 00 00 0a 40 06 00 08 00 00 00 00'))).toMatchObject({
      tip: false,
      inRange: true,
      p: 0,
    });
  });

  it('refuses a descriptor without a pen (keyboard) with NO_PEN_REPORT', () => {
    const kb = parseReportDescriptor(
      hex('05 01 09 06 a1 01 05 07 19 e0 29 e7 15 00 25 01 75 01 95 08 81 02 c0'),
    );
    expect(() => findPenLayout(kb)).toThrow(expect.objectContaining({ code: 'NO_PEN_REPORT' }));
  });

  it('the simulated generic profile round-trips through its own layout', () => {
    const layout = findPenLayout(parseReportDescriptor(SIMULATED_GENERIC_PROFILE.descriptor));
    expect(layout.xMm).toBeCloseTo(0.005, 9);
    const bytes = encodePenReport(layout, {
      tip: true,
      inRange: true,
      x: 10000,
      y: 6000,
      pressure: 4095,
    });
    expect([...bytes]).toEqual([0x02, 0x03, 0x10, 0x27, 0x70, 0x17, 0xff, 0x0f]);
    expect(decodePenReport(layout, bytes)).toMatchObject({ x: 50, y: 30, p: 1 });
  });
});

const refusal = (bytes: Uint8Array): unknown => {
  try {
    findPenLayout(parseReportDescriptor(bytes));
  } catch (e) {
    return e;
  }
  return null;
};

const repeat = (unit: string, times: number) => hex(Array(times).fill(unit).join(' '));

describe('descriptors the Linux HID core refuses are refused at parse time', () => {
  const pen = (body: string) => hex(`05 0d 09 02 a1 01 09 20 a1 00 ${body} c0 c0`);
  const cases: [string, Uint8Array][] = [
    // The cases: each hung, misread or exhausted the heap before.
    ['report count 0xFFFFFFFF', pen('09 42 75 01 97 ff ff ff ff 81 02')],
    ['a huge count on padding', pen('75 08 97 00 00 01 00 81 03')],
    ['12288 × 32-bit padding: a report over 16 KiB', pen('75 20 96 00 30 81 03')],
    ['64 KiB of nesting', repeat('a1 00', 32768)],
    ['nesting within 4 KiB but 40 deep', hex(`${'a1 00 '.repeat(40)}${'c0 '.repeat(40)}`)],
    ['64 KiB of usage ranges', repeat('19 00 2a ff ff', 13107)],
    ['one usage range of 65536', pen('19 00 2a ff ff 75 01 95 01 81 02')],
    [
      'many wide ranges within 4 KiB',
      repeat('19 01 2a e0 2e 75 01 95 01 81 02', Math.floor(4000 / 11)),
    ],
    ['a 33-bit field', pen('09 30 75 21 95 01 81 02')],
    ['a 4097-byte descriptor', new Uint8Array(4097)],
    ['five pushes', pen('a4 a4 a4 a4 a4')],
    ['nested delimiters', pen('a9 01 a9 01 09 42 a9 00 a9 00 81 02')],
  ];
  for (const [name, bytes] of cases) {
    it(`refuses ${name} with BAD_DESCRIPTOR, quickly`, () => {
      const started = performance.now();
      const err = refusal(bytes);
      // A generous bound on a loaded machine; the refusals take well under a millisecond.
      expect(performance.now() - started).toBeLessThan(1000);
      expect(isSignaturePadError(err, 'BAD_DESCRIPTOR'), String(err)).toBe(true);
    });
  }

  it('keeps to the limits themselves', () => {
    expect(HID_LIMITS).toMatchObject({ descriptorBytes: 4096, usages: 12288, fieldBits: 32 });
    // 12288 usages and a 32-bit field are still fine.
    const d = parseReportDescriptor(
      hex('05 09 19 01 2a 00 30 75 01 96 00 30 81 02 75 20 95 01 81 03'),
    );
    expect(d.fields[0]!.usages).toHaveLength(12288);
    expect(d.fields[1]!.bitSize).toBe(32);
  });

  it('reads a short pen report as long as it holds the pen fields (padding declared longer)', () => {
    const layout = findPenLayout(parseReportDescriptor(SIMULATED_GENERIC_PROFILE.descriptor));
    const bytes = encodePenReport(layout, { tip: true, inRange: true, x: 2, y: 4, pressure: 9 });
    expect(layout.neededBytes).toBe(layout.reportBytes);
    expect(() => decodePenReport(layout, bytes.subarray(0, 7))).toThrow(
      expect.objectContaining({ code: 'BAD_REPORT' }),
    );
    expect(decodePenReport(layout, Uint8Array.of(...bytes, 0, 0))).toMatchObject({ rawX: 2 });
  });
});

describe('usage pages scoped as the Linux HID core scopes them', () => {
  it('applies a Usage Page item written after its usages to them', () => {
    const d = parseReportDescriptor(hex('05 0d 09 30 05 01 15 00 26 ff 0f 75 10 95 01 81 02'));
    expect(d.fields[0]!.usages).toEqual([USAGE.X]);
  });

  it('moves only the trailing usages that are on another page', () => {
    const d = parseReportDescriptor(hex('05 0d 09 42 05 01 09 30 05 0d 75 08 95 02 81 02'));
    expect(d.fields[0]!.usages).toEqual([USAGE.TIP_SWITCH, USAGE.TIP_PRESSURE]);
    // A 4-byte usage carries its own page and is never moved.
    const e = parseReportDescriptor(hex('0b 30 00 01 00 05 0d 75 08 95 01 81 02'));
    expect(e.fields[0]!.usages).toEqual([USAGE.X]);
  });

  it('counts only the first usage of a delimited set', () => {
    const d = parseReportDescriptor(
      hex('05 0d a9 01 09 42 a9 00 a9 01 09 45 a9 00 75 01 95 01 81 02'),
    );
    expect(d.fields[0]!.usages).toEqual([USAGE.TIP_SWITCH]);
  });
});

describe('a tablet whose pen is under a top-level Digitizer application', () => {
  it('has a pen layout with tip, in range, X, Y and pressure, in inches', () => {
    const layout = findPenLayout(parseReportDescriptor(DIGITIZER_TOP_LEVEL_TABLET));
    expect(layout.reportId).toBe(16);
    expect(layout.pressure?.field.logicalMax).toBe(8191);
    expect(layout.inRange).not.toBeNull();
    expect((layout.x.field.logicalMax * layout.xMm!) / 25.4).toBeCloseTo(12.5, 6);
    const bytes = encodePenReport(layout, {
      tip: true,
      inRange: true,
      x: 15875,
      y: 9550,
      pressure: 8191,
    });
    expect(decodePenReport(layout, bytes)).toMatchObject({ tip: true, p: 1 });
    expect(decodePenReport(layout, bytes)!.x).toBeCloseTo((12.5 * 25.4) / 2, 6);
  });
});
