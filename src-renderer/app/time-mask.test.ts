import { describe, expect, it } from 'vitest';
import { formatTimeInput, parseHm } from './time-mask';

describe('24-hour time mask (HH:MM)', () => {
  it('inserts the colon while digits are typed', () => {
    expect(formatTimeInput('0')).toBe('0');
    expect(formatTimeInput('07')).toBe('07');
    expect(formatTimeInput('073')).toBe('07:3');
    expect(formatTimeInput('0730')).toBe('07:30');
    expect(formatTimeInput('07301')).toBe('07:30');
    expect(formatTimeInput('7.30')).toBe('07:30');
    expect(formatTimeInput('7:3')).toBe('07:3');
    expect(formatTimeInput('15:00')).toBe('15:00');
  });

  it('accepts real times and refuses the rest', () => {
    expect(parseHm('07:30')).toBe('07:30');
    expect(parseHm('0730')).toBe('07:30');
    expect(parseHm('00:00')).toBe('00:00');
    expect(parseHm('23:59')).toBe('23:59');
    expect(parseHm('25:00')).toBeNull();
    expect(parseHm('24:00')).toBeNull();
    expect(parseHm('12:60')).toBeNull();
    expect(parseHm('7:3')).toBeNull();
    expect(parseHm('')).toBeNull();
  });
});
