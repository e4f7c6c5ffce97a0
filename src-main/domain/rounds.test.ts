import { describe, expect, it } from 'vitest';
import { daysWaiting, defaultRoundOrder, isPermutation, suggestionReasons } from './rounds';

const item = (
  recordingId: string,
  villageCode: string,
  rw: string,
  rt: string,
  address: string,
) => ({
  recordingId,
  villageCode,
  rw,
  rt,
  address,
  name: recordingId,
});

describe('delivery round rules', () => {
  it('walks village by village, then RW and RT as numbers, then house numbers in numeric order', () => {
    const order = defaultRoundOrder([
      item('a', '32.01.01.1002', '1', '1', 'JL. A 1'),
      item('b', '32.01.01.1001', '10', '1', 'JL. A 1'),
      item('c', '32.01.01.1001', '002', '003', 'JL. B 12'),
      item('d', '32.01.01.1001', '2', '3', 'JL. B 2'),
      item('e', '32.01.01.1001', '2', '01', 'JL. Z 1'),
      item('f', '32.01.01.1001', '', '', 'TANPA RT'),
    ]);
    expect(order.map((i) => i.recordingId)).toEqual(['e', 'd', 'c', 'b', 'f', 'a']);
  });

  it('suggests by priority reason and by days waiting, counted in whole days from arrival', () => {
    const now = new Date('2025-07-15T10:00:00.000Z');
    expect(daysWaiting('2025-07-01T11:00:00.000Z', now)).toBe(13);
    expect(
      suggestionReasons({ priorityReason: null, arrivedAt: '2025-07-01T11:00:00.000Z' }, now, 14),
    ).toEqual([]);
    expect(
      suggestionReasons({ priorityReason: null, arrivedAt: '2025-07-01T10:00:00.000Z' }, now, 14),
    ).toEqual(['waiting']);
    expect(
      suggestionReasons(
        { priorityReason: 'elderly', arrivedAt: '2025-06-01T00:00:00.000Z' },
        now,
        14,
      ),
    ).toEqual(['elderly', 'waiting']);
    expect(daysWaiting('2025-08-01T00:00:00.000Z', now)).toBe(0);
  });

  it('accepts a new order only when it holds the same cards once each', () => {
    expect(isPermutation(['a', 'b', 'c'], ['c', 'a', 'b'])).toBe(true);
    expect(isPermutation(['a', 'b', 'c'], ['a', 'a', 'b'])).toBe(false);
    expect(isPermutation(['a', 'b'], ['a', 'b', 'x'])).toBe(false);
    expect(isPermutation(['a', 'b'], ['a', 'x'])).toBe(false);
  });
});
