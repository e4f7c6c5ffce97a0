import { describe, expect, it } from 'vitest';
import { makeTx } from './tx';

describe('queue text', () => {
  it('speaks Bahasa Indonesia unless English is chosen, filling placeholders', () => {
    expect(makeTx('id')('Nomor {{n}}', 'Number {{n}}', { n: 'A-001' })).toBe('Nomor A-001');
    expect(makeTx('en')('Nomor {{n}}', 'Number {{n}}', { n: 'A-001' })).toBe('Number A-001');
  });
});
