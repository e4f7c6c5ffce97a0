import { describe, expect, it } from 'vitest';
import { checkArrivalCount } from './cards';

describe('arrival count check', () => {
  it('a full box matches the statement with no discrepancy', () => {
    expect(checkArrivalCount(50, 50, [])).toEqual({ ok: true, discrepancy: null });
  });

  it('fewer cards than declared must be named as missing, one by one', () => {
    expect(checkArrivalCount(50, 48, [])).toEqual({ ok: false, unaccounted: 2 });
    expect(checkArrivalCount(50, 48, ['R1'])).toEqual({ ok: false, unaccounted: 1 });
    expect(checkArrivalCount(50, 48, ['R1', 'R2'])).toEqual({
      ok: true,
      discrepancy: { missing: ['R1', 'R2'], extra: 0 },
    });
  });

  it('more cards than expected are flagged as extra, also beside missing ones', () => {
    expect(checkArrivalCount(50, 52, [])).toEqual({
      ok: true,
      discrepancy: { missing: [], extra: 2 },
    });
    expect(checkArrivalCount(50, 50, ['R1'])).toEqual({
      ok: true,
      discrepancy: { missing: ['R1'], extra: 1 },
    });
  });
});
