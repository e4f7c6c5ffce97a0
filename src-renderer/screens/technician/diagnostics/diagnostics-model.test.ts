import { describe, expect, it } from 'vitest';
import type { DeviceEntry, TrafficEntry } from '../../../../src-main/api/contract';
import {
  appendTraffic,
  base64ToBytes,
  diskLow,
  formatClock,
  formatHex,
  hexId,
  measureFps,
  sortDevices,
  usbId,
} from './diagnostics-model';

const entry = (seq: number): TrafficEntry => ({ seq, t: 1000 + seq, dir: 'tx', hex: 'ef01' });

describe('device ids', () => {
  it('prints USB ids as 0xABCD', () => {
    expect(hexId(0x56a)).toBe('0x056A');
    expect(hexId(null)).toBe('—');
    expect(usbId({ vendorId: 0x10c4, productId: 0xea60 })).toBe('0x10C4 : 0xEA60');
    expect(usbId({ vendorId: null, productId: null })).toBe('—');
  });

  it('sorts camera, fingerprint, signature with the chosen device first', () => {
    const d = (id: string, modality: DeviceEntry['modality'], chosen: boolean) =>
      ({ id, modality, chosen, name: id }) as DeviceEntry;
    expect(
      sortDevices([
        d('pad', 'signature', true),
        d('fp-b', 'fingerprint', false),
        d('fp-a', 'fingerprint', true),
        d('cam', 'camera', true),
      ]).map((x) => x.id),
    ).toEqual(['cam', 'fp-a', 'fp-b', 'pad']);
  });
});

describe('traffic', () => {
  it('appends only newer entries and keeps the newest max', () => {
    const a = appendTraffic([], [entry(1), entry(2)], 3);
    expect(a.map((e) => e.seq)).toEqual([1, 2]);
    const b = appendTraffic(a, [entry(2), entry(3), entry(4)], 3);
    expect(b.map((e) => e.seq)).toEqual([2, 3, 4]);
    expect(appendTraffic(b, [entry(4)], 3)).toBe(b);
  });

  it('groups hex by byte and cuts long packets', () => {
    expect(formatHex('ef01ffffffff010003010005')).toEqual({
      text: 'EF 01 FF FF FF FF 01 00 03 01 00 05',
      bytes: 12,
      cut: false,
    });
    const long = formatHex('ab'.repeat(100), 4);
    expect(long).toEqual({ text: 'AB AB AB AB', bytes: 100, cut: true });
  });

  it('prints time with milliseconds', () => {
    const t = new Date(2025, 5, 10, 9, 5, 7, 42).getTime();
    expect(formatClock(t)).toBe('09:05:07.042');
  });
});

describe('camera and disk', () => {
  it('measures frames per second over the span', () => {
    expect(measureFps([0, 100])).toBeNull();
    expect(measureFps([0, 100, 200, 300, 400])).toBe(10);
    expect(measureFps([0, 33, 67, 100])).toBe(30);
  });

  it('warns when free space is low in bytes or share', () => {
    const G = 1024 ** 3;
    expect(diskLow(50 * G, 100 * G)).toBe(false);
    expect(diskLow(1 * G, 100 * G)).toBe(true);
    expect(diskLow(5 * G, 100 * G)).toBe(true);
    expect(diskLow(0, 0)).toBe(false);
  });

  it('decodes base64 to bytes', () => {
    expect([...base64ToBytes('UEsDBA==')]).toEqual([0x50, 0x4b, 0x03, 0x04]);
  });
});
