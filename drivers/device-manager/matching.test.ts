import { describe, expect, it } from 'vitest';
import { deviceKey, hex4, matchDevice, parseUsbId } from './matching';
import type { RawDevice } from './matching';

const dev = (over: Partial<RawDevice>): RawDevice => ({
  kind: 'serial',
  path: '/dev/ttyUSB0',
  vendorId: null,
  productId: null,
  serial: null,
  manufacturer: null,
  product: null,
  ...over,
});

describe('matching devices to drivers by USB ids', () => {
  it('names Wacom STU pads by product id', () => {
    for (const [pid, name] of [
      [0x00a4, 'Wacom STU-430'],
      [0x00a5, 'Wacom STU-530'],
      [0x00a8, 'Wacom STU-540'],
      [0x00a7, 'Wacom STU-430V'],
    ] as const) {
      expect(matchDevice(dev({ kind: 'hid', vendorId: 0x056a, productId: pid }))).toEqual({
        modality: 'signature',
        driver: 'wacom-stu',
        name,
        certainty: 'id',
      });
    }
  });

  it('ignores other Wacom products (a drawing tablet is not a signature pad)', () => {
    expect(matchDevice(dev({ kind: 'hid', vendorId: 0x056a, productId: 0x0357 }))).toBeNull();
  });

  it('treats any HID digitizer as a signature candidate', () => {
    const m = matchDevice(
      dev({ kind: 'hid', vendorId: 0x1234, productId: 1, usagePage: 0x0d, product: 'Pen Pad' }),
    );
    expect(m).toMatchObject({
      modality: 'signature',
      driver: 'hid-digitizer',
      certainty: 'candidate',
    });
  });

  it('lists a pen tablet that reports only on a vendor page, for diagnostics, not as a pad', () => {
    const m = matchDevice(
      dev({ kind: 'hid', vendorId: 0x28bd, productId: 0x0914, usagePage: 0xff0a, product: 'Deco' }),
    );
    expect(m).toMatchObject({ modality: 'signature', driver: 'vendor-pen', name: 'XP-Pen Deco' });
    // The same maker's device on a standard page is not a vendor-only pen.
    expect(
      matchDevice(dev({ kind: 'hid', vendorId: 0x28bd, productId: 0x0914, usagePage: 0x01 })),
    ).toBeNull();
  });

  it('treats the common USB-serial bridges as fingerprint candidates', () => {
    for (const [v, p, chip] of [
      [0x10c4, 0xea60, 'CP210x'],
      [0x1a86, 0x7523, 'CH340'],
      [0x0403, 0x6001, 'FTDI'],
      [0x067b, 0x2303, 'PL2303'],
    ] as const) {
      const m = matchDevice(dev({ vendorId: v, productId: p }));
      expect(m).toMatchObject({
        modality: 'fingerprint',
        driver: 'zfm-uart',
        certainty: 'candidate',
      });
      expect(m!.name).toContain(chip);
    }
  });

  it('leaves built-in serial ports and unknown devices alone', () => {
    expect(matchDevice(dev({ path: '/dev/ttyS0' }))).toBeNull();
    expect(matchDevice(dev({ vendorId: 0x2341, productId: 0x0043 }))).toBeNull();
    expect(matchDevice(dev({ kind: 'hid', vendorId: 0x046d, productId: 0xc52b }))).toBeNull();
  });

  it('parses ids as SerialPort.list and node-hid give them', () => {
    expect(parseUsbId('10c4')).toBe(0x10c4);
    expect(parseUsbId('0x1A86')).toBe(0x1a86);
    expect(parseUsbId(0x056a)).toBe(0x056a);
    expect(parseUsbId(undefined)).toBeNull();
    expect(parseUsbId('zz')).toBeNull();
    expect(parseUsbId(70000)).toBeNull();
    expect(hex4(0xa4)).toBe('0x00A4');
    expect(deviceKey({ kind: 'hid', path: '1-2:1.0' })).toBe('hid:1-2:1.0');
  });
});
