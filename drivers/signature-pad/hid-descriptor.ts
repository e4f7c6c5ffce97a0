// HID report descriptor parser (Device Class Definition for HID 1.11, §6.2.2). Pure bytes in,
// a flat list of report fields out: enough to find and decode a pen report of any digitizer.
import { bad, parseItems } from './hid-items';
import type { HidItem } from './hid-items';

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

/**
 * Limits of the Linux HID core (drivers/hid/hid-core.c, include/linux/hid.h), so a descriptor
 * the kernel refuses is refused here too, at parse time, in time linear in its length and with
 * bounded memory — a device is outside input until proven otherwise.
 */
export const HID_LIMITS = {
  /** HID_MAX_DESCRIPTOR_SIZE */
  descriptorBytes: 4096,
  /** HID_MAX_USAGES: per Report Count and per main item's usages. */
  usages: 12288,
  /** Largest field element we can read as one number (the kernel's extract limit). */
  fieldBits: 32,
  /** HID_MAX_BUFFER_SIZE: one report, including its report-id byte. */
  reportBytes: 16384,
  /** HID_GLOBAL_STACK_SIZE: Push depth. */
  globalStack: 4,
  /** Collection nesting; real digitizers nest 2–4 deep. */
  collectionDepth: 32,
  /** Usages kept over the whole descriptor (memory bound: ranges can be wide on every field). */
  totalUsages: 65536,
} as const;

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

const withPage = (u: number, page: number) => usage(page, u & 0xffff);

/**
 * The local usages of one main item, completed with usage pages as the Linux HID core does
 * (hid_add_usage + hid_concatenate_last_usage_page): a 1–2 byte usage takes the page current
 * when it is declared, and at the main item the trailing usages are moved to the page current
 * then — so a Usage Page item written after its usages still applies to them.
 */
class LocalUsages {
  readonly list: number[] = [];
  private readonly extended: boolean[] = [];

  add(raw: number, size: number, page: number, offset: number): void {
    if (this.list.length >= HID_LIMITS.usages) throw bad(offset, 'more than 12288 usages');
    this.list.push(size === 4 ? raw >>> 0 : withPage(raw, page));
    this.extended.push(size === 4);
  }

  /** hid_concatenate_last_usage_page */
  complete(page: number): void {
    for (let i = this.list.length - 1; i >= 0; i--) {
      if (this.extended[i]) continue;
      if (this.list[i]! >>> 16 === page) break;
      this.list[i] = withPage(this.list[i]!, page);
    }
  }
}

/** Parses a report descriptor into fields. Throws BAD_DESCRIPTOR on malformed input. */
export function parseReportDescriptor(bytes: Uint8Array): ReportDescriptor {
  if (bytes.length > HID_LIMITS.descriptorBytes) {
    throw bad(HID_LIMITS.descriptorBytes, `descriptor of ${bytes.length} bytes (limit 4096)`);
  }
  const items = parseItems(bytes);
  let g = initialGlobal();
  const stack: GlobalState[] = [];
  let local = new LocalUsages();
  let usageMin = 0;
  let delimiterDepth = 0;
  let delimiterBranch = 0;
  const collections: HidCollection[] = [];
  // Fields share one frozen copy of the open collections until the nesting changes.
  let openCollections: readonly HidCollection[] = [];
  const fields: HidField[] = [];
  const bitCursor = new Map<string, number>();
  let usesReportIds = false;
  let usagesKept = 0;
  const maxReportBits = (HID_LIMITS.reportBytes - 1) * 8;

  const resetLocal = () => {
    local = new LocalUsages();
    usageMin = 0;
    delimiterDepth = 0;
    delimiterBranch = 0;
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
          if (item.unsigned > HID_LIMITS.fieldBits) {
            throw bad(item.offset, `report size ${item.unsigned} bits (limit 32)`);
          }
          g.reportSize = item.unsigned;
          break;
        case 0x8:
          if (item.unsigned === 0 || item.unsigned > 255) throw bad(item.offset, 'bad report id');
          g.reportId = item.unsigned;
          usesReportIds = true;
          break;
        case 0x9:
          if (item.unsigned > HID_LIMITS.usages) {
            throw bad(item.offset, `report count ${item.unsigned} (limit 12288)`);
          }
          g.reportCount = item.unsigned;
          break;
        case 0xa:
          if (stack.length >= HID_LIMITS.globalStack) throw bad(item.offset, 'push stack overflow');
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
      // In a delimited set only the first usage counts (hid-core ignores the alternatives).
      const alternative = delimiterBranch > 1;
      switch (item.tag) {
        case 0x0:
          if (!alternative) local.add(item.unsigned, item.data.length, g.usagePage, item.offset);
          break;
        case 0x1:
          if (!alternative) usageMin = item.unsigned;
          break;
        case 0x2: {
          if (alternative) break;
          const count = item.unsigned - usageMin + 1;
          if (count > 0 && local.list.length + count > HID_LIMITS.usages) {
            throw bad(item.offset, 'usage range beyond 12288 usages');
          }
          for (let n = usageMin; n <= item.unsigned; n++) {
            local.add(n, item.data.length, g.usagePage, item.offset);
          }
          break;
        }
        case 0xa:
          if (item.unsigned !== 0) {
            if (delimiterDepth !== 0) throw bad(item.offset, 'nested delimiters');
            delimiterDepth = 1;
            delimiterBranch += 1;
          } else {
            if (delimiterDepth < 1) throw bad(item.offset, 'close delimiter without open');
            delimiterDepth = 0;
          }
          break;
        default:
          // Designators and strings do not change the layout.
          break;
      }
      continue;
    }
    if (item.type === 'main') {
      local.complete(g.usagePage);
      switch (item.tag) {
        case 0x8:
        case 0x9:
        case 0xb: {
          const kind: FieldKind =
            item.tag === 0x8 ? 'input' : item.tag === 0x9 ? 'output' : 'feature';
          const key = `${kind}:${g.reportId}`;
          const start = bitCursor.get(key) ?? 0;
          const end = start + g.reportSize * g.reportCount;
          if (end > maxReportBits) throw bad(item.offset, 'report longer than 16384 bytes');
          usagesKept += local.list.length;
          if (usagesKept > HID_LIMITS.totalUsages) throw bad(item.offset, 'too many usages');
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
            usages: local.list,
            logicalMin: g.logicalMin,
            logicalMax,
            // Without a physical range the physical extent equals the logical one (HID 1.11 §6.2.2.7).
            physicalMin: hasPhysical ? g.physicalMin : g.logicalMin,
            physicalMax: hasPhysical ? physicalMax : logicalMax,
            unitExponent: g.unitExponent,
            unit: g.unit,
            collections: openCollections as HidCollection[],
          });
          bitCursor.set(key, end);
          break;
        }
        case 0xa:
          if (collections.length >= HID_LIMITS.collectionDepth) {
            throw bad(item.offset, 'collections nested too deep');
          }
          collections.push({ type: item.unsigned & 0xff, usage: local.list[0] ?? 0 });
          openCollections = Object.freeze([...collections]);
          break;
        case 0xc:
          if (collections.length === 0) throw bad(item.offset, 'end collection without collection');
          collections.pop();
          openCollections = Object.freeze([...collections]);
          break;
        default:
          throw bad(item.offset, `unknown main item 0x${item.tag.toString(16)}`);
      }
      resetLocal();
    }
  }
  if (collections.length > 0) throw bad(bytes.length, 'unclosed collection');
  if (delimiterDepth !== 0) throw bad(bytes.length, 'unclosed delimiter');

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
