import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { PID, buildAck, buildDataPackets, command, encodePacket } from '../fingerprint/codec';
import { fingerprintTrafficRedactor } from '../fingerprint/traffic-redactor';
import { createMemoryPair } from '../transport/byte-transport';
import { TrafficRegistry, TrafficRing, tapHid, tapTransport, toHex } from './traffic';
import type { HidLike } from './traffic';

const tick = () => new Promise((r) => setImmediate(r));

describe('traffic ring buffer', () => {
  it('records hex, direction, time and a rising sequence', () => {
    let t = 1000;
    const ring = new TrafficRing({ now: () => t });
    ring.push('tx', Uint8Array.from([0xef, 0x01, 0xff, 0x00]));
    t = 1005;
    ring.push('rx', Uint8Array.from([0x0a]));
    expect(ring.after(0)).toEqual([
      { seq: 1, t: 1000, dir: 'tx', hex: 'ef01ff00' },
      { seq: 2, t: 1005, dir: 'rx', hex: '0a' },
    ]);
    expect(ring.after(1)).toEqual([{ seq: 2, t: 1005, dir: 'rx', hex: '0a' }]);
    expect(ring.after(2)).toEqual([]);
  });

  it('is bounded by entries and by bytes, keeping the newest', () => {
    const ring = new TrafficRing({ maxEntries: 10, maxBytes: 1 << 20 });
    for (let i = 0; i < 5000; i++) ring.push('rx', Uint8Array.from([i & 0xff]));
    expect(ring.size).toBe(10);
    expect(ring.after(0).map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => 4991 + i));

    const small = new TrafficRing({ maxEntries: 1000, maxBytes: 100, lineBytes: 16 });
    small.push('rx', new Uint8Array(1000).fill(0xab));
    expect(small.totalBytes).toBeLessThanOrEqual(100);
    expect(small.after(0).every((e) => e.hex.length <= 32)).toBe(true);
    expect(small.lastSeq).toBe(Math.ceil(1000 / 16));
  });

  it('splits a long burst into lines and limits what one read returns', () => {
    const ring = new TrafficRing({ lineBytes: 4 });
    ring.push('rx', Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(ring.after(0).map((e) => e.hex)).toEqual(['01020304', '05060708', '09']);
    expect(ring.after(0, 2).map((e) => e.seq)).toEqual([2, 3]);
  });

  it('hex is exact for every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(toHex(all)).toBe([...all].map((b) => b.toString(16).padStart(2, '0')).join(''));
  });
});

describe('tapping a byte transport', () => {
  it('records what the driver writes and what the device answers, and changes nothing else', async () => {
    const [host, device] = createMemoryPair();
    const reg = new TrafficRegistry();
    const tapped = reg.tap('fingerprint', host, fingerprintTrafficRedactor());
    const got: string[] = [];
    tapped.on('data', (b) => got.push(toHex(b)));
    const ack = buildAck(0);
    device.on('data', () => void device.write(ack));
    await tapped.write(command(0x13, [0, 0, 0, 0]));
    await tick();
    await tick();
    expect(got).toEqual([toHex(ack)]);
    expect(tapped.isOpen).toBe(true);
    expect(
      reg
        .ring('fingerprint')
        .after(0)
        .map((e) => `${e.dir}:${e.hex}`),
    ).toEqual([`tx:${toHex(command(0x13, [0, 0, 0, 0]))}`, `rx:${toHex(ack)}`]);
    await tapped.close();
  });

  it('keeps extra methods of a real transport (setBaud) working', async () => {
    const [host] = createMemoryPair();
    let baud = 0;
    const withBaud = Object.assign(host, { setBaud: async (b: number) => void (baud = b) });
    const tapped = tapTransport(withBaud, new TrafficRing(), fingerprintTrafficRedactor());
    await tapped.setBaud(115200);
    expect(baud).toBe(115200);
  });
});

describe('tapping a HID device', () => {
  class FakeHid extends EventEmitter implements HidLike {
    written: number[][] = [];
    write(d: number[]) {
      this.written.push(d);
      return d.length;
    }
    sendFeatureReport(d: number[]) {
      return d.length;
    }
    getFeatureReport(id: number, len: number) {
      return [id, ...new Array<number>(len - 1).fill(0x11)];
    }
    close() {}
  }

  it('records output and feature reports, and input reports without their pen data', () => {
    const ring = new TrafficRing();
    const hid = tapHid(new FakeHid(), ring);
    hid.sendFeatureReport([0x20, 0x00]);
    expect(hid.getFeatureReport(0x09, 3)).toEqual([0x09, 0x11, 0x11]);
    hid.emit('data', Buffer.from([0x01, 0x80, 0x10]));
    hid.write([0x02]);
    expect(
      ring.after(0).map((e) => `${e.dir}:${e.hex}${e.withheld ? `+${e.withheld}` : ''}`),
    ).toEqual(['tx:2000', 'rx:091111', 'rx:01+2', 'tx:02']);
    expect(ring.after(0)[2]).toMatchObject({ what: 'pen-report' });
  });
});

describe('fingerprint traffic without biometrics', () => {
  it('keeps commands and acks; a data transfer is one line: first header and a count', () => {
    const ring = new TrafficRing({ lineBytes: 64 });
    const redact = fingerprintTrafficRedactor();
    const image = new Uint8Array(300).map((_, i) => (i * 7) & 0xff);
    const packets = buildDataPackets(image, 128);
    const cmd = command(0x0a);
    const ack = buildAck(0);
    const after = command(0x01);
    const stream = Buffer.concat([ack, ...packets, buildAck(0)].map((p) => Buffer.from(p)));
    // Chunks cut anywhere, as a serial port delivers them.
    ring.pushSegments('tx', redact('tx', cmd));
    for (let i = 0; i < stream.length; i += 37) {
      ring.pushSegments('rx', redact('rx', stream.subarray(i, i + 37)));
    }
    ring.pushSegments('tx', redact('tx', after));
    const rows = ring.after(0, 10_000);
    const shown = Buffer.from(rows.map((r) => r.hex).join(''), 'hex');
    const withheld = rows.filter((r) => r.withheld);
    expect(withheld).toHaveLength(1);
    expect(withheld[0]).toMatchObject({ dir: 'rx', what: 'fingerprint-data' });
    // Everything after the first data header: payloads, checksums, the later headers.
    const dataBytes = packets.reduce((n, p) => n + p.length, 0);
    expect(withheld[0]!.withheld).toBe(dataBytes - 9);
    // The first data packet's header (EF 01, address, PID 02, length) is shown.
    expect(shown.includes(Buffer.from(packets[0]!.subarray(0, 9)))).toBe(true);
    expect(shown.length + withheld[0]!.withheld!).toBe(cmd.length + stream.length + after.length);
    // Commands and acks in full, in order.
    expect(rows[0]).toMatchObject({ dir: 'tx', hex: toHex(cmd) });
    expect(rows.at(-1)).toMatchObject({ dir: 'tx', hex: toHex(after) });
    expect(shown.includes(Buffer.from(ack))).toBe(true);
    // No run of the image survives.
    for (let i = 0; i + 8 <= image.length; i += 8) {
      expect(shown.includes(Buffer.from(image.subarray(i, i + 8)))).toBe(false);
    }
  });

  it('withholds a template the host sends down, and noise before it', () => {
    const redact = fingerprintTrafficRedactor();
    const template = new Uint8Array(64).fill(0x5a);
    const noise = Uint8Array.of(0xef, 0x02, 0x00, 0xef);
    const out = redact('tx', Uint8Array.from([...noise, ...encodePacket(PID.END_DATA, template)]));
    // The noise is counted, not shown (after a framing slip it could be image data).
    expect(out).toEqual([
      { bytes: new Uint8Array(0), withheld: 4, what: 'unframed' },
      { bytes: expect.any(Uint8Array), withheld: 66, what: 'fingerprint-data' },
    ]);
    expect(toHex(out[1]!.bytes)).toBe('ef01ffffffff080042');
  });

  it('shows a command or ack only when its checksum is right', () => {
    const redact = fingerprintTrafficRedactor();
    const good = buildAck(0, [1, 2]);
    const bad = Uint8Array.from(good);
    bad[bad.length - 1] = bad.at(-1)! ^ 0xff;
    expect(redact('rx', Uint8Array.from([...bad, ...good]))).toEqual([
      { bytes: new Uint8Array(0), withheld: bad.length, what: 'unframed' },
      { bytes: good },
    ]);
  });
});
