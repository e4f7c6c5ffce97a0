import { describe, expect, it } from 'vitest';
import type { FingerRecord, FingerprintSet } from '../../../../src-main/api/contract';
import { enterAction, nextOpenFinger, openFingers, toneOf } from './fingerprint-model';

const rec = (finger: number, over: Partial<FingerRecord> = {}): FingerRecord => ({
  finger,
  state: 'pending',
  quality: null,
  attempts: 0,
  imageDataUrl: null,
  exception: null,
  duplicateOf: null,
  ...over,
});
const set = (fingers: FingerRecord[]): FingerprintSet => ({
  recordingId: 'R1',
  threshold: 40,
  fingers,
  complete: fingers.every((f) => f.state !== 'pending' && f.duplicateOf === null),
});
const all = (fn: (f: number) => Partial<FingerRecord>) =>
  set(Array.from({ length: 10 }, (_, i) => rec(i + 1, fn(i + 1))));

describe('fingerprint step model', () => {
  it('walks right thumb → right little → left thumb → left little, wrapping', () => {
    const s = all((f) => (f === 3 || f === 8 ? {} : { state: 'captured', quality: 80 }));
    expect(nextOpenFinger(s)).toBe(3);
    expect(nextOpenFinger(s, 3)).toBe(8);
    expect(nextOpenFinger(s, 8)).toBe(3);
    expect(openFingers(s)).toEqual([3, 8]);
  });

  it('counts a duplicate as open work and names its tone', () => {
    const s = all((f) => (f === 9 ? { state: 'captured', duplicateOf: 8 } : { state: 'forced' }));
    expect(openFingers(s)).toEqual([9]);
    expect(toneOf(s.fingers[8]!)).toBe('duplicate');
    expect(toneOf(s.fingers[0]!)).toBe('forced');
    expect(nextOpenFinger(all(() => ({ state: 'exception' })))).toBeNull();
  });

  it('Enter captures a pending finger, moves on from a done one, finishes a full set', () => {
    const s = all((f) => (f === 1 ? {} : { state: 'captured' }));
    expect(enterAction(s, 1, false)).toBe('capture');
    expect(enterAction(s, 1, true)).toBe('none');
    expect(enterAction(s, 2, false)).toBe('next');
    expect(
      enterAction(
        all(() => ({ state: 'captured' })),
        10,
        false,
      ),
    ).toBe('finish');
  });
});
