// Finds the pen report of a generic HID digitizer from its descriptor and decodes it: tip switch,
// in range, X, Y and tip pressure, in millimetres and 0–1.
import { SignaturePadError } from './errors';
import { USAGE, mmPerUnit, readField, writeField } from './hid-descriptor';
import type { HidField, ReportDescriptor } from './hid-descriptor';

export interface FieldRef {
  field: HidField;
  index: number;
}

export interface PenLayout {
  reportId: number;
  usesReportIds: boolean;
  reportBytes: number;
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

function findUsage(fields: HidField[], u: number): FieldRef | null {
  for (const field of fields) {
    if (!isVariable(field)) continue;
    for (let i = 0; i < field.count; i++) {
      const fu = field.usages[Math.min(i, field.usages.length - 1)];
      if (fu === u) return { field, index: i };
    }
  }
  return null;
}

/** Inside a Pen application or a Stylus collection (not a touch screen's finger). */
const isPenField = (f: HidField) =>
  f.collections.some((c) => c.usage === USAGE.PEN || c.usage === USAGE.STYLUS) &&
  !f.collections.some((c) => c.usage === USAGE.FINGER);

/** The first input report with tip switch, X and Y in a pen collection. */
export function findPenLayout(desc: ReportDescriptor): PenLayout {
  const inputs = desc.fields.filter((f) => f.kind === 'input' && isPenField(f));
  const ids = [...new Set(inputs.map((f) => f.reportId))];
  for (const id of ids) {
    const fields = inputs.filter((f) => f.reportId === id);
    const tip = findUsage(fields, USAGE.TIP_SWITCH);
    const x = findUsage(fields, USAGE.X);
    const y = findUsage(fields, USAGE.Y);
    if (!tip || !x || !y) continue;
    return {
      reportId: id,
      usesReportIds: desc.usesReportIds,
      reportBytes: desc.reportBytes('input', id),
      tip,
      inRange: findUsage(fields, USAGE.IN_RANGE),
      x,
      y,
      pressure: findUsage(fields, USAGE.TIP_PRESSURE),
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
  if (report.length < layout.reportBytes) {
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
