import { describe, expect, it } from 'vitest';
import { formatServiceDate, makeTx } from './tx';

describe('queue text', () => {
  it('speaks Bahasa Indonesia unless English is chosen, filling placeholders', () => {
    expect(makeTx('id')('Nomor {{n}}', 'Number {{n}}', { n: 'A-001' })).toBe('Nomor A-001');
    expect(makeTx('en')('Nomor {{n}}', 'Number {{n}}', { n: 'A-001' })).toBe('Number A-001');
  });
  it('writes service dates in words and leaves odd input alone', () => {
    expect(formatServiceDate('2024-06-03', 'en')).toContain('June');
    expect(formatServiceDate('bad', 'id')).toBe('bad');
  });
});
