import { describe, expect, it } from 'vitest';
import { skewText } from './office-model';

describe('clock skew text', () => {
  it('reads seconds and minutes with a sign, and a dash when unknown', () => {
    expect(skewText(null, 'id')).toBe('—');
    expect(skewText(2_400, 'id')).toBe('+2 dtk');
    expect(skewText(-300, 'id')).toBe('0 dtk');
    expect(skewText(-90_000, 'id')).toBe('−1 mnt 30 dtk');
    expect(skewText(125_000, 'en')).toBe('+2 min 5 s');
  });
});
