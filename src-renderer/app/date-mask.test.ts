import { describe, expect, it } from 'vitest';
import { dayMonthPrefix, displayDateToIso, formatDateInput, isoToDisplayDate } from './date-mask';

describe('birth date mask (dd-mm-yyyy)', () => {
  it('inserts the dashes while digits are typed', () => {
    expect(formatDateInput('1')).toBe('1');
    expect(formatDateInput('17')).toBe('17');
    expect(formatDateInput('170')).toBe('17-0');
    expect(formatDateInput('1708')).toBe('17-08');
    expect(formatDateInput('17081')).toBe('17-08-1');
    expect(formatDateInput('17081985')).toBe('17-08-1985');
    expect(formatDateInput('170819851')).toBe('17-08-1985');
  });

  it('accepts typed or pasted separators and ISO dates', () => {
    expect(formatDateInput('17-08-1985')).toBe('17-08-1985');
    expect(formatDateInput('17/08/1985')).toBe('17-08-1985');
    expect(formatDateInput('17.08.1985')).toBe('17-08-1985');
    expect(formatDateInput('1985-08-17')).toBe('17-08-1985');
    expect(formatDateInput('ab')).toBe('');
  });

  it('converts complete dates to ISO and back', () => {
    expect(displayDateToIso('17-08-1985')).toBe('1985-08-17');
    expect(displayDateToIso('17-08-19')).toBeNull();
    expect(displayDateToIso('')).toBeNull();
    // Calendar validity is the domain's job: 31-02 still converts so the rule can name it.
    expect(displayDateToIso('31-02-1990')).toBe('1990-02-31');
    expect(isoToDisplayDate('1985-08-17')).toBe('17-08-1985');
    expect(isoToDisplayDate('garbage')).toBe('');
  });

  it('prefixes day and month from a NIK', () => {
    expect(dayMonthPrefix(7, 5)).toBe('07-05-');
    expect(formatDateInput(dayMonthPrefix(7, 5) + '1990')).toBe('07-05-1990');
  });
});
