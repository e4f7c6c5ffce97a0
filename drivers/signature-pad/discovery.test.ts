import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DIGITIZER_TOP_LEVEL_TABLET,
  GXTP_27C6_0113,
  hex,
} from '../../test/fixtures/hid/descriptors';
import { readSysfsDescriptor } from '../transport/hid';
import { choosePad } from './discovery';
import { SIMULATED_GENERIC_PROFILE } from './profiles';

const listed = (over: Partial<Parameters<typeof choosePad>[0][number]>) => ({
  path: '/dev/hidraw0',
  vendorId: 0x046d,
  productId: 0xc52b,
  product: 'USB Receiver',
  usagePage: 0x01,
  usage: 0x06,
  ...over,
});

describe('signature pad discovery', () => {
  it('prefers a known Wacom STU over any digitizer', () => {
    const found = choosePad(
      [
        listed({ path: '/dev/hidraw1', usagePage: 0x0d, usage: 0x02, vendorId: 0x27c6 }),
        listed({ path: '/dev/hidraw2', vendorId: 0x056a, productId: 0x00a8 }),
      ],
      () => GXTP_27C6_0113,
    );
    expect(found).toEqual({ path: '/dev/hidraw2', target: { kind: 'stu', productId: 0x00a8 } });
  });

  it('takes a pen digitizer with its sysfs descriptor, else a shipped profile; skips touch screens', () => {
    const pen = listed({
      path: '/dev/hidraw5',
      usagePage: 0x0d,
      usage: 0x02,
      vendorId: 0x27c6,
      productId: 0x0113,
    });
    const touch = listed({ path: '/dev/hidraw4', usagePage: 0x0d, usage: 0x04 });
    const a = choosePad([touch, pen], (p) => (p === '/dev/hidraw5' ? GXTP_27C6_0113 : null));
    expect(a?.path).toBe('/dev/hidraw5');
    expect(a?.target).toMatchObject({ kind: 'generic', descriptor: GXTP_27C6_0113 });
    const p = SIMULATED_GENERIC_PROFILE;
    const b = choosePad(
      [listed({ usagePage: 0x0d, usage: 0x02, vendorId: p.vendorId, productId: p.productId })],
      () => null,
    );
    expect(b?.target).toMatchObject({
      kind: 'generic',
      descriptor: p.descriptor,
      widthMm: 100,
      sizeFromProfile: true,
    });
    // A pen without descriptor or profile cannot be decoded: not chosen.
    expect(choosePad([listed({ usagePage: 0x0d, usage: 0x02 })], () => null)).toBeNull();
    expect(choosePad([touch], () => GXTP_27C6_0113)).toBeNull();
  });

  it('takes a tablet whose top-level usage is Digitizer, and passes over pens it cannot use', () => {
    const tablet = listed({ path: '/dev/hidraw7', usagePage: 0x0d, usage: 0x01, vendorId: 0x2d1f });
    const found = choosePad([tablet], () => DIGITIZER_TOP_LEVEL_TABLET);
    expect(found).toMatchObject({
      path: '/dev/hidraw7',
      target: { kind: 'generic', descriptor: DIGITIZER_TOP_LEVEL_TABLET, sizeFromProfile: false },
    });
    // A Digitizer without a pen report with pressure, or with a corrupt descriptor: not chosen.
    const noPressure = hex(
      '05 0d 09 01 a1 01 09 20 a1 00 09 42 15 00 25 01 75 01 95 08 81 02 05 01 09 30 26 ff 0f 75 10 95 01 81 02 09 31 81 02 c0 c0',
    );
    expect(choosePad([tablet], () => noPressure)).toBeNull();
    expect(choosePad([tablet], () => hex('05 0d 09 01 a1 01 97 ff ff ff ff'))).toBeNull();
  });

  it('reads a hidraw report descriptor from sysfs', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'rekam-sysfs-'));
    try {
      mkdirSync(path.join(root, 'hidraw3', 'device'), { recursive: true });
      writeFileSync(
        path.join(root, 'hidraw3', 'device', 'report_descriptor'),
        Buffer.from([0x05, 0x0d]),
      );
      expect([...readSysfsDescriptor('/dev/hidraw3', root)!]).toEqual([0x05, 0x0d]);
      expect(readSysfsDescriptor('/dev/hidraw9', root)).toBeNull();
      expect(readSysfsDescriptor('\\\\?\\hid#vid_056a', root)).toBeNull();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
