// Picks the signature pad among the HID devices the OS lists: a Wacom STU by vendor and
// product id, else a pen digitizer — top-level usage Digitizer (0x0D/0x01) or Pen (0x0D/0x02) —
// whose descriptor has a pen report with X, Y, tip and pressure.
import type { PadTarget } from './driver';
import { isSignaturePadError } from './errors';
import { parseReportDescriptor } from './hid-descriptor';
import { findPenLayout } from './hid-pen';
import { profileFor } from './profiles';
import { STU_VENDOR_ID, stuModelFor } from './stu-codec';

export interface ListedHid {
  path: string;
  vendorId: number;
  productId: number;
  product: string | null;
  usagePage: number | null;
  usage: number | null;
}

export interface FoundPad {
  path: string;
  target: PadTarget;
}

export function choosePad(
  devices: readonly ListedHid[],
  readDescriptor: (path: string) => Uint8Array | null,
): FoundPad | null {
  const stu = devices.find((d) => d.vendorId === STU_VENDOR_ID && stuModelFor(d.productId));
  if (stu) return { path: stu.path, target: { kind: 'stu', productId: stu.productId } };
  for (const d of devices) {
    // Touch screens (usage 0x04) are digitizers too, but not pens to sign with.
    if (d.usagePage !== 0x0d || (d.usage !== 0x01 && d.usage !== 0x02)) continue;
    const profile = profileFor(d.vendorId, d.productId);
    const descriptor = readDescriptor(d.path) ?? profile?.descriptor ?? null;
    if (!descriptor || !hasSigningPen(descriptor)) continue;
    return {
      path: d.path,
      target: {
        kind: 'generic',
        name: d.product ?? profile?.name ?? 'HID pen',
        vendorId: d.vendorId,
        productId: d.productId,
        descriptor,
        widthMm: profile?.widthMm ?? 100,
        heightMm: profile?.heightMm ?? 60,
        // A shipped profile measured the pad: it wins over the descriptor's physical range.
        sizeFromProfile: profile !== null,
        reportRate: profile?.reportRate ?? 200,
      },
    };
  }
  return null;
}

/** A pen report with X, Y, tip and pressure: what a signature needs (a bad descriptor: no). */
export function hasSigningPen(descriptor: Uint8Array): boolean {
  try {
    const layout = findPenLayout(parseReportDescriptor(descriptor));
    return layout.pressure !== null;
  } catch (e) {
    if (isSignaturePadError(e)) return false;
    throw e;
  }
}
