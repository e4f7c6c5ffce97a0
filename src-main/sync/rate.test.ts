import { describe, expect, it } from 'vitest';
import { DEFAULT_LINK_TUNING, LinkEstimate, RateMeter, probeIntervalMs } from './rate';

/** 64 kbit/s with a 600 ms round trip, as the runner would have measured it. */
function gprs64(): LinkEstimate {
  const link = new LinkEstimate();
  link.noteRoundTrip(600);
  // 80 KB acknowledged 10.6 s after the PATCH started: 8 KB/s of sending plus the answer's trip.
  link.noteChunk(80_000, 10_600);
  return link;
}

describe('stall rule (acknowledged bytes, scaled to rate and round trip)', () => {
  it('measures the acknowledged rate without the round trip of the answer', () => {
    expect(gprs64().rate).toBeCloseTo(8_000, -1);
  });

  it('gives a chunk three times what the link needs, so a slow link is never cut', () => {
    const link = gprs64();
    const chunk = 160 * 1024;
    const needs = (chunk * 1000) / 8_000;
    expect(link.stallWindowMs(chunk)).toBeGreaterThanOrEqual(3 * needs);
    // A 10 s silence of the link in the middle does not abandon it either.
    expect(link.stallWindowMs(chunk)).toBeGreaterThan(needs + 10_000);
  });

  it('judges an unmeasured link by the GPRS floor, not by a fast one', () => {
    const link = new LinkEstimate();
    const first = link.chunkBytes();
    const atFloor = (first * 1000) / DEFAULT_LINK_TUNING.assumedBytesPerSecond;
    expect(link.stallWindowMs(first)).toBeGreaterThanOrEqual(3 * atFloor);
  });

  it('still gives up on a dead fast link after the minimum window', () => {
    const link = new LinkEstimate({ ...DEFAULT_LINK_TUNING, stallMinMs: 2_500 });
    link.noteRoundTrip(2);
    link.noteChunk(1_000_000, 100);
    expect(link.stallWindowMs(160 * 1024)).toBe(2_500);
  });

  it('grows the window with the bytes sharing the link', () => {
    const link = gprs64();
    expect(link.stallWindowMs(2 * 65_536)).toBeGreaterThan(link.stallWindowMs(65_536));
  });
});

describe('chunk size', () => {
  it('is the chunk target worth of the measured rate, within bounds', () => {
    const link = gprs64();
    const bytes = link.chunkBytes();
    expect(bytes).toBeGreaterThanOrEqual(0.9 * 8_000 * (DEFAULT_LINK_TUNING.chunkTargetMs / 1000));
    expect(bytes).toBeLessThanOrEqual(1.1 * 8_000 * (DEFAULT_LINK_TUNING.chunkTargetMs / 1000));
    const fast = new LinkEstimate();
    fast.noteChunk(100_000_000, 1_000);
    expect(fast.chunkBytes()).toBe(DEFAULT_LINK_TUNING.chunkMaxBytes);
  });

  it('fits in half an up-window when the centre drops interrupted bodies', () => {
    const link = gprs64();
    link.noteUpWindow(10_000);
    const kept = link.chunkBytes();
    link.partialKept = true;
    expect(link.chunkBytes()).toBe(kept);
    link.partialKept = false;
    expect(link.chunkBytes()).toBeLessThanOrEqual(8_000 * 5 + 1024);
  });
});

describe('concurrency choice', () => {
  it('runs one upload until the link is measured and whenever it is slow', () => {
    const link = new LinkEstimate();
    expect(link.concurrency(2)).toBe(1);
    link.noteChunk(80_000, 10_000);
    expect(link.concurrency(2)).toBe(1);
  });

  it('runs the configured number on a fast link', () => {
    const link = new LinkEstimate();
    link.noteChunk(1_000_000, 1_000);
    expect(link.concurrency(2)).toBe(2);
    expect(link.concurrency(0)).toBe(1);
  });
});

describe('probe after an outage', () => {
  const o = { minMs: 250, maxMs: 15_000 };
  it('probes soon in a young outage and at most every maxMs in a long one', () => {
    expect(probeIntervalMs(0, o, () => 0.5)).toBe(250);
    expect(probeIntervalMs(10_000, o, () => 0.5)).toBe(500);
    expect(probeIntervalMs(60 * 60_000, o, () => 0.5)).toBe(15_000);
  });

  it('keeps the wait after a return to about a twentieth of the outage', () => {
    for (const outage of [5_000, 30_000, 90_000]) {
      expect(probeIntervalMs(outage, o, () => 1)).toBeLessThanOrEqual(
        Math.ceil(Math.max(o.minMs, outage / 20) * 1.25),
      );
    }
  });

  it('spreads stations apart (jitter)', () => {
    expect(probeIntervalMs(40_000, o, () => 0)).toBe(1_500);
    expect(probeIntervalMs(40_000, o, () => 1)).toBe(2_500);
  });
});

describe('RateMeter', () => {
  it('has no rate until it has seen traffic', () => {
    const m = new RateMeter();
    expect(m.rate(0)).toBeNull();
    m.add(1000, 0);
    expect(m.rate(100)).toBeNull();
  });
  it('measures bytes per second over the window', () => {
    const m = new RateMeter(10_000);
    for (let t = 0; t <= 5000; t += 500) m.add(5000, t);
    expect(m.rate(5000)).toBeCloseTo(10_000, -2);
    expect(m.sent).toBe(55_000);
  });
  it('forgets a rate after a long silence (offline)', () => {
    const m = new RateMeter(10_000);
    m.add(1000, 0);
    m.add(1000, 1000);
    expect(m.rate(60_000)).toBeNull();
  });
});
