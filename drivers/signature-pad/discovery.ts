// Picks the signature pad among the HID devices the OS lists: a Wacom STU by vendor and
// product id, else a digitizer pen (usage page 0x0D, usage Pen) with its descriptor.
import type { PadTarget } from './driver';
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
    if (d.usagePage !== 0x0d || d.usage !== 0x02) continue;
    const profile = profileFor(d.vendorId, d.productId);
    const descriptor = readDescriptor(d.path) ?? profile?.descriptor ?? null;
    if (!descriptor) continue;
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
        reportRate: profile?.reportRate ?? 200,
      },
    };
  }
  return null;
}
