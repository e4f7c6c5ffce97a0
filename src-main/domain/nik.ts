import type { Sex } from './resident';

/**
 * NIK (Nomor Induk Kependudukan): 16 digits `PP KK CC DDMMYY SSSS` — province, regency/city,
 * kecamatan of first issue, birth date (day + 40 for women) and serial 0001–9999. No check
 * digit is documented, so structure is all that can be verified here.
 */
export interface NikParts {
  /** Dotted region codes: 'PP', 'PP.KK', 'PP.KK.CC'. */
  provinceCode: string;
  regencyCode: string;
  districtCode: string;
  /** Day of birth with the +40 for women already removed (1–31). */
  day: number;
  month: number;
  /** Two-digit year (0–99); the century is not in the NIK. */
  yy: number;
  sex: Sex;
  serial: string;
}

export type NikErrorCode =
  | 'NIK_REQUIRED'
  | 'NIK_CHARS'
  | 'NIK_LENGTH'
  | 'NIK_REGION_FORMAT'
  | 'NIK_DATE'
  | 'NIK_LEAP_DAY'
  | 'NIK_SERIAL';

export type NikParse = { ok: true; parts: NikParts } | { ok: false; code: NikErrorCode };

/**
 * Whitespace (spaces, tabs, NBSP from pasted text) is removed because operators copy NIKs
 * grouped as "3201 0112 …". Any other character (dash, dot, letter) is rejected rather than
 * silently dropped: it usually means the wrong thing was pasted or the letter O was typed
 * for a zero, and guessing would hide that.
 */
export function cleanNumber(raw: string): string {
  return raw.replace(/\s+/g, '');
}

export function parseNik(raw: string): NikParse {
  const nik = cleanNumber(raw);
  if (nik === '') return { ok: false, code: 'NIK_REQUIRED' };
  if (!/^\d+$/.test(nik)) return { ok: false, code: 'NIK_CHARS' };
  if (nik.length !== 16) return { ok: false, code: 'NIK_LENGTH' };

  const region = regionParts(nik.slice(0, 6));
  if (!region) return { ok: false, code: 'NIK_REGION_FORMAT' };

  const rawDay = Number(nik.slice(6, 8));
  const sex: Sex = rawDay > 40 ? 'PEREMPUAN' : 'LAKI-LAKI';
  const day = rawDay > 40 ? rawDay - 40 : rawDay;
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  // 32–40 fits neither sex; 72+ is past the women's range.
  if (rawDay > 71 || (rawDay > 31 && rawDay <= 40)) return { ok: false, code: 'NIK_DATE' };
  const date = checkDdmmyy(day, month, yy);
  if (date !== 'ok') return { ok: false, code: date === 'leap' ? 'NIK_LEAP_DAY' : 'NIK_DATE' };

  const serial = nik.slice(12, 16);
  if (serial === '0000') return { ok: false, code: 'NIK_SERIAL' };

  return { ok: true, parts: { ...region, day, month, yy, sex, serial } };
}

/** 'PPKKCC' → dotted codes, or null when a segment is 00 (no Kemendagri code is 00). */
export function regionParts(
  six: string,
): { provinceCode: string; regencyCode: string; districtCode: string } | null {
  if (!/^\d{6}$/.test(six)) return null;
  const pp = six.slice(0, 2);
  const kk = six.slice(2, 4);
  const cc = six.slice(4, 6);
  if (pp === '00' || kk === '00' || cc === '00') return null;
  return { provinceCode: pp, regencyCode: `${pp}.${kk}`, districtCode: `${pp}.${kk}.${cc}` };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Checks a DDMMYY date whose century is unknown: valid if it is a real date in 19yy or 20yy.
 * Only 29 February depends on the century ('00': 1900 is not a leap year but 2000 is).
 */
export function checkDdmmyy(day: number, month: number, yy: number): 'ok' | 'bad' | 'leap' {
  if (!Number.isInteger(yy) || yy < 0 || yy > 99) return 'bad';
  if (!Number.isInteger(month) || month < 1 || month > 12) return 'bad';
  if (!Number.isInteger(day) || day < 1) return 'bad';
  if (day <= daysInMonth(2001, month)) return 'ok';
  if (month === 2 && day === 29) {
    return isLeapYear(1900 + yy) || isLeapYear(2000 + yy) ? 'ok' : 'leap';
  }
  return 'bad';
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The NIK's date part as an operator reads it, day offset removed: 'DD-MM-YY'. */
export function formatNikDate(parts: Pick<NikParts, 'day' | 'month' | 'yy'>): string {
  return `${pad2(parts.day)}-${pad2(parts.month)}-${pad2(parts.yy)}`;
}

/**
 * Full birth date for display or prefill, choosing the latest century that does not put the
 * date after `today`. Null if no century gives a real date (29-02-00 is only real in 2000).
 */
export function birthDateFromNik(parts: NikParts, today: Date): string | null {
  const todayIso = localIsoDate(today);
  for (const century of [2000, 1900]) {
    const year = century + parts.yy;
    if (parts.day > daysInMonth(year, parts.month)) continue;
    const iso = isoDate(year, parts.month, parts.day);
    if (iso <= todayIso) return iso;
  }
  return null;
}

/**
 * The station's calendar day (local time): a desk in WIB at 06:00 is already on the next day
 * while UTC is not, and "not in the future" must follow the wall calendar the operator sees.
 */
export function localIsoDate(d: Date): string {
  return isoDate(d.getFullYear(), d.getMonth() + 1, d.getDate());
}

function isoDate(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
}

/**
 * For receipts and lists: keep the first 4 (province + regency) and last 4 digits, mask the
 * rest so the birth date and kecamatan cannot be read off a printout. Anything that is not a
 * 16-digit NIK is masked completely, since it cannot be known which part is sensitive.
 */
export function maskNik(nik: string): string {
  const s = cleanNumber(nik);
  if (!/^\d{16}$/.test(s)) return '*'.repeat(s.length);
  return `${s.slice(0, 4)}********${s.slice(12)}`;
}
