// Finds the pen report of a generic HID digitizer from its descriptor and decodes it: tip switch,
// in range, X, Y and tip pressure, in millimetres and 0–1.
import { SignaturePadError } from './errors';
import { USAGE } from './hid-descriptor';
import { mmPerUnit, readField, writeField } from './hid-field-io';
import type { HidField, ReportDescriptor } from './hid-descriptor';

export interface FieldRef {
  field: HidField;
  index: number;
}

export interface PenLayout {
  reportId: number;
  usesReportIds: boolean;
  /** The whole report as the descriptor declares it (what the simulator sends). */
  reportBytes: number;
  /** The bytes that hold the pen's fields: a shorter report is refused, a longer one read. */
  neededBytes: number;
  tip: FieldRef;
  inRange: FieldRef | null;
  x: FieldRef;
  y: FieldRef;
  pressure: FieldRef | null;
  /** Millimetres per logical unit, from the descriptor (null: the profile gives the size). */
  xMm: number | null;
  yMm: number | null;
}

export interface PenReport {
  tip: boolean;
  inRange: boolean;
  /** Raw logical values. */
  rawX: number;
  rawY: number;
  rawPressure: number | null;
  /** Millimetres from the logical minimum; pressure 0–1 (tip only, when no pressure usage). */
  x: number;
  y: number;
  p: number;
}

const isVariable = (f: HidField) => (f.flags & 0x02) !== 0 && (f.flags & 0x01) === 0;

/** Element i uses usages[i], the last usage repeating: only the first `usages.length` differ. */
function findUsage(fields: HidField[], u: number): FieldRef | null {
  for (const field of fields) {
    if (!isVariable(field)) continue;
    const n = Math.min(field.count, field.usages.length);
    for (let i = 0; i < n; i++) {
      if (field.usages[i] === u) return { field, index: i };
    }
  }
  return null;
}

/**
 * Inside a pen: a Pen application or a Stylus collection, or a Digitizer application (a third of
 * tablets and pen displays declare their pen so) — never a touch screen's finger.
 */
const isPenField = (f: HidField) =>
  f.collections.some(
    (c, depth) =>
      c.usage === USAGE.PEN ||
      c.usage === USAGE.STYLUS ||
      (depth === 0 && c.usage === USAGE.DIGITIZER),
  ) && !f.collections.some((c) => c.usage === USAGE.FINGER || c.usage === USAGE.TOUCH_SCREEN);

const endByte = (r: FieldRef | null, ids: boolean): number =>
  r ? Math.ceil((r.field.bitOffset + (r.index + 1) * r.field.bitSize) / 8) + (ids ? 1 : 0) : 0;

/** The first input report with tip switch, X and Y in a pen collection. */
export function findPenLayout(desc: ReportDescriptor): PenLayout {
  const byId = new Map<number, HidField[]>();
  for (const f of desc.fields) {
    if (f.kind !== 'input' || !isPenField(f)) continue;
    const list = byId.get(f.reportId);
    if (list) list.push(f);
    else byId.set(f.reportId, [f]);
  }
  for (const [id, fields] of byId) {
    const tip = findUsage(fields, USAGE.TIP_SWITCH);
    const x = findUsage(fields, USAGE.X);
    const y = findUsage(fields, USAGE.Y);
    if (!tip || !x || !y) continue;
    const inRange = findUsage(fields, USAGE.IN_RANGE);
    const pressure = findUsage(fields, USAGE.TIP_PRESSURE);
    const ids = desc.usesReportIds;
    return {
      reportId: id,
      usesReportIds: ids,
      reportBytes: desc.reportBytes('input', id),
      neededBytes: Math.max(...[tip, inRange, x, y, pressure].map((r) => endByte(r, ids))),
      tip,
      inRange,
      x,
      y,
      pressure,
      xMm: mmPerUnit(x.field),
      yMm: mmPerUnit(y.field),
    };
  }
  throw new SignaturePadError('NO_PEN_REPORT');
}

const read = (r: FieldRef, report: Uint8Array, ids: boolean) =>
  readField(r.field, report, ids, r.index);

/**
 * Decodes one pen report. `size` gives the pad's active area when the descriptor has no length
 * units. Returns null for a report of another id.
 */
export function decodePenReport(
  layout: PenLayout,
  report: Uint8Array,
  size?: { widthMm: number; heightMm: number },
): PenReport | null {
  if (layout.usesReportIds && report[0] !== layout.reportId) return null;
  if (report.length < layout.neededBytes) {
    throw new SignaturePadError('BAD_REPORT', `pen report of ${report.length} bytes`);
  }
  const ids = layout.usesReportIds;
  const tip = read(layout.tip, report, ids) !== 0;
  const inRange = layout.inRange ? read(layout.inRange, report, ids) !== 0 : tip;
  const rawX = read(layout.x, report, ids);
  const rawY = read(layout.y, report, ids);
  const rawPressure = layout.pressure ? read(layout.pressure, report, ids) : null;
  const fx = layout.x.field;
  const fy = layout.y.field;
  const spanX = fx.logicalMax - fx.logicalMin || 1;
  const spanY = fy.logicalMax - fy.logicalMin || 1;
  const x =
    layout.xMm !== null
      ? (rawX - fx.logicalMin) * layout.xMm
      : ((rawX - fx.logicalMin) / spanX) * (size?.widthMm ?? spanX);
  const y =
    layout.yMm !== null
      ? (rawY - fy.logicalMin) * layout.yMm
      : ((rawY - fy.logicalMin) / spanY) * (size?.heightMm ?? spanY);
  let p = tip ? 1 : 0;
  if (layout.pressure && rawPressure !== null) {
    const fp = layout.pressure.field;
    const span = fp.logicalMax - fp.logicalMin;
    p = span > 0 ? Math.min(1, Math.max(0, (rawPressure - fp.logicalMin) / span)) : p;
    if (!tip) p = 0;
  }
  return { tip, inRange, rawX, rawY, rawPressure, x, y, p };
}

/** Builds a pen report from raw values (the generic simulator's side of the same layout). */
export function encodePenReport(
  layout: PenLayout,
  v: { tip: boolean; inRange: boolean; x: number; y: number; pressure: number },
): Uint8Array {
  const out = new Uint8Array(layout.reportBytes);
  if (layout.usesReportIds) out[0] = layout.reportId;
  const ids = layout.usesReportIds;
  const put = (r: FieldRef | null, value: number) => {
    if (r) writeField(r.field, out, ids, value, r.index);
  };
  put(layout.tip, v.tip ? 1 : 0);
  put(layout.inRange, v.inRange ? 1 : 0);
  put(layout.x, v.x);
  put(layout.y, v.y);
  put(layout.pressure, v.pressure);
  return out;
}
