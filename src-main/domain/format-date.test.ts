import { describe, expect, it } from 'vitest';
import {
  displayDate,
  displayDateTime,
  displayServiceDate,
  formatClock,
  formatDateTime,
  formatDay,
  formatDayMonthShort,
  formatWeekdayDay,
  isoDay,
  localDay,
  parseDmy,
  weekdayNames,
} from './format-date';

describe('format-date', () => {
  it('formats local date and time the Indonesian way', () => {
    const d = new Date(2025, 5, 12, 9, 5);
    expect(formatDateTime(d)).toBe('12 Juni 2025, 09.05');
    expect(formatClock(d)).toBe('09.05');
    expect(formatWeekdayDay(localDay(d))).toBe('Kamis, 12 Juni 2025');
  });

  it('reads YYYY-MM-DD as a calendar day in both locales', () => {
    expect(formatWeekdayDay(isoDay('2025-03-03'), 'id')).toBe('Senin, 3 Maret 2025');
    expect(formatWeekdayDay(isoDay('2025-03-03'), 'en')).toBe('Monday, 3 March 2025');
    expect(formatDay(isoDay('2024-12-29'))).toBe('29 Desember 2024');
  });
});

describe('the screens’ formatter', () => {
  it('writes dd-mm-yyyy and "Senin, 07 Des 2026", never ISO or mm/dd', () => {
    expect(displayDate('1993-08-15')).toBe('15-08-1993');
    expect(displayServiceDate('2026-12-07')).toBe('Senin, 07 Des 2026');
    expect(displayServiceDate('2026-12-07', 'en')).toBe('Monday, 07 Dec 2026');
    expect(formatDayMonthShort(isoDay('2026-12-07'))).toBe('Sen 07 Des');
    expect(displayDateTime(new Date(2026, 11, 7, 16, 5).toISOString())).toBe('07-12-2026 16.05');
    expect(displayDate('bukan tanggal')).toBe('bukan tanggal');
    expect(weekdayNames('id')[1]).toBe('Senin');
  });

  it('reads typed day-month-year and refuses days that do not exist', () => {
    expect(parseDmy('15081993')).toBe('1993-08-15');
    expect(parseDmy('29-02-2024')).toBe('2024-02-29');
    expect(parseDmy('31022001')).toBeNull();
    expect(parseDmy('29-02-2023')).toBeNull();
    expect(parseDmy('00-01-2020')).toBeNull();
    expect(parseDmy('1508199')).toBeNull();
  });
});
