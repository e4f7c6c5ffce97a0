import { describe, expect, it } from 'vitest';
import { decodeSize, groupNik, looksLikeCode, typedByScanner } from './handover-model';

describe('keyboard-wedge scanner', () => {
  it('fast keystrokes are a scan; a person typing is not', () => {
    const scan = Array.from({ length: 27 }, (_, i) => 1000 + i * 8);
    expect(typedByScanner(scan)).toBe(true);
    // Late key events on a busy machine do not make it a person.
    expect(typedByScanner(scan.map((t, i) => (i > 10 ? t + 120 : t)))).toBe(true);
    expect(typedByScanner(scan.map((t, i) => t + (i % 4 === 0 ? i * 30 : 0)))).toBe(true);
    const person = Array.from({ length: 16 }, (_, i) => 1000 + i * 140);
    expect(typedByScanner(person)).toBe(false);
    expect(typedByScanner(scan.slice(0, 5))).toBe(false);
  });
});

describe('what the search field holds', () => {
  it('a word of letters and digits is a code (the packet number); a NIK or a name is not', () => {
    expect(looksLikeCode('K01M9998FW9D7SGWQE6JEXKP08K')).toBe(true);
    expect(looksLikeCode(' X-BUKAN-BUKTI-12345 ')).toBe(true);
    expect(looksLikeCode('3273015508920002')).toBe(false);
    expect(looksLikeCode('Siti Rahmawati')).toBe(false);
    expect(looksLikeCode("SITI NUR'AINI")).toBe(false);
    expect(looksLikeCode('RT 3 RW 7')).toBe(false);
    expect(looksLikeCode('A1')).toBe(false);
  });
});

describe('helpers', () => {
  it('scales frames down for the decoder, never up', () => {
    expect(decodeSize(1280, 720)).toEqual({ w: 640, h: 360 });
    expect(decodeSize(320, 240)).toEqual({ w: 320, h: 240 });
  });
  it('groups a NIK by four', () => {
    expect(groupNik('3201014501900003')).toBe('3201 0145 0190 0003');
  });
});
