import { parseNik } from '../../../../src-main/domain/nik';
import type { NikParts } from '../../../../src-main/domain/nik';
import { OCCUPATIONS } from '../../../../src-main/domain/resident';
import type {
  BloodType,
  Citizenship,
  MaritalStatus,
  Occupation,
  Religion,
  ResidentData,
  Sex,
  ValidationIssue,
} from '../../../../src-main/domain/resident';
import { validateResident } from '../../../../src-main/domain/validate-resident';
import type { Locale } from '../../../../src-main/domain/i18n';
import { t as domainText } from '../../../../src-main/domain/messages';
import { dayMonthPrefix, displayDateToIso, isoToDisplayDate } from '../../../app/date-mask';

/**
 * What the operator is typing, before it is a ResidentData: selects may still be empty, the
 * birth date is the dd-mm-yyyy text, and the region cascade
 * keeps each level.
 */
export interface ResidentForm {
  nik: string;
  kk: string;
  name: string;
  birthPlace: string;
  birthDateText: string;
  sex: Sex | '';
  bloodType: BloodType | '';
  address: string;
  rt: string;
  rw: string;
  province: string;
  regency: string;
  district: string;
  villageCode: string;
  religion: Religion | '';
  maritalStatus: MaritalStatus | '';
  occupation: Occupation | '';
  citizenship: Citizenship;
}

/** Region levels of a dotted code: 'PP.KK.CC' → province 'PP', regency 'PP.KK', district. */
export function regionLevels(code: string): {
  province: string;
  regency: string;
  district: string;
} {
  const [pp, kk, cc] = code.split('.');
  return {
    province: pp ?? '',
    regency: pp && kk ? `${pp}.${kk}` : '',
    district: pp && kk && cc ? `${pp}.${kk}.${cc}` : '',
  };
}

/** A fresh form, with the cascade starting at the station's own kecamatan (most residents live there). */
export function emptyForm(stationKecamatan: string | null): ResidentForm {
  return {
    nik: '',
    kk: '',
    name: '',
    birthPlace: '',
    birthDateText: '',
    sex: '',
    bloodType: '-',
    address: '',
    rt: '',
    rw: '',
    ...regionLevels(stationKecamatan ?? ''),
    villageCode: '',
    religion: '',
    maritalStatus: '',
    occupation: '',
    citizenship: 'WNI',
  };
}

export function formFromResident(r: ResidentData): ResidentForm {
  return {
    nik: r.nik,
    kk: r.kk,
    name: r.name,
    birthPlace: r.birthPlace,
    birthDateText: isoToDisplayDate(r.birthDate),
    sex: r.sex,
    bloodType: r.bloodType,
    address: r.address,
    rt: r.rt,
    rw: r.rw,
    ...regionLevels(r.villageCode),
    villageCode: r.villageCode,
    religion: r.religion,
    maritalStatus: r.maritalStatus,
    occupation: r.occupation,
    citizenship: r.citizenship,
  };
}

/**
 * The record as the contract wants it. Empty selects travel as '' so the domain rules report
 * them; `isComplete` tells whether it may be sent (the API schema rejects empty enums).
 */
export function toResident(f: ResidentForm): ResidentData {
  return {
    nik: f.nik.replace(/\s+/g, ''),
    kk: f.kk.replace(/\s+/g, ''),
    name: f.name,
    birthPlace: f.birthPlace,
    birthDate: displayDateToIso(f.birthDateText) ?? '',
    sex: f.sex as Sex,
    bloodType: f.bloodType as BloodType,
    address: f.address,
    rt: f.rt,
    rw: f.rw,
    villageCode: f.villageCode,
    religion: f.religion as Religion,
    maritalStatus: f.maritalStatus as MaritalStatus,
    occupation: f.occupation as Occupation,
    citizenship: f.citizenship,
  };
}

export interface CheckContext {
  today: Date;
  locale: Locale;
  districtKnown?: (code: string) => boolean | undefined;
  villageKnown?: (code: string) => boolean | undefined;
}

/** Domain issues, plus the one thing only the form knows: a half-typed birth date. */
export function checkForm(f: ResidentForm, ctx: CheckContext): ValidationIssue[] {
  const issues = validateResident(toResident(f), ctx);
  const typed = f.birthDateText.trim() !== '';
  if (typed && displayDateToIso(f.birthDateText) === null) {
    return [
      ...issues.filter((i) => !(i.field === 'birthDate' && i.code === 'BIRTHDATE_REQUIRED')),
      {
        field: 'birthDate',
        severity: 'error',
        code: 'BIRTHDATE_INCOMPLETE',
        message: domainText('BIRTHDATE_INCOMPLETE', ctx.locale),
      },
    ];
  }
  return issues;
}

/** Once a NIK is complete it tells the sex and the day/month of birth: fill them if still empty. */
export function prefillFromNik(f: ResidentForm, parts: NikParts): ResidentForm {
  return {
    ...f,
    sex: f.sex === '' ? parts.sex : f.sex,
    birthDateText:
      f.birthDateText === '' ? dayMonthPrefix(parts.day, parts.month) : f.birthDateText,
  };
}

/** Applies a typed NIK: digits and spaces only kept, and the prefill when it parses. */
export function withNik(f: ResidentForm, typed: string): ResidentForm {
  const next = { ...f, nik: typed };
  const parsed = parseNik(typed);
  return parsed.ok ? prefillFromNik(next, parsed.parts) : next;
}

/** District codes (PP.KK.CC) the NIK and KK point to, for the "region known?" lookups. */
export function districtCodesToCheck(f: ResidentForm): string[] {
  const out = new Set<string>();
  const nik = parseNik(f.nik);
  if (nik.ok) out.add(nik.parts.districtCode);
  const kk = f.kk.replace(/\s+/g, '');
  if (/^\d{16}$/.test(kk)) {
    const d = regionLevels(`${kk.slice(0, 2)}.${kk.slice(2, 4)}.${kk.slice(4, 6)}`).district;
    if (d && !/(^|\.)00/.test(d)) out.add(d);
  }
  return [...out];
}

/** The API schema accepts only listed values; until every select is chosen we do not send. */
export function isSendable(r: ResidentData): boolean {
  return (
    r.sex !== ('' as Sex) &&
    (r.bloodType as string) !== '' &&
    (r.religion as string) !== '' &&
    (r.maritalStatus as string) !== '' &&
    (OCCUPATIONS as readonly string[]).includes(r.occupation)
  );
}

/**
 * A form saved as typed (the desk draft) back into the form: known keys with string values
 * only, over `base`. Whatever does not fit a select is caught by the usual checks.
 */
export function formFromSnapshot(snap: Record<string, unknown>, base: ResidentForm): ResidentForm {
  const out: Record<string, unknown> = { ...base };
  for (const k of Object.keys(base)) {
    const v = snap[k];
    if (typeof v === 'string') out[k] = v;
  }
  return out as unknown as ResidentForm;
}

/** Nothing typed yet (the station's own region cascade does not count). */
export function isBlankForm(f: ResidentForm, stationKecamatan: string | null): boolean {
  return JSON.stringify(f) === JSON.stringify(emptyForm(stationKecamatan));
}
