// The only user of node-hid. Loaded lazily so a machine whose native addon cannot load (or a
// test) still runs with the simulated pad.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type * as NodeHidModule from 'node-hid';
import type { HidDevice } from './hid-device';

export interface HidDeviceInfo {
  path: string;
  vendorId: number;
  productId: number;
  product: string | null;
  manufacturer: string | null;
  serialNumber: string | null;
  usagePage: number | null;
  usage: number | null;
  interface: number;
}

type NodeHid = typeof NodeHidModule;

let loaded: Promise<NodeHid> | null = null;
function nodeHid(): Promise<NodeHid> {
  loaded ??= import('node-hid').then((m) => ((m as { default?: NodeHid }).default ?? m) as NodeHid);
  return loaded;
}

/** Every HID device the OS lists (empty when node-hid cannot load). */
export async function listHidDevices(): Promise<HidDeviceInfo[]> {
  let hid: NodeHid;
  try {
    hid = await nodeHid();
  } catch {
    return [];
  }
  const list = await hid.devicesAsync();
  return list
    .filter((d) => typeof d.path === 'string' && d.path.length > 0)
    .map((d) => ({
      path: d.path!,
      vendorId: d.vendorId,
      productId: d.productId,
      product: d.product ?? null,
      manufacturer: d.manufacturer ?? null,
      serialNumber: d.serialNumber ?? null,
      usagePage: d.usagePage ?? null,
      usage: d.usage ?? null,
      interface: d.interface,
    }));
}

/** Opens a device by its OS path with node-hid's event-driven `HID` class. */
export async function openHidDevice(devicePath: string): Promise<HidDevice> {
  const hid = await nodeHid();
  return new hid.HID(devicePath) as unknown as HidDevice;
}

/**
 * The report descriptor of a hidraw device, from sysfs (Linux only; node-hid 3 does not expose
 * it). `/dev/hidraw3` → `/sys/class/hidraw/hidraw3/device/report_descriptor`.
 */
export function readSysfsDescriptor(
  devicePath: string,
  sysRoot = '/sys/class/hidraw',
): Uint8Array | null {
  const name = path.basename(devicePath);
  if (!/^hidraw\d+$/.test(name)) return null;
  try {
    return new Uint8Array(readFileSync(path.join(sysRoot, name, 'device', 'report_descriptor')));
  } catch {
    return null;
  }
}
