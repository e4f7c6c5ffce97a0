import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyFormatError } from './errors';
import {
  generateCentralKeys,
  generateStationKeys,
  keyFingerprint,
  parsePublicKey,
  publicKeyPemFromPrivate,
  rawPublicKey,
} from './keys';

const central = generateCentralKeys();
const station = generateStationKeys();

function problemOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof KeyFormatError) return e.problem;
    throw e;
  }
  return 'ok';
}

describe('keys', () => {
  it('reads PEM and raw base64 (with spaces, base64url) to the same key', () => {
    const fromPem = parsePublicKey(central.publicKeyPem, 'x25519');
    const raw = rawPublicKey(fromPem);
    expect(raw.length).toBe(32);
    const b64 = raw.toString('base64');
    const spaced = b64.replace(/(.{8})/g, '$1 ');
    for (const text of [
      b64,
      spaced,
      raw.toString('base64url'),
      `\n  ${central.publicKeyPem}  \n`,
    ]) {
      expect(rawPublicKey(parsePublicKey(text, 'x25519')).equals(raw)).toBe(true);
    }
  });

  it('explains what is wrong with a key text', () => {
    expect(problemOf(() => parsePublicKey('  ', 'x25519'))).toBe('empty');
    expect(problemOf(() => parsePublicKey('bukan kunci!', 'x25519'))).toBe('unreadable');
    expect(problemOf(() => parsePublicKey('AAAA', 'x25519'))).toBe('wrong-length');
    expect(problemOf(() => parsePublicKey(station.publicKeyPem, 'x25519'))).toBe('wrong-type');
    expect(problemOf(() => parsePublicKey(central.privateKeyPem, 'x25519'))).toBe('wrong-type');
    const e = new KeyFormatError('wrong-length');
    expect(e.messageId).toMatch(/32 bita/);
    expect(e.localized('en')).toMatch(/32 bytes/);
  });

  it('fingerprints: 8 groups of 4 hex, the same for PEM, raw text and KeyObject', () => {
    const fp = keyFingerprint(central.publicKeyPem);
    expect(fp).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    const raw = rawPublicKey(createPublicKey(central.publicKeyPem)).toString('base64');
    expect(keyFingerprint(raw)).toBe(fp);
    expect(keyFingerprint(createPublicKey(central.publicKeyPem))).toBe(fp);
    expect(keyFingerprint(generateCentralKeys().publicKeyPem)).not.toBe(fp);
    expect(keyFingerprint(publicKeyPemFromPrivate(station.privateKeyPem))).toBe(
      keyFingerprint(station.publicKeyPem),
    );
  });
});
