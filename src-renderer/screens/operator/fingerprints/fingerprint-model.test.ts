import { describe, expect, it } from 'vitest';
import type { FingerRecord, FingerprintSet } from '../../../../src-main/api/contract';
import { enterAction, nextOpenFinger, nextToAsk, openFingers, toneOf } from './fingerprint-model';

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

  it('auto-advance asks for the next open finger, skipping the one in the module and busy ones', () => {
    const s = all((f) => (f <= 2 || f === 5 ? { state: 'captured', quality: 80 } : {}));
    expect(nextToAsk(s, 3, new Set([3]))).toBe(4);
    expect(nextToAsk(s, 4, new Set([4]))).toBe(6);
    expect(nextToAsk(s, 10, new Set([10]))).toBe(3);
    expect(nextToAsk(s, 10, new Set([10, 3]))).toBe(4);
    const last = all((f) => (f === 10 ? {} : { state: 'captured', quality: 80 }));
    expect(nextToAsk(last, 10, new Set([10]))).toBeNull();
    // A finger flagged as a duplicate of another still needs work.
    const dup = all((f) =>
      f === 7 ? { state: 'captured', duplicateOf: 2 } : f === 9 ? {} : { state: 'captured' },
    );
    expect(nextToAsk(dup, 9, new Set([9]))).toBe(7);
  });
});
