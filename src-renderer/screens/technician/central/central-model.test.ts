import { describe, expect, it } from 'vitest';
import { fingerprintGroups, looksLikePublicKey, validCentralUrl } from './central-model';

const PEM = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VuAyEAbjf0m4wB0xYvJ8s1Y6x3qO0xD7m0b9W3mZrJ0mN7bXo=
-----END PUBLIC KEY-----`;

describe('central setup checks', () => {
  it('accepts http(s) URLs only', () => {
    expect(validCentralUrl('https://pusat.dukcapil.go.id/rekam')).toBe(true);
    expect(validCentralUrl(' http://10.0.0.5:8080 ')).toBe(true);
    expect(validCentralUrl('ftp://pusat')).toBe(false);
    expect(validCentralUrl('pusat.dukcapil.go.id')).toBe(false);
    expect(validCentralUrl('')).toBe(false);
    expect(validCentralUrl(`https://a.id/${'x'.repeat(500)}`)).toBe(false);
  });
  it('recognises public keys and refuses private ones', () => {
    expect(looksLikePublicKey(PEM)).toBe(true);
    expect(looksLikePublicKey(`  ${PEM}\n`)).toBe(true);
    expect(looksLikePublicKey('bjf0m4wB0xYvJ8s1Y6x3qO0xD7m0b9W3mZrJ0mN7bXo=')).toBe(true);
    expect(looksLikePublicKey(PEM.replaceAll('PUBLIC', 'PRIVATE'))).toBe(false);
    expect(looksLikePublicKey('not a key at all, just words')).toBe(false);
    expect(looksLikePublicKey('abc')).toBe(false);
  });
  it('groups fingerprints for reading aloud', () => {
    expect(fingerprintGroups('AB12 CD34 EF56')).toEqual(['AB12', 'CD34', 'EF56']);
    expect(fingerprintGroups('ab:cd:ef')).toEqual(['ab', 'cd', 'ef']);
    expect(fingerprintGroups('0123456789abcdef')).toEqual(['0123', '4567', '89ab', 'cdef']);
    expect(fingerprintGroups('abcd')).toEqual(['abcd']);
    expect(fingerprintGroups('  ')).toEqual([]);
  });
});
