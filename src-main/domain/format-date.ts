// Indonesian (and English) date wording shared by the receipt, the daily report and the queue
// card. Pure: callers decide whether a date is read in local time or as a calendar day.

import type { Locale } from './messages';

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
