import { fieldLabel, sexLabel, t } from './messages';
import type { Locale } from './i18n';
import type { MessageCode, MessageParams } from './messages';
import {
  checkDdmmyy,
  cleanNumber,
  formatNikDate,
  localIsoDate,
  parseNik,
  regionParts,
} from './nik';
import {
  BLOOD_TYPES,
  CITIZENSHIPS,
  MARITAL_STATUSES,
  OCCUPATIONS,
  RELIGIONS,
  SEXES,
} from './resident';
import type { ResidentData, ValidationIssue } from './resident';

export interface ValidateContext {
  today: Date;
  locale: Locale;
  /** undefined = not known yet (no warning); true/false = region code exists or not */
  districtKnown?: (dottedDistrictCode: string) => boolean | undefined;
  villageKnown?: (dottedVillageCode: string) => boolean | undefined;
}

const collapse = (s: string): string => s.replace(/\s+/g, ' ').trim();
// Pasted names often carry typographic apostrophes; the card uses the plain one.
const upperText = (s: string): string =>
  collapse(s.normalize('NFC').replace(/[’‘`]/g, "'")).toUpperCase();
const padRtRw = (s: string): string => {
  const v = s.replace(/\s+/g, '');
  return /^\d{1,3}$/.test(v) ? v.padStart(3, '0') : v;
};

/**
 * The form as it should be stored and printed: trimmed, single spaces, upper-case text,
 * NIK/KK without spaces, RT/RW padded to 3 digits. Idempotent; values it cannot fix (a dash
 * in a NIK, letters in RT) are left for validateResident to report.
 */
export function normalizeResident(r: ResidentData): ResidentData {
  return {
    ...r,
    nik: cleanNumber(r.nik),
    kk: cleanNumber(r.kk),
    name: upperText(r.name),
    birthPlace: upperText(r.birthPlace),
    birthDate: r.birthDate.trim(),
    address: upperText(r.address),
    rt: padRtRw(r.rt),
    rw: padRtRw(r.rw),
    villageCode: r.villageCode.trim(),
  };
}

const NAME_ALLOWED = /[\p{L}\p{M} .,'-]/u;
const VILLAGE_CODE = /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/;

/**
 * Checks a resident's data. Validates the normalized form, so the caller may pass raw input;
 * errors block saving the recording, warnings ask the operator to look again.
 */
export function validateResident(input: ResidentData, ctx: ValidateContext): ValidationIssue[] {
  const r = normalizeResident(input);
  const issues: ValidationIssue[] = [];
  const add = (
    field: keyof ResidentData,
    severity: ValidationIssue['severity'],
    code: MessageCode,
    params: MessageParams = {},
  ): void => {
    issues.push({ field, severity, code, message: t(code, ctx.locale, params) });
  };
  const error = (field: keyof ResidentData, code: MessageCode, params?: MessageParams) =>
    add(field, 'error', code, params);

  // --- NIK ---
  const nik = parseNik(r.nik);
  if (!nik.ok) {
    error('nik', nik.code, numberParams(r.nik));
  } else if (ctx.districtKnown?.(nik.parts.districtCode) === false) {
    add('nik', 'warning', 'NIK_REGION_UNKNOWN', { code: nik.parts.districtCode });
  }

  // --- KK ---
  checkKk(r.kk, r.nik, error, (code) => {
    if (ctx.districtKnown?.(code) === false) add('kk', 'warning', 'KK_REGION_UNKNOWN', { code });
  });

  // --- required text ---
  if (r.name === '') error('name', 'NAME_REQUIRED');
  else {
    const bad = badChars(r.name, NAME_ALLOWED);
    if (bad) error('name', 'NAME_CHARS', { chars: bad });
    else if (!/\p{L}/u.test(r.name)) error('name', 'NAME_NO_LETTER');
  }
  if (r.birthPlace === '') error('birthPlace', 'BIRTHPLACE_REQUIRED');
  if (r.address === '') error('address', 'ADDRESS_REQUIRED');

  // --- birth date, and its agreement with the NIK ---
  const birth = checkBirthDate(r.birthDate, ctx, error);
  if (birth && nik.ok) {
    const p = nik.parts;
    // The NIK carries only a two-digit year, so agreement means same day, month and yy.
    if (p.day !== birth.day || p.month !== birth.month || p.yy !== birth.year % 100) {
      error('birthDate', 'NIK_BIRTHDATE_MISMATCH', {
        date: `${pad2(birth.day)}-${pad2(birth.month)}-${birth.year}`,
        nikDate: formatNikDate(p),
      });
    }
  }

  // --- sex against the NIK day offset ---
  if (nik.ok && SEXES.includes(r.sex) && r.sex !== nik.parts.sex) {
    const female = nik.parts.sex === 'PEREMPUAN';
    const hint =
      ctx.locale === 'id'
        ? female
          ? ' (tanggal +40)'
          : ' (tanggal tanpa +40)'
        : female
          ? ' (day + 40)'
          : ' (day without + 40)';
    error('sex', 'NIK_SEX_MISMATCH', {
      nikSex: sexLabel(nik.parts.sex, ctx.locale),
      nikSexHint: hint,
      sex: sexLabel(r.sex, ctx.locale),
    });
  }

  // --- address: RT/RW and village ---
  checkRtRw('rt', r.rt, error);
  checkRtRw('rw', r.rw, error);
  if (r.villageCode === '') error('villageCode', 'VILLAGE_REQUIRED');
  else if (!VILLAGE_CODE.test(r.villageCode)) {
    error('villageCode', 'VILLAGE_FORMAT', { value: r.villageCode });
  } else if (ctx.villageKnown?.(r.villageCode) === false) {
    error('villageCode', 'VILLAGE_UNKNOWN', { code: r.villageCode });
  }

  // --- fixed lists: the zod schema guards the API, this guards drafts built elsewhere ---
  const lists = [
    ['sex', SEXES],
    ['bloodType', BLOOD_TYPES],
    ['religion', RELIGIONS],
    ['maritalStatus', MARITAL_STATUSES],
    ['occupation', OCCUPATIONS],
    ['citizenship', CITIZENSHIPS],
  ] as const;
  for (const [field, allowed] of lists) {
    if (!(allowed as readonly string[]).includes(r[field])) {
      error(field, 'VALUE_NOT_ALLOWED', { field: fieldLabel(field, ctx.locale) });
    }
  }

  if (r.citizenship === 'WNA') add('citizenship', 'warning', 'CITIZENSHIP_WNA');

  return issues;
}

type ErrorFn = (field: keyof ResidentData, code: MessageCode, params?: MessageParams) => void;

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Message parameters that describe a malformed 16-digit number (NIK or KK). */
function numberParams(value: string): MessageParams {
  return {
    chars: badChars(value, /\d/) ?? '',
    length: value.length,
    code: value.slice(0, 6),
    part: value.slice(6, 12),
    yy: value.slice(10, 12),
  };
}

/** The distinct offending characters, quoted, for the message: "'-', 'O'". */
function badChars(value: string, allowed: RegExp): string | null {
  const bad = [...new Set([...value].filter((c) => !allowed.test(c)))];
  return bad.length === 0 ? null : bad.map((c) => `'${c}'`).join(', ');
}

/** KK: issuing region (6), registration date DDMMYY (6), serial (4). */
function checkKk(
  kk: string,
  nik: string,
  error: ErrorFn,
  regionKnown: (districtCode: string) => void,
): void {
  if (kk === '') return error('kk', 'KK_REQUIRED');
  const params = numberParams(kk);
  if (!/^\d+$/.test(kk)) return error('kk', 'KK_CHARS', params);
  if (kk.length !== 16) return error('kk', 'KK_LENGTH', params);
  const region = regionParts(kk.slice(0, 6));
  if (!region) return error('kk', 'KK_REGION_FORMAT', params);
  const date = checkDdmmyy(
    Number(kk.slice(6, 8)),
    Number(kk.slice(8, 10)),
    Number(kk.slice(10, 12)),
  );
  if (date !== 'ok') return error('kk', 'KK_DATE', params);
  if (kk === nik) return error('kk', 'KK_SAME_AS_NIK');
  regionKnown(region.districtCode);
}

function checkBirthDate(
  value: string,
  ctx: ValidateContext,
  error: ErrorFn,
): { year: number; month: number; day: number } | null {
  if (value === '') {
    error('birthDate', 'BIRTHDATE_REQUIRED');
    return null;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  const day = Number(m?.[3]);
  const real =
    m !== null &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    // Date.UTC rolls 2001-02-29 over to 1 March; a real date survives the round trip.
    new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
  if (!real) {
    error('birthDate', 'BIRTHDATE_INVALID', { value });
    return null;
  }
  const shown = `${pad2(day)}-${pad2(month)}-${year}`;
  if (year < 1900) {
    error('birthDate', 'BIRTHDATE_TOO_OLD', { date: shown });
    return null;
  }
  const today = localIsoDate(ctx.today);
  if (value > today) {
    const [ty, tm, td] = today.split('-');
    error('birthDate', 'BIRTHDATE_FUTURE', { date: shown, today: `${td}-${tm}-${ty}` });
    return null;
  }
  return { year, month, day };
}

function checkRtRw(field: 'rt' | 'rw', value: string, error: ErrorFn): void {
  const required = field === 'rt' ? 'RT_REQUIRED' : 'RW_REQUIRED';
  const format = field === 'rt' ? 'RT_FORMAT' : 'RW_FORMAT';
  if (value === '') error(field, required);
  else if (!/^\d{1,3}$/.test(value)) error(field, format, { value });
}
