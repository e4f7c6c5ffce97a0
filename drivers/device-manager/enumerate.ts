// Enumeration of HID devices and serial ports. Runs in the driver host (a child process): both
// go through native addons, and a misbehaving one must not take the recording desk down.
import { parseUsbId } from './matching';
import type { RawDevice } from './matching';

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

export async function listHidDevices(): Promise<RawDevice[]> {
  const hid = await import('node-hid');
  const seen = new Set<string>();
  const out: RawDevice[] = [];
  for (const d of hid.devices()) {
    // One physical pad shows up once per interface; the path tells them apart.
    if (!d.path || seen.has(d.path)) continue;
    seen.add(d.path);
    out.push({
      kind: 'hid',
      path: d.path,
      vendorId: parseUsbId(d.vendorId),
      productId: parseUsbId(d.productId),
      serial: str(d.serialNumber),
      manufacturer: str(d.manufacturer),
      product: str(d.product),
      release: typeof d.release === 'number' ? d.release : null,
      usagePage: typeof d.usagePage === 'number' ? d.usagePage : null,
    });
  }
  return out;
}

export async function listSerialDevices(): Promise<RawDevice[]> {
  const { SerialPort } = await import('serialport');
  const ports = await SerialPort.list();
  return ports.map((p) => ({
    kind: 'serial' as const,
    path: p.path,
    vendorId: parseUsbId(p.vendorId),
    productId: parseUsbId(p.productId),
    serial: str(p.serialNumber),
    manufacturer: str(p.manufacturer),
    product: null,
  }));
}

/** Both lists; a failure of one (e.g. no hidraw permission) does not hide the other. */
export async function enumerateDevices(): Promise<{ devices: RawDevice[]; errors: string[] }> {
  const [hid, serial] = await Promise.allSettled([listHidDevices(), listSerialDevices()]);
  const devices: RawDevice[] = [];
  const errors: string[] = [];
  for (const [name, r] of [
    ['hid', hid],
    ['serial', serial],
  ] as const) {
    if (r.status === 'fulfilled') devices.push(...r.value);
    else errors.push(`${name}: ${r.reason instanceof Error ? r.reason.message : String(r.reason)}`);
  }
  return { devices, errors };
}
