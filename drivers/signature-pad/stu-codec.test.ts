import { describe, expect, it } from 'vitest';
import { hex } from '../../test/fixtures/hid/descriptors';
import {
  decodeCapability,
  decodeInformation,
  decodeInkingMode,
  decodePenData,
  encodeCapability,
  encodeClearScreen,
  encodeInformation,
  encodeInkingMode,
  encodePenData,
  encodeWritingArea,
  stuModelFor,
  stuToMm,
} from './stu-codec';

const CAP_530 = hex('09 2a 30 19 50 03 ff 03 20 01 e0 c8 09 ec 00 00 00');

describe('Wacom STU codec', () => {
  it('decodes and encodes the capability report (0x09) byte for byte', () => {
    const cap = decodeCapability(CAP_530);
    expect(cap).toEqual({
      maxX: 10800,
      maxY: 6480,
      maxPressure: 1023,
      screenWidth: 800,
      screenHeight: 480,
      reportRate: 200,
      resolution: 2540,
    });
    expect([...encodeCapability(cap)]).toEqual([...CAP_530]);
  });

  it('refuses a capability with another id, too short or with zero ranges', () => {
    expect(() => decodeCapability(hex('08 2a 30 19 50 03 ff 03 20 01 e0 c8'))).toThrow(
      /BAD_REPORT/,
    );
    expect(() => decodeCapability(hex('09 2a 30'))).toThrow(/BAD_REPORT/);
    expect(() => decodeCapability(hex('09 00 00 19 50 03 ff 03 20 01 e0 c8'))).toThrow(/zero/);
  });

  it('decodes and encodes the information report (0x08)', () => {
    const bytes = hex('08 53 54 55 2d 35 33 30 00 00 01 07 00 00 00 01 02');
    const info = decodeInformation(bytes);
    expect(info).toEqual({
      modelName: 'STU-530',
      firmwareMajor: 1,
      firmwareMinor: 7,
      secureIc: 0,
      secureIcVersion: '00000102',
    });
    expect([...encodeInformation(info)]).toEqual([...bytes]);
  });

  it('writes clear screen (0x20), inking mode (0x21) and the little-endian writing area (0x2A)', () => {
    expect([...encodeClearScreen()]).toEqual([0x20, 0x00]);
    expect([...encodeInkingMode(true)]).toEqual([0x21, 0x01]);
    expect([...encodeInkingMode(false)]).toEqual([0x21, 0x00]);
    expect(decodeInkingMode(hex('21 01'))).toBe(true);
    expect([...encodeWritingArea({ x1: 0x0102, y1: 0, x2: 10800, y2: 6480 })]).toEqual([
      0x2a, 0x02, 0x01, 0x00, 0x00, 0x30, 0x2a, 0x50, 0x19,
    ]);
  });

  it('decodes pen data 0x01: in range bit 15, tip bit 12, pressure bits 0–9, X, Y', () => {
    expect(decodePenData(hex('01 93 ff 2a 30 19 50'))).toEqual({
      inRange: true,
      tip: true,
      pressure: 1023,
      x: 10800,
      y: 6480,
      time: null,
      sequence: null,
    });
    expect(decodePenData(hex('01 80 00 00 10 00 20'))).toMatchObject({
      inRange: true,
      tip: false,
      pressure: 0,
    });
  });

  it('decodes and encodes pen data with timing 0x34 (time, sequence)', () => {
    const bytes = hex('34 90 80 15 18 0c a8 12 34 00 07');
    const d = decodePenData(bytes)!;
    expect(d).toEqual({
      inRange: true,
      tip: true,
      pressure: 128,
      x: 5400,
      y: 3240,
      time: 0x1234,
      sequence: 7,
    });
    expect([...encodePenData(d)]).toEqual([...bytes]);
    expect([...encodePenData({ ...d, time: null })]).toEqual([...hex('01 90 80 15 18 0c a8')]);
  });

  it('ignores other input reports and refuses truncated pen data', () => {
    expect(decodePenData(hex('05 00 00'))).toBeNull();
    expect(() => decodePenData(hex('34 90 80 15'))).toThrow(/BAD_REPORT/);
    expect(() => decodePenData(hex('01 90'))).toThrow(/BAD_REPORT/);
  });

  it('maps pad units to millimetres with the model table, pressure to 0–1', () => {
    const cap = decodeCapability(CAP_530);
    const m = stuModelFor(0x00a5)!;
    expect(m.name).toBe('STU-530');
    expect(stuToMm(decodePenData(hex('34 90 80 15 18 0c a8 12 34 00 07'))!, cap, m)).toEqual({
      x: 54,
      y: 32.4,
      p: 128 / 1023,
    });
    expect(stuModelFor(0x00a4)!.widthMm).toBeCloseTo(96, 0);
    expect(stuModelFor(0x00a8)!.name).toBe('STU-540');
    expect(stuModelFor(0x1234)).toBeNull();
  });
});
