import { describe, expect, it } from 'vitest';
import { MESSAGE_CODES, t } from './messages';
import type { MessageCode } from './messages';
import type { ResidentData } from './resident';
import { normalizeResident, validateResident } from './validate-resident';
import type { ValidateContext } from './validate-resident';

// Made-up people on real region codes (32.01.01 Cibinong, Kab. Bogor; 32.73.01 Sukasari,
// Kota Bandung). A small known-codes set stands in for the region index here; the real index
// is exercised together with validateResident in services/recording/regions.test.ts.
const KNOWN = new Set(['32.01.01', '32.73.01', '32.01.01.1001', '32.73.01.1001']);
const ctx: ValidateContext = {
  today: new Date(2025, 5, 1),
  locale: 'id',
  districtKnown: (c) => KNOWN.has(c),
  villageKnown: (c) => KNOWN.has(c),
};

const base: ResidentData = {
  nik: '3201011205900001',
  kk: '3201010203150007',
  name: 'BUDI SANTOSO',
  birthPlace: 'BOGOR',
  birthDate: '1990-05-12',
  sex: 'LAKI-LAKI',
  bloodType: 'O',
  address: 'JL. RAYA CIBINONG NO. 5',
  rt: '003',
  rw: '012',
  villageCode: '32.01.01.1001',
  religion: 'ISLAM',
  maritalStatus: 'KAWIN',
  occupation: 'KARYAWAN SWASTA',
  citizenship: 'WNI',
};

const woman: ResidentData = {
  ...base,
  nik: '3273015505900002',
  kk: '3273010101100003',
  name: "SITI NUR'AINI",
  birthDate: '1990-05-15',
  sex: 'PEREMPUAN',
  villageCode: '32.73.01.1001',
};

const check = (patch: Partial<ResidentData>, c: Partial<ValidateContext> = {}) =>
  validateResident({ ...base, ...patch }, { ...ctx, ...c });
const codes = (patch: Partial<ResidentData>, c: Partial<ValidateContext> = {}) =>
  check(patch, c).map((i) => `${i.field}:${i.severity}:${i.code}`);

describe('validateResident — valid people', () => {
  it('accepts a man and a woman with consistent data', () => {
    expect(validateResident(base, ctx)).toEqual([]);
    expect(validateResident(woman, ctx)).toEqual([]);
  });

  it('accepts a woman born on the 31st (NIK day 71)', () => {
    expect(codes({ ...woman, nik: '3273017112850003', birthDate: '1985-12-31' })).toEqual([]);
  });

  it('accepts a leap-day birth when the NIK says 29-02-00 and the date is 2000-02-29', () => {
    expect(codes({ nik: '3201012902000004', birthDate: '2000-02-29' })).toEqual([]);
  });

  it('accepts raw input that normalisation fixes (spaces, lower case, short RT/RW)', () => {
    expect(
      codes({ nik: ' 3201 0112 0590 0001', name: '  budi   santoso ', rt: '3', rw: '12' }),
    ).toEqual([]);
  });

  it('asks nothing when region lookups are unknown (index not loaded yet)', () => {
    expect(
      codes(
        { nik: '3201991205900001', villageCode: '32.01.99.9999' },
        { districtKnown: () => undefined, villageKnown: undefined },
      ),
    ).toEqual([]);
  });
});

describe('validateResident — NIK', () => {
  it('reports a bad NIK structure with an actionable message', () => {
    const [letters] = check({ nik: '32010112O5900001' });
    expect(letters).toMatchObject({ field: 'nik', severity: 'error', code: 'NIK_CHARS' });
    expect(letters?.message).toContain("'O'");

    const [dashes] = check({ nik: '3201-0112-0590-0001' });
    expect(dashes?.code).toBe('NIK_CHARS');
    expect(dashes?.message).toContain("'-'");

    const [short] = check({ nik: '320101120590001' });
    expect(short).toMatchObject({ code: 'NIK_LENGTH' });
    expect(short?.message).toContain('15 angka');

    expect(codes({ nik: '' })).toEqual(['nik:error:NIK_REQUIRED']);
    expect(codes({ nik: '3201011205900000' })).toEqual(['nik:error:NIK_SERIAL']);
    expect(codes({ nik: '3201013505900001' })).toEqual(['nik:error:NIK_DATE']);
  });

  it('reports 29-02 in a non-leap year clearly', () => {
    const issues = check({ nik: '3201012902010005', birthDate: '2001-03-01' });
    expect(issues.map((i) => i.code)).toEqual(['NIK_LEAP_DAY']);
    expect(issues[0]?.message).toBe(
      'Bagian tanggal NIK menunjukkan 29-02-01, tetapi tahun 01 bukan tahun kabisat. Periksa lagi NIK.',
    );
  });

  it('warns (does not block) when the NIK region is unknown', () => {
    const issues = check({ nik: '3201991205900001' });
    expect(issues).toEqual([
      {
        field: 'nik',
        severity: 'warning',
        code: 'NIK_REGION_UNKNOWN',
        message:
          'Kode wilayah NIK 32.01.99 tidak dikenal — periksa lagi; NIK lama dari kecamatan yang sudah dimekarkan tetap boleh.',
      },
    ]);
  });

  it('says both dates when the NIK date part contradicts the birth date', () => {
    const issues = check({ nik: '3201011505900001', birthDate: '1990-05-12' });
    expect(issues).toEqual([
      {
        field: 'birthDate',
        severity: 'error',
        code: 'NIK_BIRTHDATE_MISMATCH',
        message:
          'Tanggal lahir 12-05-1990 tidak cocok dengan NIK (bagian tanggal menunjukkan 15-05-90). Periksa lagi NIK atau tanggal lahir.',
      },
    ]);
    // Same day and month, other two-digit year.
    expect(codes({ birthDate: '1991-05-12' })).toEqual(['birthDate:error:NIK_BIRTHDATE_MISMATCH']);
    // The century is not in the NIK: 2090 is in the future, but 1890 is rejected as too old.
    expect(codes({ birthDate: '1890-05-12' })).toEqual(['birthDate:error:BIRTHDATE_TOO_OLD']);
  });

  it('compares a woman’s date without the +40', () => {
    const [issue] = check({ ...woman, birthDate: '1990-05-16' });
    expect(issue?.message).toContain('menunjukkan 15-05-90');
  });

  it('reports sex that contradicts the NIK day offset, both ways', () => {
    const [toMale] = check({ ...woman, sex: 'LAKI-LAKI' });
    expect(toMale).toMatchObject({ field: 'sex', severity: 'error', code: 'NIK_SEX_MISMATCH' });
    expect(toMale?.message).toBe(
      'NIK menunjukkan PEREMPUAN (tanggal +40), tetapi jenis kelamin diisi LAKI-LAKI. Periksa lagi NIK atau jenis kelamin.',
    );
    const [toFemale] = check({ sex: 'PEREMPUAN' });
    expect(toFemale?.message).toContain('NIK menunjukkan LAKI-LAKI');
  });

  it('speaks English when asked', () => {
    const [issue] = check({ ...woman, sex: 'LAKI-LAKI' }, { locale: 'en' });
    expect(issue?.message).toBe(
      'The NIK indicates PEREMPUAN (female) (day + 40), but sex is entered as LAKI-LAKI (male). Check the NIK or the sex.',
    );
  });
});

describe('validateResident — KK', () => {
  it('checks length, digits, region and registration date', () => {
    expect(codes({ kk: '' })).toEqual(['kk:error:KK_REQUIRED']);
    expect(codes({ kk: '320101020315' })).toEqual(['kk:error:KK_LENGTH']);
    expect(codes({ kk: '3201-0102-0315-0007' })).toEqual(['kk:error:KK_CHARS']);
    expect(codes({ kk: '0001010203150007' })).toEqual(['kk:error:KK_REGION_FORMAT']);
    expect(codes({ kk: '3201013102150007' })).toEqual(['kk:error:KK_DATE']); // 31-02
    expect(codes({ kk: '3201012902150007' })).toEqual(['kk:error:KK_DATE']); // 29-02-15
    expect(codes({ kk: '3201012902160007' })).toEqual([]); // 29-02-16
    expect(codes({ kk: '3201 0102 0315 0007' })).toEqual([]);
  });

  it('catches the NIK typed into the KK field', () => {
    expect(codes({ kk: base.nik })).toEqual(['kk:error:KK_SAME_AS_NIK']);
  });

  it('warns when the KK region is unknown', () => {
    expect(codes({ kk: '3201990203150007' })).toEqual(['kk:warning:KK_REGION_UNKNOWN']);
  });
});

describe('validateResident — other fields', () => {
  it('requires name, birth place, birth date, address, RT, RW and village', () => {
    expect(
      codes({
        name: ' ',
        birthPlace: '',
        birthDate: '',
        address: '  ',
        rt: '',
        rw: '',
        villageCode: '',
      }),
    ).toEqual([
      'name:error:NAME_REQUIRED',
      'birthPlace:error:BIRTHPLACE_REQUIRED',
      'address:error:ADDRESS_REQUIRED',
      'birthDate:error:BIRTHDATE_REQUIRED',
      'rt:error:RT_REQUIRED',
      'rw:error:RW_REQUIRED',
      'villageCode:error:VILLAGE_REQUIRED',
    ]);
  });

  it("allows letters, spaces and . , ' - in names only", () => {
    expect(codes({ name: 'MUH. ABD. RAHMAN, S.PD.' })).toEqual([]);
    expect(codes({ name: "I GUSTI AYU KADEK D'ARCY-PUTRI" })).toEqual([]);
    expect(codes({ name: 'SITI NUR’AINI' })).toEqual([]); // typographic apostrophe normalised
    expect(codes({ name: 'JOSÉ' })).toEqual([]);
    const [digits] = check({ name: 'BUDI 2' });
    expect(digits?.code).toBe('NAME_CHARS');
    expect(digits?.message).toContain("'2'");
    expect(codes({ name: 'BUDI/SANTOSO' })).toEqual(['name:error:NAME_CHARS']);
    expect(codes({ name: '.-' })).toEqual(['name:error:NAME_NO_LETTER']);
  });

  it('rejects unreal, future and pre-1900 birth dates', () => {
    const nikFor = { nik: '3201012902010005' }; // NIK error is not what these test
    const only = (patch: Partial<ResidentData>) =>
      check({ ...nikFor, ...patch })
        .filter((i) => i.field === 'birthDate')
        .map((i) => i.code);
    expect(only({ birthDate: '2001-02-29' })).toEqual(['BIRTHDATE_INVALID']);
    expect(only({ birthDate: '1990-13-01' })).toEqual(['BIRTHDATE_INVALID']);
    expect(only({ birthDate: '12-05-1990' })).toEqual(['BIRTHDATE_INVALID']);
    expect(only({ birthDate: '2025-06-02' })).toEqual(['BIRTHDATE_FUTURE']);
    expect(only({ birthDate: '2025-06-01' })).toEqual([]);
    expect(only({ birthDate: '1899-12-31' })).toEqual(['BIRTHDATE_TOO_OLD']);
    const [future] = check({ ...nikFor, birthDate: '2026-01-01' }).filter(
      (i) => i.field === 'birthDate',
    );
    expect(future?.message).toBe(
      'Tanggal lahir 01-01-2026 belum terjadi (hari ini 01-06-2025). Periksa tahunnya.',
    );
  });

  it('checks RT/RW as 1–3 digits; 000 is allowed (areas without RT/RW)', () => {
    expect(codes({ rt: '000', rw: '0' })).toEqual([]);
    expect(codes({ rt: '1234' })).toEqual(['rt:error:RT_FORMAT']);
    expect(codes({ rw: '1A' })).toEqual(['rw:error:RW_FORMAT']);
  });

  it('requires a village that exists', () => {
    expect(codes({ villageCode: '32.01.01' })).toEqual(['villageCode:error:VILLAGE_FORMAT']);
    expect(codes({ villageCode: '32.01.01.9999' })).toEqual(['villageCode:error:VILLAGE_UNKNOWN']);
  });

  it('rejects values outside the fixed lists', () => {
    const bad = { ...base, religion: 'JEDI' } as unknown as ResidentData;
    const [issue] = validateResident(bad, ctx);
    expect(issue).toMatchObject({ field: 'religion', code: 'VALUE_NOT_ALLOWED' });
    expect(issue?.message).toBe('Agama: pilih salah satu dari daftar.');
  });

  it('warns that WNA follow a different card process', () => {
    expect(codes({ citizenship: 'WNA' })).toEqual(['citizenship:warning:CITIZENSHIP_WNA']);
  });
});

describe('normalizeResident', () => {
  it('trims, collapses spaces, upper-cases text and pads RT/RW', () => {
    const n = normalizeResident({
      ...base,
      nik: ' 3201 0112\t0590 0001 ',
      kk: '3201 0102 0315 0007',
      name: '  siti   nur’aini ',
      birthPlace: ' kota  bandung',
      address: 'jl.  merdeka\nno 1 ',
      rt: ' 3',
      rw: '12',
      villageCode: ' 32.73.01.1001 ',
    });
    expect(n).toMatchObject({
      nik: '3201011205900001',
      kk: '3201010203150007',
      name: "SITI NUR'AINI",
      birthPlace: 'KOTA BANDUNG',
      address: 'JL. MERDEKA NO 1',
      rt: '003',
      rw: '012',
      villageCode: '32.73.01.1001',
    });
  });

  it('is idempotent and leaves what it cannot fix for validation', () => {
    const once = normalizeResident({ ...base, rt: '1A', nik: '3201-0112' });
    expect(normalizeResident(once)).toEqual(once);
    expect(once.rt).toBe('1A');
    expect(once.nik).toBe('3201-0112');
  });
});

describe('messages', () => {
  it('has Indonesian and English text for every code, using the same placeholders', () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const c of MESSAGE_CODES) {
      const filled = { id: t(c, 'id', { x: 1 }), en: t(c, 'en', { x: 1 }) };
      expect(filled.id.length).toBeGreaterThan(10);
      expect(filled.en.length).toBeGreaterThan(10);
      expect(filled.id).not.toBe(filled.en);
      expect(params(rawText(c, 'id'))).toEqual(params(rawText(c, 'en')));
    }
  });

  it('fills placeholders and shows a missing one as empty, never as {name}', () => {
    expect(t('NIK_LENGTH', 'id', { length: 15 })).toContain('15 angka');
    expect(t('NIK_LENGTH', 'en', {})).not.toContain('{');
  });
});

// Placeholders survive in the output when filled with their own names.
function rawText(code: MessageCode, locale: 'id' | 'en'): string {
  const names = [
    'chars',
    'length',
    'code',
    'part',
    'yy',
    'date',
    'nikDate',
    'nikSex',
    'nikSexHint',
    'sex',
    'value',
    'today',
    'field',
  ];
  return t(code, locale, Object.fromEntries(names.map((n) => [n, `{${n}}`])));
}
