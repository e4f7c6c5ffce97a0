import { describe, expect, it } from 'vitest';
import { isTvRoute, spokenCall, tvUrl } from './tv-model';

describe('tv page model', () => {
  it('recognises only the #/tv route', () => {
    expect(isTvRoute('#/tv')).toBe(true);
    expect(isTvRoute('#/tv?x=1')).toBe(true);
    expect(isTvRoute('')).toBe(false);
    expect(isTvRoute('#/tvx')).toBe(false);
    expect(isTvRoute('#k=abc')).toBe(false);
  });
  it('points at the same document with the #/tv hash', () => {
    expect(tvUrl('http://127.0.0.1:4000/index.html#x')).toBe(
      'http://127.0.0.1:4000/index.html#/tv',
    );
    expect(tvUrl('file:///app/out/renderer/index.html')).toBe(
      'file:///app/out/renderer/index.html#/tv',
    );
  });
  it('reads the number without leading zeros, in the UI language', () => {
    expect(spokenCall('A-007', 'Loket 1', 'id')).toBe('Nomor antrian A 7, silakan menuju Loket 1.');
    expect(spokenCall('P-120', 'Desk 2', 'en')).toBe('Queue number P 120, please go to Desk 2.');
    expect(spokenCall('odd', 'Loket 1', 'id')).toContain('odd');
  });
});
