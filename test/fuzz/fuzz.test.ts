// The fuzz properties with few cases, so `npm test` keeps every target honest.
import { describe, expect, it } from 'vitest';
import { formatFuzzResult, runFuzzTarget } from './harness';
import { loadFuzzTargets } from './targets';

const targets = await loadFuzzTargets();
const cases = Number(process.env.FUZZ_TEST_CASES ?? 300);

describe('fuzz targets (short)', () => {
  it('has targets', () => {
    expect(targets.length).toBeGreaterThan(0);
  });
  for (const t of targets) {
    it(
      t.name,
      async () => {
        const r = await runFuzzTarget(t, cases, 42);
        expect(r.failures, formatFuzzResult(r)).toBe(0);
      },
      120_000,
    );
  }
});
