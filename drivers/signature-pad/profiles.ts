// Shipped profiles for generic HID pen pads: used where the OS does not hand out the report
// descriptor (node-hid 3 does not expose it; only Linux has it in sysfs), and for the simulator.
// A profile's size is measured on the pad, so it wins over the descriptor's physical range:
// some firmwares declare a wrong one (the Linux hid-uclogic driver rewrites the descriptors of
// whole tablet families for that reason). A profile added for such a pad says so in `sizeNote`.

export interface PadProfile {
  name: string;
  vendorId: number;
  productId: number;
  descriptor: Uint8Array;
  /** Active area, measured: wins over the descriptor's physical range. */
  widthMm: number;
  heightMm: number;
  reportRate: number;
  /** Why the descriptor's own size is not trusted for this pad (known-wrong firmware). */
  sizeNote?: string;
}

/**
 * The simulated generic pen pad (pid.codes test vendor 0x1209/0x0001): a Pen application with
 * tip switch and in range bits, X/Y behind a push/pop in 0.005 mm units (100 × 60 mm), and
 * 12-bit tip pressure — the shape of common USB signature pads.
 */
export const SIMULATED_GENERIC_PROFILE: PadProfile = {
  name: 'Simulated HID pen pad',
  vendorId: 0x1209,
  productId: 0x0001,
  widthMm: 100,
  heightMm: 60,
  reportRate: 200,
  // prettier-ignore
  descriptor: Uint8Array.of(
    0x05, 0x0d, //       Usage Page (Digitizer)
    0x09, 0x02, //       Usage (Pen)
    0xa1, 0x01, //       Collection (Application)
    0x85, 0x02, //         Report ID (2)
    0x09, 0x20, //         Usage (Stylus)
    0xa1, 0x00, //         Collection (Physical)
    0x09, 0x42, //           Usage (Tip Switch)
    0x09, 0x32, //           Usage (In Range)
    0x15, 0x00, //           Logical Minimum (0)
    0x25, 0x01, //           Logical Maximum (1)
    0x75, 0x01, //           Report Size (1)
    0x95, 0x02, //           Report Count (2)
    0x81, 0x02, //           Input (Data, Var, Abs)
    0x95, 0x06, //           Report Count (6)
    0x81, 0x03, //           Input (Const, Var, Abs)
    0x05, 0x01, //           Usage Page (Generic Desktop)
    0xa4, //                 Push
    0x09, 0x30, //           Usage (X)
    0x26, 0x20, 0x4e, //     Logical Maximum (20000)
    0x35, 0x00, //           Physical Minimum (0)
    0x46, 0x10, 0x27, //     Physical Maximum (10000)
    0x55, 0x0d, //           Unit Exponent (-3)
    0x65, 0x11, //           Unit (SI Linear: cm)
    0x75, 0x10, //           Report Size (16)
    0x95, 0x01, //           Report Count (1)
    0x81, 0x02, //           Input (Data, Var, Abs)
    0x09, 0x31, //           Usage (Y)
    0x26, 0xe0, 0x2e, //     Logical Maximum (12000)
    0x46, 0x70, 0x17, //     Physical Maximum (6000)
    0x81, 0x02, //           Input (Data, Var, Abs)
    0xb4, //                 Pop
    0x05, 0x0d, //           Usage Page (Digitizer)
    0x09, 0x30, //           Usage (Tip Pressure)
    0x26, 0xff, 0x0f, //     Logical Maximum (4095)
    0x75, 0x10, //           Report Size (16)
    0x95, 0x01, //           Report Count (1)
    0x81, 0x02, //           Input (Data, Var, Abs)
    0xc0, //               End Collection
    0xc0, //             End Collection
  ),
};

export const PAD_PROFILES: readonly PadProfile[] = [SIMULATED_GENERIC_PROFILE];

export function profileFor(vendorId: number, productId: number): PadProfile | null {
  return PAD_PROFILES.find((p) => p.vendorId === vendorId && p.productId === productId) ?? null;
}
