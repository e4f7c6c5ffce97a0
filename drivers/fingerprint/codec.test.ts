import { describe, expect, it } from 'vitest';
import * as fc from 'fast-check';
import {
  PID,
  buildAck,
  buildAuraLed,
  buildDataPackets,
  buildGenImg,
  buildImg2Tz,
  buildMatch,
  buildReadSysPara,
  buildRegModel,
  buildSetSysPara,
  buildTemplateNum,
  buildUpChar,
  buildDownChar,
  buildDeletChar,
  buildDownImage,
  buildEmpty,
  buildGetRandomCode,
  buildHighSpeedSearch,
  buildLoadChar,
  buildReadIndexTable,
  buildSearch,
  buildSetAdder,
  buildSetPwd,
  buildStore,
  buildUpImage,
  buildVfyPwd,
  decodePacket,
  encodeIndexTable,
  encodePacket,
  encodeSysPara,
  expectOk,
  fromHex,
  packImage4,
  packetSizeCode,
  parseAck,
  parseIndexTable,
  parseMatchScore,
  parseRandomCode,
  parseSearchResult,
  parseSysPara,
  parseTemplateNum,
  toHex,
  unpackImage4,
} from './codec';
import { FingerprintError } from './errors';

const hex = (s: string) => s.replace(/\s+/g, '').toLowerCase();

describe('command builders (byte-exact)', () => {
  const vectors: [string, Uint8Array, string][] = [
    ['GenImg (datasheet)', buildGenImg(), 'EF01 FFFFFFFF 01 0003 01 0005'],
    ['VfyPwd(0) (datasheet)', buildVfyPwd(0), 'EF01 FFFFFFFF 01 0007 13 00000000 001B'],
    ['VfyPwd(0x12345678)', buildVfyPwd(0x12345678), 'EF01 FFFFFFFF 01 0007 13 12345678 012F'],
    ['ReadSysPara', buildReadSysPara(), 'EF01 FFFFFFFF 01 0003 0F 0013'],
    ['SetSysPara(6,3)', buildSetSysPara(6, 3), 'EF01 FFFFFFFF 01 0005 0E 0603 001D'],
    ['SetSysPara(4,12)', buildSetSysPara(4, 12), 'EF01 FFFFFFFF 01 0005 0E 040C 0024'],
    ['UpImage', buildUpImage(), 'EF01 FFFFFFFF 01 0003 0A 000E'],
    ['Img2Tz(1)', buildImg2Tz(1), 'EF01 FFFFFFFF 01 0004 02 01 0008'],
    ['Img2Tz(2)', buildImg2Tz(2), 'EF01 FFFFFFFF 01 0004 02 02 0009'],
    ['Match', buildMatch(), 'EF01 FFFFFFFF 01 0003 03 0007'],
    ['RegModel', buildRegModel(), 'EF01 FFFFFFFF 01 0003 05 0009'],
    ['UpChar(1)', buildUpChar(1), 'EF01 FFFFFFFF 01 0004 08 01 000E'],
    ['DownChar(2)', buildDownChar(2), 'EF01 FFFFFFFF 01 0004 09 02 0010'],
    [
      'AuraLED breathing',
      buildAuraLed({ control: 1, speed: 0x80, colour: 1, count: 0 }),
      'EF01 FFFFFFFF 01 0007 35 01800100 00BF',
    ],
    ['TemplateNum', buildTemplateNum(), 'EF01 FFFFFFFF 01 0003 1D 0021'],
    ['GenImg @ address 0', buildGenImg(0), 'EF01 00000000 01 0003 01 0005'],
  ];
  it.each(vectors)('%s', (_name, bytes, expected) => {
    expect(toHex(bytes)).toBe(hex(expected));
  });

  // The template library and the other commands of the datasheet table (DOMAIN.md); every
  // checksum worked out by hand: PID + LEN bytes + payload bytes, low 16 bits.
  const library: [string, Uint8Array, string][] = [
    ['Store(1, page 5)', buildStore(1, 5), 'EF01 FFFFFFFF 01 0006 06 01 0005 0013'],
    ['LoadChar(2, page 300)', buildLoadChar(2, 300), 'EF01 FFFFFFFF 01 0006 07 02 012C 003D'],
    ['Search(1, 0, 10)', buildSearch(1, 0, 10), 'EF01 FFFFFFFF 01 0008 04 01 0000 000A 0018'],
    [
      'HighSpeedSearch(2, 16, 163)',
      buildHighSpeedSearch(2, 16, 163),
      'EF01 FFFFFFFF 01 0008 1B 02 0010 00A3 00D9',
    ],
    ['DeletChar(3, 1)', buildDeletChar(3, 1), 'EF01 FFFFFFFF 01 0007 0C 0003 0001 0018'],
    ['Empty', buildEmpty(), 'EF01 FFFFFFFF 01 0003 0D 0011'],
    ['ReadIndexTable(0)', buildReadIndexTable(0), 'EF01 FFFFFFFF 01 0004 1F 00 0024'],
    ['ReadIndexTable(1)', buildReadIndexTable(1), 'EF01 FFFFFFFF 01 0004 1F 01 0025'],
    ['GetRandomCode', buildGetRandomCode(), 'EF01 FFFFFFFF 01 0003 14 0018'],
    ['SetAdder(0x12345678)', buildSetAdder(0x12345678), 'EF01 FFFFFFFF 01 0007 15 12345678 0131'],
    ['SetPwd(0xABCD)', buildSetPwd(0xabcd), 'EF01 FFFFFFFF 01 0007 12 0000ABCD 0192'],
    ['DownImage', buildDownImage(), 'EF01 FFFFFFFF 01 0003 0B 000F'],
    [
      'Store(1, 0) @ address 0x12345678',
      buildStore(1, 0, 0x12345678),
      'EF01 12345678 01 0006 06 01 0000 000E',
    ],
  ];
  it.each(library)('%s', (_name, bytes, expected) => {
    expect(toHex(bytes)).toBe(hex(expected));
  });

  it('maps packet sizes to register codes', () => {
    expect([32, 64, 128, 256].map((s) => packetSizeCode(s as 32))).toEqual([0, 1, 2, 3]);
    expect(() => packetSizeCode(100 as 32)).toThrow(RangeError);
  });
});

describe('reply parsers (byte-exact)', () => {
  it('parses a plain ok ack and a no-finger ack', () => {
    const okBytes = fromHex('EF01FFFFFFFF070003 00 000A');
    expect(toHex(buildAck(0))).toBe(toHex(okBytes));
    expect(parseAck(decodePacket(okBytes))).toEqual({ confirmation: 0, data: new Uint8Array() });
    const noFinger = decodePacket(fromHex('EF01FFFFFFFF070003 02 000C'));
    const err = (() => {
      try {
        expectOk(parseAck(noFinger), 'GEN_IMG');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(FingerprintError);
    expect(err).toMatchObject({
      code: 'NO_FINGER',
      confirmation: 2,
      messageId: 'Letakkan jari di sensor',
    });
  });

  it('parses ReadSysPara', () => {
    const bytes = fromHex('EF01FFFFFFFF 07 0013 00 0000 0009 012C 0003 FFFFFFFF 0002 0006 0457');
    const p = parseSysPara(parseAck(decodePacket(bytes)));
    expect(p).toEqual({
      status: 0,
      systemId: 9,
      capacity: 300,
      securityLevel: 3,
      address: 0xffffffff,
      packetSizeCode: 2,
      packetSize: 128,
      baudMultiplier: 6,
      baud: 57600,
    });
    const { packetSize: _a, baud: _b, ...raw } = p;
    expect(toHex(buildAck(0, encodeSysPara(raw)))).toBe(toHex(bytes));
  });

  it('parses Match and TemplateNum', () => {
    expect(
      parseMatchScore(parseAck(decodePacket(fromHex('EF01FFFFFFFF 07 0005 00 0096 00A2')))),
    ).toBe(150);
    expect(
      parseTemplateNum(parseAck(decodePacket(fromHex('EF01FFFFFFFF 07 0005 00 0005 0011')))),
    ).toBe(5);
  });

  it('parses Search / HighSpeedSearch: page and score', () => {
    const found = decodePacket(fromHex('EF01FFFFFFFF 07 0007 00 0005 0064 0077'));
    expect(parseSearchResult(parseAck(found))).toEqual({ page: 5, score: 100 });
    const none = parseAck(decodePacket(fromHex('EF01FFFFFFFF 07 0007 09 0000 0000 0017')));
    expect(none.confirmation).toBe(0x09);
    expect(() => expectOk(none, 'SEARCH')).toThrow(/NOT_FOUND/);
  });

  it('parses GetRandomCode', () => {
    const bytes = fromHex('EF01FFFFFFFF 07 0007 00 DEADBEEF 0346');
    expect(parseRandomCode(parseAck(decodePacket(bytes)))).toBe(0xdeadbeef);
  });

  it('parses ReadIndexTable: least significant bit first, 256 pages per index page', () => {
    // Pages 0, 1, 9 and 255 used: byte 0 = 03, byte 1 = 02, byte 31 = 80.
    const bytes = fromHex(`EF01FFFFFFFF 07 0023 00 0302 ${'00'.repeat(29)} 80 00AF`);
    const ack = parseAck(decodePacket(bytes));
    expect(parseIndexTable(ack, 0)).toEqual([0, 1, 9, 255]);
    expect(parseIndexTable(ack, 1)).toEqual([256, 257, 265, 511]);
    expect(toHex(buildAck(0, encodeIndexTable([255, 9, 0, 1, 300], 0)))).toBe(toHex(bytes));
    expect(() => parseIndexTable({ confirmation: 0, data: new Uint8Array(8) }, 0)).toThrow(
      /MALFORMED/,
    );
  });

  it('reads the SetAdder ack from the new address', () => {
    const p = decodePacket(fromHex('EF01 12345678 07 0003 00 000A'));
    expect(p.address).toBe(0x12345678);
    expect(parseAck(p).confirmation).toBe(0);
  });

  it('maps every documented confirmation code to a typed error with both languages', () => {
    const codes = [
      1, 2, 3, 6, 7, 8, 9, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11, 0x13, 0x15, 0x18, 0x1a,
      0x21,
    ];
    for (const c of codes) {
      try {
        expectOk({ confirmation: c, data: new Uint8Array() });
        expect.unreachable();
      } catch (e) {
        const fe = e as FingerprintError;
        expect(fe.code).not.toBe('UNKNOWN_CONFIRMATION');
        expect(fe.confirmation).toBe(c);
        expect(fe.messageId.length).toBeGreaterThan(3);
        expect(fe.messageEn.length).toBeGreaterThan(3);
      }
    }
    expect(() => expectOk({ confirmation: 0x99, data: new Uint8Array() })).toThrow(
      /UNKNOWN_CONFIRMATION/,
    );
    try {
      expectOk({ confirmation: 6, data: new Uint8Array() });
    } catch (e) {
      expect((e as FingerprintError).messageId).toBe('Bersihkan kaca sensor dan coba lagi');
    }
    const gated = parseAck(decodePacket(fromHex('EF01FFFFFFFF 07 0003 21 002B')));
    expect(() => expectOk(gated, 'GEN_IMG')).toThrow(/PASSWORD_REQUIRED/);
  });

  it('encodes data packets and the last one with PID 08', () => {
    const pk = buildDataPackets(fromHex('11223344'), 32);
    expect(pk.map(toHex)).toEqual([hex('EF01FFFFFFFF 08 0006 11223344 00B8')]);
    const many = buildDataPackets(new Uint8Array(100), 32);
    expect(many.map((p) => p[6])).toEqual([PID.DATA, PID.DATA, PID.DATA, PID.END_DATA]);
    expect(toHex(encodePacket(PID.DATA, fromHex('11223344')))).toBe(
      hex('EF01FFFFFFFF 02 0006 11223344 00B2'),
    );
  });

  it('rejects malformed and corrupted single packets', () => {
    expect(() => decodePacket(fromHex('EF01FFFFFFFF07000300000B'))).toThrow(/CORRUPT_FRAME/);
    expect(() => decodePacket(fromHex('EF02FFFFFFFF07000300000A'))).toThrow(/MALFORMED/);
    expect(() => decodePacket(fromHex('EF01FFFFFFFF07000400000A'))).toThrow(/MALFORMED/);
  });
});

describe('image packing', () => {
  it('unpacks high nibble first and scales by 17', () => {
    expect(Array.from(unpackImage4(fromHex('F0 1E')))).toEqual([255, 0, 17, 238]);
  });
  it('round-trips any 4-bit image', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 2, maxLength: 64 }), (packed) => {
        expect(packImage4(unpackImage4(packed))).toEqual(packed);
      }),
    );
  });
});

describe('packet round trip', () => {
  it('decodes whatever it encodes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 7, 8),
        fc.uint8Array({ maxLength: 256 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        (pid, payload, address) => {
          expect(decodePacket(encodePacket(pid, payload, address))).toEqual({
            address,
            pid,
            payload,
          });
        },
      ),
    );
  });
});
