import { describe, expect, it } from 'vitest';
import {
  checkCentralUrl,
  formatPin,
  isLoopbackHost,
  normalisePin,
  uploadUrlAllowed,
} from './central-http';

describe('central URL policy', () => {
  it('accepts https anywhere and strips trailing slashes', () => {
    expect(checkCentralUrl('https://pusat.dukcapil.go.id/rekam/')).toEqual({
      ok: true,
      url: 'https://pusat.dukcapil.go.id/rekam',
    });
    expect(checkCentralUrl(' https://10.1.2.3:8443 ')).toEqual({
      ok: true,
      url: 'https://10.1.2.3:8443',
    });
  });

  it('refuses plain http except to loopback', () => {
    expect(checkCentralUrl('http://pusat.dukcapil.go.id')).toEqual({
      ok: false,
      problem: 'plain-http',
    });
    expect(checkCentralUrl('http://10.0.0.5:8790')).toMatchObject({ problem: 'plain-http' });
    expect(checkCentralUrl('http://128.0.0.1')).toMatchObject({ problem: 'plain-http' });
    expect(checkCentralUrl('http://localhost.evil.com')).toMatchObject({ problem: 'plain-http' });
    for (const ok of [
      'http://127.0.0.1:8790',
      'http://127.12.0.3',
      'http://localhost:8790',
      'http://[::1]:8790',
      'http://[0:0:0:0:0:0:0:1]/',
    ]) {
      expect(checkCentralUrl(ok).ok, ok).toBe(true);
    }
  });

  it('refuses user-info tricks, other schemes, queries and junk', () => {
    expect(checkCentralUrl('https://127.0.0.1@evil.example')).toEqual({
      ok: false,
      problem: 'userinfo',
    });
    expect(checkCentralUrl('http://127.0.0.1@evil.example')).toMatchObject({
      problem: 'userinfo',
    });
    expect(checkCentralUrl('http://user:pw@127.0.0.1')).toMatchObject({ problem: 'userinfo' });
    expect(checkCentralUrl('https://evil.example\\@127.0.0.1')).toMatchObject({ ok: false });
    expect(checkCentralUrl('ftp://127.0.0.1')).toMatchObject({ problem: 'scheme' });
    expect(checkCentralUrl('file:///etc/passwd')).toMatchObject({ problem: 'scheme' });
    expect(checkCentralUrl('https://pusat.example/?x=1')).toMatchObject({ problem: 'query' });
    expect(checkCentralUrl('bukan alamat')).toMatchObject({ problem: 'unparseable' });
  });

  it('knows its loopback hosts, IPv6 included', () => {
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackHost('127.255.255.254')).toBe(true);
    expect(isLoopbackHost('::2')).toBe(false);
    expect(isLoopbackHost('127.0.0.256')).toBe(false);
  });
});

describe('tus upload URL (Location) check', () => {
  const files = 'https://pusat.example:8443/rekam/files/';

  it('accepts an upload under the files path of the same origin, relative or absolute', () => {
    expect(uploadUrlAllowed('/rekam/files/abc123', files)).toBe(true);
    expect(uploadUrlAllowed('abc123', files)).toBe(true);
    expect(uploadUrlAllowed('https://pusat.example:8443/rekam/files/abc123', files)).toBe(true);
  });

  it('refuses another origin, scheme, port, path, user info or an escape', () => {
    for (const bad of [
      'https://evil.example/rekam/files/abc',
      'http://pusat.example:8443/rekam/files/abc',
      'https://pusat.example/rekam/files/abc',
      'https://pusat.example:8443/other/abc',
      'https://pusat.example:8443/rekam/files/',
      'https://pusat.example:8443/rekam/files/../api/admin/tokens',
      '/rekam/files/%2e%2e/%2e%2e/api/x',
      'https://x@pusat.example:8443/rekam/files/abc',
      '//evil.example/rekam/files/abc',
      '/rekam/files/abc?redirect=1',
      'javascript:alert(1)',
    ]) {
      expect(uploadUrlAllowed(bad, files), bad).toBe(false);
    }
  });
});

describe('TLS pins', () => {
  const hex = 'ab'.repeat(32);
  it('reads a pin with spaces, colons, either case, or as base64', () => {
    expect(normalisePin(hex.toUpperCase().match(/.{4}/g)!.join(' '))).toBe(hex);
    expect(normalisePin(hex.match(/.{2}/g)!.join(':'))).toBe(hex);
    expect(normalisePin(`sha256/${Buffer.from(hex, 'hex').toString('base64')}`)).toBe(hex);
    expect(normalisePin('abcd')).toBeNull();
    expect(normalisePin(`${hex}00`)).toBeNull();
  });
  it('formats a pin in sixteen groups to read aloud', () => {
    expect(formatPin(hex).split(' ')).toHaveLength(16);
  });
});
