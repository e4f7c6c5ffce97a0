// Which driver a plugged-in device belongs to, from its USB vendor/product ids. A USB-serial
// bridge says nothing about what sits behind it, so those are only fingerprint *candidates*
// until the module answers a handshake (probing, in the driver host).

export type DeviceKind = 'hid' | 'serial';
export type DeviceModality = 'fingerprint' | 'signature';

/** A device as enumeration sees it (node-hid `devices()` or `SerialPort.list()`). */
export interface RawDevice {
  kind: DeviceKind;
  path: string;
  vendorId: number | null;
  productId: number | null;
  serial: string | null;
  manufacturer: string | null;
  product: string | null;
  /** HID only: bcdDevice (firmware release) and the top-level usage page. */
  release?: number | null;
  usagePage?: number | null;
}

export interface DriverMatch {
  modality: DeviceModality;
  driver: string;
  name: string;
  /** 'id': the ids name the device itself; 'candidate': a bridge that needs a probe. */
  certainty: 'id' | 'candidate';
}

export const WACOM_VENDOR = 0x056a;

/** STU product ids (model names as the Wacom SDKs list them; unconfirmed ones stay generic). */
export const WACOM_STU: Readonly<Record<number, string>> = {
  0x00a4: 'Wacom STU-430',
  0x00a5: 'Wacom STU-530',
  0x00a7: 'Wacom STU-430V',
  0x00a8: 'Wacom STU-540',
};

/** USB-serial bridges that fingerprint modules are commonly sold with. */
export const SERIAL_BRIDGES: readonly { vendorId: number; productId: number; chip: string }[] = [
  { vendorId: 0x10c4, productId: 0xea60, chip: 'CP210x' },
  { vendorId: 0x1a86, productId: 0x7523, chip: 'CH340' },
  { vendorId: 0x0403, productId: 0x6001, chip: 'FTDI FT232' },
  { vendorId: 0x067b, productId: 0x2303, chip: 'PL2303' },
];

/** HID usage page of digitizers (pens, tablets); a generic pad reports its pen there. */
export const DIGITIZER_USAGE_PAGE = 0x0d;

/**
 * Makers of pen tablets whose pens often report only on a vendor-defined usage page
 * (0xFF00–0xFFFF) until a vendor driver switches them: Wacom (other than the STU), Huion/Gaomon,
 * UGEE/XP-Pen. Their pen protocol is not decoded yet; diagnostics says so instead of staying silent.
 */
export const PEN_TABLET_VENDORS: Readonly<Record<number, string>> = {
  0x056a: 'Wacom',
  0x256c: 'Huion',
  0x28bd: 'XP-Pen',
};
export const isVendorUsagePage = (page: number | null | undefined) =>
  page != null && page >= 0xff00 && page <= 0xffff;

export const ZFM_DRIVER = 'zfm-uart';
export const STU_DRIVER = 'wacom-stu';
export const HID_DIGITIZER_DRIVER = 'hid-digitizer';
/** Listed so the technician sees the pen, never opened: its protocol is not supported yet. */
export const VENDOR_PEN_DRIVER = 'vendor-pen';

export function matchDevice(d: RawDevice): DriverMatch | null {
  if (d.kind === 'hid') {
    if (d.vendorId === WACOM_VENDOR && d.productId !== null && WACOM_STU[d.productId]) {
      return {
        modality: 'signature',
        driver: STU_DRIVER,
        name: WACOM_STU[d.productId]!,
        certainty: 'id',
      };
    }
    if (d.usagePage === DIGITIZER_USAGE_PAGE) {
      return {
        modality: 'signature',
        driver: HID_DIGITIZER_DRIVER,
        name: [d.manufacturer, d.product].filter(Boolean).join(' ') || 'HID digitizer',
        certainty: 'candidate',
      };
    }
    const maker = d.vendorId === null ? undefined : PEN_TABLET_VENDORS[d.vendorId];
    if (maker && isVendorUsagePage(d.usagePage)) {
      return {
        modality: 'signature',
        driver: VENDOR_PEN_DRIVER,
        name: [d.manufacturer ?? maker, d.product].filter(Boolean).join(' '),
        certainty: 'id',
      };
    }
    return null;
  }
  const bridge = SERIAL_BRIDGES.find(
    (b) => b.vendorId === d.vendorId && b.productId === d.productId,
  );
  if (!bridge) return null;
  return {
    modality: 'fingerprint',
    driver: ZFM_DRIVER,
    name: `Modul sidik jari via ${bridge.chip}`,
    certainty: 'candidate',
  };
}

/** `SerialPort.list()` gives ids as hex strings ("10c4"); node-hid gives numbers. */
export function parseUsbId(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 && v <= 0xffff ? v : null;
  if (typeof v !== 'string' || !/^(0x)?[0-9a-f]{1,4}$/i.test(v.trim())) return null;
  return Number.parseInt(v.trim().replace(/^0x/i, ''), 16);
}

export const deviceKey = (d: Pick<RawDevice, 'kind' | 'path'>) => `${d.kind}:${d.path}`;

export const hex4 = (n: number | null) =>
  n === null ? null : `0x${n.toString(16).toUpperCase().padStart(4, '0')}`;
