// Reading and writing one field of a HID report, bit by bit, and a field's size in millimetres.
import { SignaturePadError } from './errors';
import type { HidField } from './hid-descriptor';

/** Reads element `index` of a field from a report (bytes include the report id when used). */
export function readField(
  field: HidField,
  report: Uint8Array,
  usesReportIds: boolean,
  index = 0,
): number {
  const base = usesReportIds ? 8 : 0;
  const start = base + field.bitOffset + index * field.bitSize;
  let value = 0;
  for (let b = field.bitSize - 1; b >= 0; b--) {
    const bit = start + b;
    const byte = report[bit >> 3];
    if (byte === undefined) throw new SignaturePadError('BAD_REPORT', 'report too short');
    value = value * 2 + ((byte >> (bit & 7)) & 1);
  }
  if (field.logicalMin < 0 && field.bitSize > 0 && value >= 2 ** (field.bitSize - 1)) {
    value -= 2 ** field.bitSize;
  }
  return value;
}

/** Writes element `index` of a field into a report buffer (used by the simulator and tests). */
export function writeField(
  field: HidField,
  report: Uint8Array,
  usesReportIds: boolean,
  value: number,
  index = 0,
): void {
  const base = usesReportIds ? 8 : 0;
  const start = base + field.bitOffset + index * field.bitSize;
  let v = value < 0 ? value + 2 ** field.bitSize : value;
  for (let b = 0; b < field.bitSize; b++) {
    const bit = start + b;
    const i = bit >> 3;
    const mask = 1 << (bit & 7);
    report[i] = (v % 2 === 1 ? report[i]! | mask : report[i]! & ~mask) & 0xff;
    v = Math.floor(v / 2);
  }
}

/**
 * Millimetres per logical unit of a field, from its physical range, unit and exponent; null
 * when the unit is not a length (the caller then needs a profile with the pad's size).
 */
export function mmPerUnit(field: HidField): number | null {
  const system = field.unit & 0x0f;
  const length = (field.unit >> 4) & 0x0f;
  if (length !== 1) return null;
  const base = system === 1 ? 10 : system === 3 ? 25.4 : null; // SI linear: cm; English: inch
  if (base === null) return null;
  const logical = field.logicalMax - field.logicalMin;
  const physical = field.physicalMax - field.physicalMin;
  if (logical <= 0 || physical <= 0) return null;
  return (physical * 10 ** field.unitExponent * base) / logical;
}
