import { describe, expect, it } from 'vitest';
import {
  HANDOVER_MATCH_THRESHOLD,
  checkProxy,
  chooseRetainedFingers,
  fingerMatches,
  handoverAllowedFrom,
} from './handover';

const RESIDENT = { nik: '3201014501900003', kk: '3201010101200001' };
const PROXY = {
  name: 'AHMAD SUBAGJA',
  nik: '3201011203850002',
  relation: 'suami-istri' as const,
  kk: '3201 0101 0120 0001',
};
const ALLOWED = { proxyAllowed: true };

describe('retained fingers', () => {
  const all = Array.from({ length: 10 }, (_, i) => ({
    finger: i + 1,
    quality: 50 + i,
    hasTemplate: true,
  }));
  it('keeps the right and left index when both have a template', () => {
    expect(chooseRetainedFingers(all)).toEqual([2, 7]);
  });
  it('otherwise the best two by quality', () => {
    const noLeftIndex = all.map((f) => (f.finger === 7 ? { ...f, hasTemplate: false } : f));
    expect(chooseRetainedFingers(noLeftIndex)).toEqual([9, 10]);
  });
  it('an index finger wins a tie; fewer than two templates keeps what there is', () => {
    const tie = [
      { finger: 3, quality: 80, hasTemplate: true },
      { finger: 2, quality: 80, hasTemplate: true },
      { finger: 4, quality: 80, hasTemplate: true },
    ];
    expect(chooseRetainedFingers(tie)).toEqual([2, 3]);
    expect(chooseRetainedFingers([{ finger: 5, quality: 40, hasTemplate: true }])).toEqual([5]);
    expect(chooseRetainedFingers([{ finger: 5, quality: 40, hasTemplate: false }])).toEqual([]);
  });
});

describe('score', () => {
  it('splits the matcher gap: same finger (≥ 100) passes, another (< 50) does not', () => {
    expect(fingerMatches(100)).toBe(true);
    expect(fingerMatches(HANDOVER_MATCH_THRESHOLD)).toBe(true);
    expect(fingerMatches(HANDOVER_MATCH_THRESHOLD - 1)).toBe(false);
    expect(fingerMatches(49)).toBe(false);
  });
});

describe('proxy policy', () => {
  it('a family member from the same KK is allowed when the policy allows proxies', () => {
    expect(checkProxy(PROXY, RESIDENT, ALLOWED)).toBeNull();
  });
  it('refused when the supervisor does not allow proxies', () => {
    expect(checkProxy(PROXY, RESIDENT, { proxyAllowed: false })).toEqual({
      code: 'PROXY_NOT_ALLOWED',
    });
  });
  it('refuses an invalid NIK with the NIK rule that failed', () => {
    expect(checkProxy({ ...PROXY, nik: '32010112038500' }, RESIDENT, ALLOWED)).toEqual({
      code: 'PROXY_NIK',
      nik: 'NIK_LENGTH',
    });
    expect(checkProxy({ ...PROXY, nik: '3201013213850002' }, RESIDENT, ALLOWED)).toEqual({
      code: 'PROXY_NIK',
      nik: 'NIK_DATE',
    });
  });
  it('refuses the resident as their own proxy, another KK, and an unknown KK', () => {
    expect(checkProxy({ ...PROXY, nik: RESIDENT.nik }, RESIDENT, ALLOWED)?.code).toBe(
      'PROXY_IS_RESIDENT',
    );
    expect(checkProxy({ ...PROXY, kk: '3201010101200002' }, RESIDENT, ALLOWED)?.code).toBe(
      'PROXY_KK_MISMATCH',
    );
    expect(checkProxy(PROXY, { ...RESIDENT, kk: '' }, ALLOWED)?.code).toBe('PROXY_KK_UNKNOWN');
    expect(checkProxy({ ...PROXY, name: ' ' }, RESIDENT, ALLOWED)?.code).toBe('PROXY_NAME');
  });
});

describe('card states', () => {
  it('the counter hands over cards at the office; a round only cards taken on it', () => {
    expect(handoverAllowedFrom('at_office', 'counter')).toBe(true);
    expect(handoverAllowedFrom('on_round', 'counter')).toBe(false);
    expect(handoverAllowedFrom('on_round', 'round')).toBe(true);
    expect(handoverAllowedFrom('at_office', 'round')).toBe(false);
    for (const s of ['printed', 'dispatched', 'missing', 'handed_over']) {
      expect(handoverAllowedFrom(s, 'counter')).toBe(false);
      expect(handoverAllowedFrom(s, 'round')).toBe(false);
    }
  });
});
