import { describe, expect, it } from 'vitest';
import { batchProgress, formatEta, syncTone } from './sync-model';

describe('sync figures', () => {
  it('measures the batch against the largest queue since it was empty', () => {
    expect(batchProgress(0, { state: 'idle', pendingBytes: 0 })).toEqual({
      peak: 0,
      progress: null,
    });
    let r = batchProgress(0, { state: 'syncing', pendingBytes: 1000 });
    expect(r).toEqual({ peak: 1000, progress: 0 });
    r = batchProgress(r.peak, { state: 'syncing', pendingBytes: 250 });
    expect(r).toEqual({ peak: 1000, progress: 0.75 });
    // A packet sealed mid-batch counts against the same peak.
    r = batchProgress(r.peak, { state: 'syncing', pendingBytes: 600 });
    expect(r.progress).toBeCloseTo(0.4);
    expect(batchProgress(r.peak, { state: 'paused', pendingBytes: 600 }).progress).toBeNull();
    expect(batchProgress(r.peak, { state: 'syncing', pendingBytes: 0 })).toEqual({
      peak: 0,
      progress: null,
    });
  });
  it('rounds the ETA to what a person plans by', () => {
    expect(formatEta(null, 'id')).toBeNull();
    expect(formatEta(-1, 'id')).toBeNull();
    expect(formatEta(Number.POSITIVE_INFINITY, 'en')).toBeNull();
    expect(formatEta(20, 'id')).toBe('kurang dari 1 menit');
    expect(formatEta(20, 'en')).toBe('under a minute');
    expect(formatEta(185, 'id')).toBe('±3 menit');
    expect(formatEta(3600, 'id')).toBe('±1 jam');
    expect(formatEta(3600 + 25 * 60, 'en')).toBe('about 1 h 25 min');
  });
  it('gives every state a tone', () => {
    expect(syncTone('idle')).toBe('ok');
    expect(syncTone('syncing')).toBe('busy');
    expect(syncTone('paused')).toBe('bad');
    expect(syncTone('offline')).toBe('bad');
    expect(syncTone('not-configured')).toBe('muted');
  });
});
