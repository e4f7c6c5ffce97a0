import { describe, expect, it } from 'vitest';
import { createAppUrlMatcher } from './app-url';
import { TV_METHODS, isTvWindowUrl } from './tv-window';

describe('TV window policy', () => {
  const isAppUrl = createAppUrlMatcher();
  it('opens only the app page at #/tv', () => {
    expect(isTvWindowUrl('app://rekam/index.html#/tv', isAppUrl)).toBe(true);
    expect(isTvWindowUrl('app://rekam/index.html', isAppUrl)).toBe(false);
    expect(isTvWindowUrl('app://rekam/index.html#/tvx', isAppUrl)).toBe(false);
    expect(isTvWindowUrl('app://evil/index.html#/tv', isAppUrl)).toBe(false);
    expect(isTvWindowUrl('file:///opt/rekam/out/renderer/index.html#/tv', isAppUrl)).toBe(false);
    expect(isTvWindowUrl('https://evil.example/#/tv', isAppUrl)).toBe(false);
    expect(isTvWindowUrl('file:///etc/passwd#/tv', isAppUrl)).toBe(false);
    expect(isTvWindowUrl('not a url', isAppUrl)).toBe(false);
  });
  it('lets the TV page call the public board only', () => {
    expect([...TV_METHODS]).toEqual(['queue.board']);
  });
});
