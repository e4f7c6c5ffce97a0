// Indonesian (and English) date wording shared by the receipt, the daily report and the queue
// card. Pure: callers decide whether a date is read in local time or as a calendar day.

import type { Locale } from './i18n';

const MONTHS: Record<Locale, readonly string[]> = {
  id: [
    'Januari',
    'Februari',
    'Maret',
    'April',
    'Mei',
    'Juni',
    'Juli',
    'Agustus',
    'September',
    'Oktober',
    'November',
    'Desember',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};
const DAYS: Record<Locale, readonly string[]> = {
  id: ['Minggu', 'Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

/** A calendar day: month 1-12, weekday 0 = Sunday. */
export interface CalendarDay {
  year: number;
  month: number;
  day: number;
  weekday: number;
}

/** The day `d` falls on in the station's local time. */
export function localDay(d: Date): CalendarDay {
  return { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), weekday: d.getDay() };
}

/** 'YYYY-MM-DD' as a calendar day, independent of the time zone. */
export function isoDay(date: string): CalendarDay {
  const [y, m, d] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
  return { year: y!, month: m!, day: d!, weekday };
}

/** '12 Juni 2025'. */
export function formatDay(c: CalendarDay, locale: Locale = 'id'): string {
  return `${c.day} ${MONTHS[locale][c.month - 1]} ${c.year}`;
}

/** 'Kamis, 12 Juni 2025'. */
export function formatWeekdayDay(c: CalendarDay, locale: Locale = 'id'): string {
  return `${DAYS[locale][c.weekday]}, ${formatDay(c, locale)}`;
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** '09.05' in the station's local time (Indonesian style: a dot, not a colon). */
export function formatClock(d: Date): string {
  return `${p2(d.getHours())}.${p2(d.getMinutes())}`;
}

/** '12 Juni 2025, 09.05' in the station's local time. */
export function formatDateTime(d: Date): string {
  return `${formatDay(localDay(d))}, ${formatClock(d)}`;
}

// ---- The screens' formatter: one way to write a date everywhere on the desk. -----

const MONTHS_SHORT: Record<Locale, readonly string[]> = {
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** Day names of the week, 0 = Sunday ('Minggu' … 'Sabtu'). */
export function weekdayNames(locale: Locale = 'id'): readonly string[] {
  return DAYS[locale];
}

/** '07-12-2026': how dates are written on the KTP and the KK (never mm/dd, never ISO). */
export function formatDmy(c: CalendarDay): string {
  return `${p2(c.day)}-${p2(c.month)}-${c.year}`;
}

/** 'Senin, 07 Des 2026' — a service date, short enough for a list and never ambiguous. */
export function formatWeekdayShort(c: CalendarDay, locale: Locale = 'id'): string {
  return `${DAYS[locale][c.weekday]}, ${p2(c.day)} ${MONTHS_SHORT[locale][c.month - 1]} ${c.year}`;
}

/** 'Sen 07 Des' — for narrow day lists (no year). */
export function formatDayMonthShort(c: CalendarDay, locale: Locale = 'id'): string {
  return `${DAYS[locale][c.weekday]!.slice(0, 3)} ${p2(c.day)} ${MONTHS_SHORT[locale][c.month - 1]}`;
}

/** A stored 'YYYY-MM-DD' or an ISO timestamp as 'dd-mm-yyyy'; anything else unchanged. */
export function displayDate(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDmy(isoDay(value));
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : formatDmy(localDay(d));
}

/** An ISO timestamp as 'dd-mm-yyyy 09.05' in local time; anything else unchanged. */
export function displayDateTime(value: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : `${formatDmy(localDay(d))} ${formatClock(d)}`;
}

/** 'YYYY-MM-DD' as 'Senin, 07 Des 2026'; anything else unchanged. */
export function displayServiceDate(value: string, locale: Locale = 'id'): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatWeekdayShort(isoDay(value), locale) : value;
}

/**
 * Typed 'dd-mm-yyyy' (or 8 digits) → 'YYYY-MM-DD' when it is a real calendar day, else null:
 * '31022001' is refused, never turned into '2001-02-31'.
 */
export function parseDmy(text: string): string | null {
  const digits = text.replace(/\D/g, '');
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(digits);
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2200) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCDate() !== day || probe.getUTCMonth() !== month - 1) return null;
  return `${m[3]}-${m[2]}-${m[1]}`;
}

/** Local calendar date of `d` as YYYY-MM-DD. */
export function localDateKey(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
