import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { birthDateFromNik, checkDdmmyy, formatNikDate, maskNik, parseNik } from './nik';
import type { NikParts } from './nik';

// Made-up but structurally valid NIKs on real region codes:
// 32.01.01 = Kab. Bogor, Cibinong; 32.73.01 = Kota Bandung, Sukasari.
const MALE = '3201011205900001'; // 12-05-90
const FEMALE = '3273015505900002'; // 55 = 15 + 40
const FEMALE_31ST = '3273017112850003'; // 71 = 31 + 40

function parts(nik: string): NikParts {
  const r = parseNik(nik);
  if (!r.ok) throw new Error(`expected ${nik} to parse, got ${r.code}`);
  return r.parts;
}

function code(nik: string): string {
  const r = parseNik(nik);
  return r.ok ? 'ok' : r.code;
}

describe('parseNik', () => {
  it('splits a man’s NIK into dotted region codes, date, sex and serial', () => {
    expect(parts(MALE)).toEqual({
      provinceCode: '32',
      regencyCode: '32.01',
      districtCode: '32.01.01',
      day: 12,
      month: 5,
      yy: 90,
      sex: 'LAKI-LAKI',
      serial: '0001',
    });
  });

  it('reads day + 40 as a woman and removes the offset', () => {
    expect(parts(FEMALE)).toMatchObject({ day: 15, month: 5, yy: 90, sex: 'PEREMPUAN' });
    expect(parts(FEMALE_31ST)).toMatchObject({ day: 31, month: 12, yy: 85, sex: 'PEREMPUAN' });
    expect(parts('3273014101000001')).toMatchObject({ day: 1, sex: 'PEREMPUAN' }); // day 41
  });

  it('accepts 29-02 only in a year that is leap in 19yy or 20yy', () => {
    expect(parts('3201012902000004')).toMatchObject({ day: 29, month: 2, yy: 0 }); // 2000
    expect(parts('3273016902040004')).toMatchObject({ day: 29, sex: 'PEREMPUAN', yy: 4 });
    expect(code('3201012902010005')).toBe('NIK_LEAP_DAY');
    expect(code('3273016902010005')).toBe('NIK_LEAP_DAY'); // woman, 69 = 29 + 40
    expect(code('3201013002000001')).toBe('NIK_DATE'); // 30-02 never exists
  });

  it('rejects impossible dates', () => {
    expect(code('3201010005900001')).toBe('NIK_DATE'); // day 00
    expect(code('3201013205900001')).toBe('NIK_DATE'); // 32: neither sex
    expect(code('3201014005900001')).toBe('NIK_DATE'); // 40: neither sex
    expect(code('3201017205900001')).toBe('NIK_DATE'); // 72: past 31 + 40
    expect(code('3201011200900001')).toBe('NIK_DATE'); // month 00
    expect(code('3201011213900001')).toBe('NIK_DATE'); // month 13
    expect(code('3201013104900001')).toBe('NIK_DATE'); // 31 April
    expect(code('3273017104900001')).toBe('NIK_DATE'); // woman, 31 April
  });

  it('rejects serial 0000', () => {
    expect(code('3201011205900000')).toBe('NIK_SERIAL');
    expect(parts('3201011205909999').serial).toBe('9999');
  });

  it('rejects a 00 region segment', () => {
    expect(code('0001011205900001')).toBe('NIK_REGION_FORMAT');
    expect(code('3200011205900001')).toBe('NIK_REGION_FORMAT');
    expect(code('3201001205900001')).toBe('NIK_REGION_FORMAT');
  });

  it('strips pasted whitespace (spaces, tabs, NBSP) but rejects dashes, dots and letters', () => {
    expect(parts(' 3201 0112 0590 0001 ').serial).toBe('0001');
    expect(parts('320101\t120590\u00a00001').districtCode).toBe('32.01.01');
    expect(code('3201-0112-0590-0001')).toBe('NIK_CHARS');
    expect(code('32.01.01.120590.0001')).toBe('NIK_CHARS');
    expect(code('32010112O5900001')).toBe('NIK_CHARS'); // letter O for zero
  });

  it('reports empty and wrong-length input', () => {
    expect(code('')).toBe('NIK_REQUIRED');
    expect(code('   ')).toBe('NIK_REQUIRED');
    expect(code('320101120590001')).toBe('NIK_LENGTH');
    expect(code('32010112059000011')).toBe('NIK_LENGTH');
  });

  it('parses every structurally valid NIK back to its parts (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 11, max: 99 }),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 99 }),
        fc.date({ min: new Date('1900-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }),
        fc.boolean(),
        fc.integer({ min: 1, max: 9999 }),
        (pp, kk, cc, d, female, serial) => {
          const two = (n: number) => String(n).padStart(2, '0');
          const day = d.getUTCDate();
          const nik = `${two(pp)}${two(kk)}${two(cc)}${two(day + (female ? 40 : 0))}${two(d.getUTCMonth() + 1)}${two(d.getUTCFullYear() % 100)}${String(serial).padStart(4, '0')}`;
          const p = parts(nik);
          expect(p.day).toBe(day);
          expect(p.sex).toBe(female ? 'PEREMPUAN' : 'LAKI-LAKI');
          expect(p.districtCode).toBe(`${two(pp)}.${two(kk)}.${two(cc)}`);
        },
      ),
    );
  });
});

describe('checkDdmmyy', () => {
  it('treats year 00 as possibly 2000 (leap) and 01 as never leap', () => {
    expect(checkDdmmyy(29, 2, 0)).toBe('ok');
    expect(checkDdmmyy(29, 2, 1)).toBe('leap');
    expect(checkDdmmyy(28, 2, 1)).toBe('ok');
    expect(checkDdmmyy(1, 1, 100)).toBe('bad');
  });
});

describe('birthDateFromNik', () => {
  const today = new Date(2025, 5, 1); // 1 June 2025, local calendar

  it('picks the century that keeps the date in the past', () => {
    expect(birthDateFromNik(parts(MALE), today)).toBe('1990-05-12');
    expect(birthDateFromNik(parts('3201011205100001'), today)).toBe('2010-05-12');
    expect(birthDateFromNik(parts('3201010106250001'), today)).toBe('2025-06-01'); // born today
    expect(birthDateFromNik(parts('3201010206250001'), today)).toBe('1925-06-02'); // tomorrow → 1925
    expect(birthDateFromNik(parts(FEMALE_31ST), today)).toBe('1985-12-31');
  });

  it('handles leap days per century', () => {
    expect(birthDateFromNik(parts('3201012902000004'), today)).toBe('2000-02-29');
    // Before 2000, 29-02-00 could only be 1900, which was not a leap year.
    expect(birthDateFromNik(parts('3201012902000004'), new Date(1999, 0, 1))).toBeNull();
    // 2004 is in the future in 2003, but 1904 was a leap year.
    expect(birthDateFromNik(parts('3201012902040004'), new Date(2003, 0, 1))).toBe('1904-02-29');
  });
});

describe('formatNikDate', () => {
  it('shows the date part without the +40', () => {
    expect(formatNikDate(parts(FEMALE))).toBe('15-05-90');
    expect(formatNikDate(parts('3201012902000004'))).toBe('29-02-00');
  });
});

describe('maskNik', () => {
  it('keeps province + regency and the serial, hides kecamatan and birth date', () => {
    expect(maskNik(MALE)).toBe('3201********0001');
    expect(maskNik('3201 0112 0590 0001')).toBe('3201********0001');
  });

  it('masks anything that is not a 16-digit NIK completely', () => {
    expect(maskNik('32010112059')).toBe('***********');
    expect(maskNik('3201-0112-0590-0001')).toBe('*******************');
    expect(maskNik('')).toBe('');
  });

  it('never reveals digits 5–12 (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{16}$/), (nik) => {
        const m = maskNik(nik);
        expect(m).toHaveLength(16);
        expect(m.slice(4, 12)).toBe('********');
        expect(m.slice(0, 4) + m.slice(12)).toBe(nik.slice(0, 4) + nik.slice(12));
      }),
    );
  });
});
