import { describe, expect, it } from 'vitest';
import { firstOpenStep, stepForKey } from './steps';

describe('recording steps', () => {
  it('opens a draft on the first step still to do', () => {
    expect(
      firstOpenStep({
        data: true,
        photo: false,
        fingerprint: false,
        signature: false,
        review: false,
      }),
    ).toBe('photo');
    expect(
      firstOpenStep({
        data: true,
        photo: true,
        fingerprint: false,
        signature: false,
        review: false,
      }),
    ).toBe('fingerprint');
    expect(
      firstOpenStep({ data: true, photo: true, fingerprint: true, signature: true, review: false }),
    ).toBe('review');
    expect(
      firstOpenStep({ data: true, photo: true, fingerprint: true, signature: true, review: true }),
    ).toBe('data');
    expect(
      firstOpenStep({
        data: false,
        photo: true,
        fingerprint: true,
        signature: true,
        review: false,
      }),
    ).toBe('data');
  });
  it('maps Alt+digit codes to steps', () => {
    expect(stepForKey('Digit1')).toBe('data');
    expect(stepForKey('Numpad2')).toBe('photo');
    expect(stepForKey('Digit3')).toBe('fingerprint');
    expect(stepForKey('Digit4')).toBe('signature');
    expect(
      firstOpenStep({
        data: true,
        photo: true,
        fingerprint: true,
        signature: false,
        review: false,
      }),
    ).toBe('signature');
    expect(stepForKey('Digit9')).toBeNull();
    expect(stepForKey('KeyA')).toBeNull();
  });
});
