// HID report descriptor parser (Device Class Definition for HID 1.11, §6.2.2). Pure bytes in,
// a flat list of report fields out: enough to find and decode a pen report of any digitizer.
import { SignaturePadError } from './errors';

export type ItemType = 'main' | 'global' | 'local' | 'reserved' | 'long';

export interface HidItem {
  offset: number;
  type: ItemType;
  /** The 4-bit tag (short items) or bLongItemTag (long items). */
  tag: number;
  /** Data bytes: 0, 1, 2 or 4 for short items; any for long items. */
  data: Uint8Array;
  /** The data as an unsigned little-endian integer (short items). */
  unsigned: number;
  /** The data sign-extended from its own size (short items). */
  signed: number;
}

export type FieldKind = 'input' | 'output' | 'feature';

export interface HidCollection {
  /** 0x00 physical, 0x01 application, 0x02 logical, … */
  type: number;
  /** Extended usage (page << 16 | id), 0 when none was declared. */
  usage: number;
}

export interface HidField {
  kind: FieldKind;
  /** 0 when the descriptor declares no report ids. */
  reportId: number;
  /** Offset of the first element in bits, after the report-id byte. */
  bitOffset: number;
  bitSize: number;
  count: number;
  /** Main item flags: bit 0 constant, bit 1 variable, bit 2 relative, … */
  flags: number;
  /** Extended usages, one per element for variable fields (the last one repeats). */
  usages: number[];
  logicalMin: number;
  logicalMax: number;
  physicalMin: number;
  physicalMax: number;
  unitExponent: number;
  unit: number;
  /** Outermost first. */
  collections: HidCollection[];
}

export interface ReportDescriptor {
  items: HidItem[];
  fields: HidField[];
  usesReportIds: boolean;
  /** Report size in bytes (including the report-id byte when ids are used), per kind and id. */
  reportBytes(kind: FieldKind, reportId: number): number;
}

export const usage = (page: number, id: number) => ((page << 16) | id) >>> 0;

export const USAGE = {
  X: usage(0x01, 0x30),
  Y: usage(0x01, 0x31),
  DIGITIZER: usage(0x0d, 0x01),
  PEN: usage(0x0d, 0x02),
  TOUCH_SCREEN: usage(0x0d, 0x04),
  STYLUS: usage(0x0d, 0x20),
  FINGER: usage(0x0d, 0x22),
  TIP_PRESSURE: usage(0x0d, 0x30),
  IN_RANGE: usage(0x0d, 0x32),
  INVERT: usage(0x0d, 0x3c),
  TIP_SWITCH: usage(0x0d, 0x42),
  BARREL_SWITCH: usage(0x0d, 0x44),
  ERASER: usage(0x0d, 0x45),
} as const;

function bad(offset: number, why: string): SignaturePadError {
  return new SignaturePadError('BAD_DESCRIPTOR', `${why} at byte ${offset}`);
}

/** Splits a descriptor into items; throws BAD_DESCRIPTOR on a truncated item. */
export function parseItems(bytes: Uint8Array): HidItem[] {
  const items: HidItem[] = [];
  let i = 0;
  while (i < bytes.length) {
    const offset = i;
    const prefix = bytes[i]!;
    if (prefix === 0xfe) {
      // Long item: bDataSize, bLongItemTag, data. None are defined by HID 1.11; kept, not used.
      if (i + 3 > bytes.length) throw bad(offset, 'truncated long item');
      const size = bytes[i + 1]!;
      const tag = bytes[i + 2]!;
      if (i + 3 + size > bytes.length) throw bad(offset, 'truncated long item data');
      items.push({
        offset,
        type: 'long',
        tag,
        data: bytes.slice(i + 3, i + 3 + size),
        unsigned: 0,
        signed: 0,
      });
      i += 3 + size;
      continue;
    }
    const sizeCode = prefix & 0x03;
    const size = sizeCode === 3 ? 4 : sizeCode;
    const typeCode = (prefix >> 2) & 0x03;
    const tag = prefix >> 4;
    if (i + 1 + size > bytes.length) throw bad(offset, 'truncated item');
    const data = bytes.slice(i + 1, i + 1 + size);
    let unsigned = 0;
    for (let b = size - 1; b >= 0; b--) unsigned = unsigned * 256 + data[b]!;
    let signed = unsigned;
    if (size > 0 && unsigned >= 2 ** (8 * size - 1)) signed = unsigned - 2 ** (8 * size);
    items.push({
      offset,
      type: (['main', 'global', 'local', 'reserved'] as const)[typeCode]!,
      tag,
      data,
      unsigned,
      signed,
    });
    i += 1 + size;
  }
  return items;
}

interface GlobalState {
  usagePage: number;
  logicalMin: number;
  logicalMax: number;
  /** Raw items: whether min/max are signed is only known once both are seen. */
  logicalMaxItem: HidItem | null;
  physicalMin: number;
  physicalMax: number;
  physicalMaxItem: HidItem | null;
  unitExponent: number;
  unit: number;
  reportSize: number;
  reportId: number;
  reportCount: number;
}

const initialGlobal = (): GlobalState => ({
  usagePage: 0,
  logicalMin: 0,
  logicalMax: 0,
  logicalMaxItem: null,
  physicalMin: 0,
  physicalMax: 0,
  physicalMaxItem: null,
  unitExponent: 0,
  unit: 0,
  reportSize: 0,
  reportId: 0,
  reportCount: 0,
});

/** A maximum is signed only when its minimum is negative (as the Linux HID core reads it). */
function maxOf(item: HidItem | null, min: number): number {
  if (!item) return 0;
  return min < 0 ? item.signed : item.unsigned;
}

/** 4-bit two's complement in a 1-byte item (0x0E = −2); larger items are plain signed. */
function unitExponentOf(item: HidItem): number {
  if (item.data.length <= 1 && item.unsigned <= 0x0f) {
    return item.unsigned >= 8 ? item.unsigned - 16 : item.unsigned;
  }
  return item.signed;
}

/** A 1–2 byte usage takes the current page; a 4-byte usage carries its own page. */
function extendedUsage(item: HidItem, page: number): number {
  return item.data.length === 4 ? item.unsigned >>> 0 : usage(page, item.unsigned & 0xffff);
}

/** Parses a report descriptor into fields. Throws BAD_DESCRIPTOR on malformed input. */
export function parseReportDescriptor(bytes: Uint8Array): ReportDescriptor {
  const items = parseItems(bytes);
  let g = initialGlobal();
  const stack: GlobalState[] = [];
  let usages: number[] = [];
  let usageMin: number | null = null;
  let usageMax: number | null = null;
  let delimiterDepth = 0;
  const collections: HidCollection[] = [];
  const fields: HidField[] = [];
  const bitCursor = new Map<string, number>();
  let usesReportIds = false;

  const resetLocal = () => {
    usages = [];
    usageMin = null;
    usageMax = null;
  };
  const localUsages = (): number[] => {
    const out = [...usages];
    if (usageMin !== null && usageMax !== null) {
      // A usage range adds its members after any single usages, up to a sane bound.
      const span = Math.min(usageMax - usageMin, 0xffff);
      for (let u = 0; u <= span; u++) out.push((usageMin + u) >>> 0);
    }
    return out;
  };

  for (const item of items) {
    if (item.type === 'long') continue;
    if (item.type === 'global') {
      switch (item.tag) {
        case 0x0:
          g.usagePage = item.unsigned & 0xffff;
          break;
        case 0x1:
          g.logicalMin = item.signed;
          break;
        case 0x2:
          g.logicalMaxItem = item;
          break;
        case 0x3:
          g.physicalMin = item.signed;
          break;
        case 0x4:
          g.physicalMaxItem = item;
          break;
        case 0x5:
          g.unitExponent = unitExponentOf(item);
          break;
        case 0x6:
          g.unit = item.unsigned;
          break;
        case 0x7:
          g.reportSize = item.unsigned;
          break;
        case 0x8:
          if (item.unsigned === 0 || item.unsigned > 255) throw bad(item.offset, 'bad report id');
          g.reportId = item.unsigned;
          usesReportIds = true;
          break;
        case 0x9:
          g.reportCount = item.unsigned;
          break;
        case 0xa:
          stack.push({ ...g });
          break;
        case 0xb: {
          const top = stack.pop();
          if (!top) throw bad(item.offset, 'pop without push');
          g = top;
          break;
        }
        default:
          // Reserved global tags are skipped, as the spec asks of parsers.
          break;
      }
      continue;
    }
    if (item.type === 'local') {
      switch (item.tag) {
        case 0x0:
          usages.push(extendedUsage(item, g.usagePage));
          break;
        case 0x1:
          usageMin = extendedUsage(item, g.usagePage);
          break;
        case 0x2:
          usageMax = extendedUsage(item, g.usagePage);
          break;
        case 0xa:
          // Delimiter: only the first usage of an alternate set counts.
          delimiterDepth =
            item.unsigned === 1 ? delimiterDepth + 1 : Math.max(0, delimiterDepth - 1);
          break;
        default:
          // Designators and strings do not change the layout.
          break;
      }
      continue;
    }
    if (item.type === 'main') {
      switch (item.tag) {
        case 0x8:
        case 0x9:
        case 0xb: {
          const kind: FieldKind =
            item.tag === 0x8 ? 'input' : item.tag === 0x9 ? 'output' : 'feature';
          const key = `${kind}:${g.reportId}`;
          const start = bitCursor.get(key) ?? 0;
          const bits = g.reportSize * g.reportCount;
          const logicalMax = maxOf(g.logicalMaxItem, g.logicalMin);
          const physicalMax = maxOf(g.physicalMaxItem, g.physicalMin);
          const hasPhysical = g.physicalMin !== 0 || physicalMax !== 0;
          fields.push({
            kind,
            reportId: g.reportId,
            bitOffset: start,
            bitSize: g.reportSize,
            count: g.reportCount,
            flags: item.unsigned,
            usages: localUsages(),
            logicalMin: g.logicalMin,
            logicalMax,
            // Without a physical range the physical extent equals the logical one (HID 1.11 §6.2.2.7).
            physicalMin: hasPhysical ? g.physicalMin : g.logicalMin,
            physicalMax: hasPhysical ? physicalMax : logicalMax,
            unitExponent: g.unitExponent,
            unit: g.unit,
            collections: [...collections],
          });
          bitCursor.set(key, start + bits);
          break;
        }
        case 0xa: {
          const u = localUsages();
          collections.push({ type: item.unsigned, usage: u[0] ?? 0 });
          break;
        }
        case 0xc:
          if (collections.length === 0) throw bad(item.offset, 'end collection without collection');
          collections.pop();
          break;
        default:
          throw bad(item.offset, `unknown main item 0x${item.tag.toString(16)}`);
      }
      resetLocal();
    }
  }
  if (collections.length > 0) throw bad(bytes.length, 'unclosed collection');

  return {
    items,
    fields,
    usesReportIds,
    reportBytes(kind, reportId) {
      const bits = bitCursor.get(`${kind}:${reportId}`) ?? 0;
      return Math.ceil(bits / 8) + (usesReportIds ? 1 : 0);
    },
  };
}

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
