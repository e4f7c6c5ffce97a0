import { describe, expect, it } from 'vitest';
import type { PhotoAttempt } from '../../../../src-main/api/contract';
import { acceptBlocks, bestAttempt } from './camera';

describe('acceptBlocks', () => {
  it('needs an attempt, the glasses confirmation, and a reason for a failed check', () => {
    expect(acceptBlocks(null, true, '')).toEqual(['pick']);
    expect(acceptBlocks({ worst: 'pass' }, false, '')).toEqual(['glasses']);
    expect(acceptBlocks({ worst: 'pass' }, true, '')).toEqual([]);
    expect(acceptBlocks({ worst: 'warn' }, true, '')).toEqual([]);
    expect(acceptBlocks({ worst: 'fail' }, true, 'abc  ')).toEqual(['reason']);
    expect(acceptBlocks({ worst: 'fail' }, false, '')).toEqual(['glasses', 'reason']);
    expect(acceptBlocks({ worst: 'fail' }, true, 'lampu rusak')).toEqual([]);
  });
});

describe('bestAttempt', () => {
  const a = (id: string, worst: PhotoAttempt['worst']) => ({ id, worst }) as PhotoAttempt;
  it('prefers the best result, then the latest', () => {
    expect(bestAttempt([])).toBeNull();
    expect(bestAttempt([a('1', 'fail'), a('2', 'pass'), a('3', 'warn')])?.id).toBe('2');
    expect(bestAttempt([a('1', 'warn'), a('2', 'warn')])?.id).toBe('2');
  });
});
