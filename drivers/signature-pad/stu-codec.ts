// Wacom STU-430/530/540 report codec: pure bytes, big-endian words after the report id
// (except the writing area, little-endian). Feature reports are read and written whole,
// report id first, as node-hid's getFeatureReport/sendFeatureReport move them.
import { SignaturePadError } from './errors';

export const STU_VENDOR_ID = 0x056a;

export const STU_REPORT = {
  PEN_DATA: 0x01,
  INFORMATION: 0x08,
  CAPABILITY: 0x09,
  WRITING_MODE: 0x0e,
  SERIAL: 0x0f,
  CLEAR_SCREEN: 0x20,
  INKING_MODE: 0x21,
  WRITING_AREA: 0x2a,
  PEN_DATA_TIMED: 0x34,
} as const;

/** Feature report lengths, report id included. */
export const STU_LENGTH = {
  INFORMATION: 17,
  CAPABILITY: 17,
  CLEAR_SCREEN: 2,
  INKING_MODE: 2,
  WRITING_AREA: 9,
  PEN_DATA: 7,
  PEN_DATA_TIMED: 11,
} as const;

export interface StuModel {
  name: string;
  productIds: readonly number[];
  /** Active area of the sensor, from Wacom's data sheets. */
  widthMm: number;
  heightMm: number;
}

/** Physical sizes are not in any report: they come from the model. */
export const STU_MODELS: readonly StuModel[] = [
  { name: 'STU-430', productIds: [0x00a4], widthMm: 95.98, heightMm: 59.98 },
  { name: 'STU-530', productIds: [0x00a5], widthMm: 108, heightMm: 64.8 },
  { name: 'STU-540', productIds: [0x00a7, 0x00a8], widthMm: 108, heightMm: 64.8 },
];

export function stuModelFor(productId: number): StuModel | null {
  return STU_MODELS.find((m) => m.productIds.includes(productId)) ?? null;
}

export interface StuCapability {
  maxX: number;
  maxY: number;
  maxPressure: number;
  /** LCD size in pixels. */
  screenWidth: number;
  screenHeight: number;
  reportRate: number;
  /** Sensor resolution (lines per inch) when the pad reports it. */
  resolution: number | null;
}

export interface StuInformation {
  modelName: string;
  firmwareMajor: number;
  firmwareMinor: number;
  secureIc: number;
  secureIcVersion: string;
}

export interface StuPenData {
  inRange: boolean;
  tip: boolean;
  pressure: number;
  x: number;
  y: number;
  /** Report 0x34 only: the pad's millisecond counter (u16, wraps) and a sequence number. */
  time: number | null;
  sequence: number | null;
}

const u16 = (b: Uint8Array, i: number) => (b[i]! << 8) | b[i + 1]!;
const putU16 = (b: Uint8Array, i: number, v: number) => {
  b[i] = (v >> 8) & 0xff;
  b[i + 1] = v & 0xff;
};

function expect(b: Uint8Array, id: number, min: number, what: string): void {
  if (b[0] !== id) {
    throw new SignaturePadError('BAD_REPORT', `${what}: id 0x${(b[0] ?? 0).toString(16)}`);
  }
  if (b.length < min) throw new SignaturePadError('BAD_REPORT', `${what}: ${b.length} bytes`);
}

export function decodeCapability(b: Uint8Array): StuCapability {
  expect(b, STU_REPORT.CAPABILITY, 12, 'capability');
  const cap: StuCapability = {
    maxX: u16(b, 1),
    maxY: u16(b, 3),
    maxPressure: u16(b, 5),
    screenWidth: u16(b, 7),
    screenHeight: u16(b, 9),
    reportRate: b[11]!,
    resolution: b.length >= 14 ? u16(b, 12) : null,
  };
  if (cap.maxX === 0 || cap.maxY === 0 || cap.maxPressure === 0) {
    throw new SignaturePadError('BAD_REPORT', 'capability with a zero range');
  }
  return cap;
}

export function encodeCapability(c: StuCapability): Uint8Array {
  const b = new Uint8Array(STU_LENGTH.CAPABILITY);
  b[0] = STU_REPORT.CAPABILITY;
  putU16(b, 1, c.maxX);
  putU16(b, 3, c.maxY);
  putU16(b, 5, c.maxPressure);
  putU16(b, 7, c.screenWidth);
  putU16(b, 9, c.screenHeight);
  b[11] = c.reportRate;
  putU16(b, 12, c.resolution ?? 0);
  return b;
}

export function decodeInformation(b: Uint8Array): StuInformation {
  expect(b, STU_REPORT.INFORMATION, STU_LENGTH.INFORMATION, 'information');
  let name = '';
  for (let i = 1; i <= 9 && b[i] !== 0; i++) name += String.fromCharCode(b[i]!);
  return {
    modelName: name.trim(),
    firmwareMajor: b[10]!,
    firmwareMinor: b[11]!,
    secureIc: b[12]!,
    secureIcVersion: [...b.slice(13, 17)].map((v) => v.toString(16).padStart(2, '0')).join(''),
  };
}

export function encodeInformation(info: StuInformation): Uint8Array {
  const b = new Uint8Array(STU_LENGTH.INFORMATION);
  b[0] = STU_REPORT.INFORMATION;
  for (let i = 0; i < 9 && i < info.modelName.length; i++) b[1 + i] = info.modelName.charCodeAt(i);
  b[10] = info.firmwareMajor;
  b[11] = info.firmwareMinor;
  b[12] = info.secureIc;
  const hex = info.secureIcVersion.padStart(8, '0');
  for (let i = 0; i < 4; i++) b[13 + i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16) || 0;
  return b;
}

/** 0x20: blank the pad's LCD (and its ink). */
export function encodeClearScreen(): Uint8Array {
  return Uint8Array.of(STU_REPORT.CLEAR_SCREEN, 0x00);
}

/** 0x21: the pad draws the pen's ink on its own LCD while on. */
export function encodeInkingMode(on: boolean): Uint8Array {
  return Uint8Array.of(STU_REPORT.INKING_MODE, on ? 0x01 : 0x00);
}

export function decodeInkingMode(b: Uint8Array): boolean {
  expect(b, STU_REPORT.INKING_MODE, 2, 'inking mode');
  return b[1] !== 0;
}

/** 0x2A: the rectangle (pad units) where ink is accepted — the one little-endian report. */
export function encodeWritingArea(a: { x1: number; y1: number; x2: number; y2: number }) {
  const b = new Uint8Array(STU_LENGTH.WRITING_AREA);
  const dv = new DataView(b.buffer);
  b[0] = STU_REPORT.WRITING_AREA;
  dv.setUint16(1, a.x1, true);
  dv.setUint16(3, a.y1, true);
  dv.setUint16(5, a.x2, true);
  dv.setUint16(7, a.y2, true);
  return b;
}

/** 0x01 and 0x34 input reports. Returns null for any other report id. */
export function decodePenData(b: Uint8Array): StuPenData | null {
  const id = b[0];
  if (id !== STU_REPORT.PEN_DATA && id !== STU_REPORT.PEN_DATA_TIMED) return null;
  const timed = id === STU_REPORT.PEN_DATA_TIMED;
  const need = timed ? STU_LENGTH.PEN_DATA_TIMED : STU_LENGTH.PEN_DATA;
  if (b.length < need) throw new SignaturePadError('BAD_REPORT', `pen data: ${b.length} bytes`);
  const w0 = u16(b, 1);
  return {
    inRange: (w0 & 0x8000) !== 0,
    tip: (w0 & 0x1000) !== 0,
    pressure: w0 & 0x03ff,
    x: u16(b, 3),
    y: u16(b, 5),
    time: timed ? u16(b, 7) : null,
    sequence: timed ? u16(b, 9) : null,
  };
}

export function encodePenData(p: StuPenData): Uint8Array {
  const timed = p.time !== null;
  const b = new Uint8Array(timed ? STU_LENGTH.PEN_DATA_TIMED : STU_LENGTH.PEN_DATA);
  b[0] = timed ? STU_REPORT.PEN_DATA_TIMED : STU_REPORT.PEN_DATA;
  putU16(b, 1, (p.inRange ? 0x8000 : 0) | (p.tip ? 0x1000 : 0) | (p.pressure & 0x03ff));
  putU16(b, 3, p.x);
  putU16(b, 5, p.y);
  if (timed) {
    putU16(b, 7, p.time! & 0xffff);
    putU16(b, 9, (p.sequence ?? 0) & 0xffff);
  }
  return b;
}

/** Pad units and levels → millimetres from the top-left and 0–1. */
export function stuToMm(
  p: StuPenData,
  cap: StuCapability,
  model: Pick<StuModel, 'widthMm' | 'heightMm'>,
): { x: number; y: number; p: number } {
  return {
    x: (Math.min(p.x, cap.maxX) / cap.maxX) * model.widthMm,
    y: (Math.min(p.y, cap.maxY) / cap.maxY) * model.heightMm,
    p: p.tip ? Math.min(1, p.pressure / cap.maxPressure) : 0,
  };
}
