import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatDateTime,
  formatDay,
  formatWeekdayDay,
  isoDay,
  localDay,
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
