import { describe, expect, it } from 'vitest';
import { OCCUPATIONS } from '../../src-main/domain/resident';
import { createActivityThrottle } from './activity';
import { filterOptions } from './match-option';

describe('activity throttle', () => {
  it('reports at most once per interval', () => {
    let now = 0;
    let reports = 0;
    const hit = createActivityThrottle(
      30_000,
      () => reports++,
      () => now,
    );
    hit();
    hit();
    now = 29_999;
    hit();
    expect(reports).toBe(1);
    now = 30_000;
    hit();
    expect(reports).toBe(2);
  });
});

describe('type-to-filter', () => {
  it('filters case-insensitively', () => {
    const items = [{ n: 'JAWA BARAT' }, { n: 'JAWA TENGAH' }, { n: 'BALI' }];
    expect(filterOptions(items, 'jawa', (i) => i.n)).toHaveLength(2);
    expect(filterOptions(items, '', (i) => i.n)).toHaveLength(3);
    expect(filterOptions(OCCUPATIONS, 'petani', (o) => o)).toEqual(['PETANI/PEKEBUN']);
  });
});
