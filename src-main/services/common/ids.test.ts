import { describe, expect, it } from 'vitest';
import { newId } from './ids';

describe('newId', () => {
  it('is prefixed, URL-safe, unique and sorts by time', () => {
    const a = newId('R', new Date('2025-06-10T02:00:00Z'));
    const b = newId('R', new Date('2025-06-10T02:00:00.001Z'));
    const c = newId('R', new Date('2031-01-01T00:00:00Z'));
    expect(a).toMatch(/^R[0-9A-HJKMNP-TV-Z]{26}$/);
    expect([c, b, a].sort()).toEqual([a, b, c]);
    const many = new Set(Array.from({ length: 1000 }, () => newId('R', new Date(0))));
    expect(many.size).toBe(1000);
  });
});
