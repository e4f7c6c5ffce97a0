import { describe, expect, it } from 'vitest';
import {
  CURRENT_PARAMS,
  TEST_ONLY_PARAMS,
  checkPasswordPolicy,
  decodeHash,
  hashPassword,
  needsRehash,
  verifyPassword,
} from './passwords';

describe('passwords', () => {
  it('hashes with scrypt N=2^17 by default and verifies the right password only', async () => {
    const h = await hashPassword('kata-sandi-benar');
    expect(h).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(decodeHash(h)?.params).toEqual(CURRENT_PARAMS);
    expect(decodeHash(h)?.salt).toHaveLength(16);
    expect(decodeHash(h)?.hash).toHaveLength(32);
    expect(await verifyPassword('kata-sandi-benar', h)).toBe(true);
    expect(await verifyPassword('kata-sandi-salah', h)).toBe(false);
    expect(await verifyPassword('', h)).toBe(false);
  });

  it('salts every hash', async () => {
    const cheap = (p: string) => hashPassword(p, TEST_ONLY_PARAMS);
    expect(await cheap('sama-saja-1')).not.toBe(await cheap('sama-saja-1'));
  });

  it('verifies hashes made with older params and asks for a rehash', async () => {
    const old = await hashPassword('kata-sandi-lama', { ln: 12, r: 8, p: 1 });
    expect(old).toContain('$ln=12,r=8,p=1$');
    expect(await verifyPassword('kata-sandi-lama', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(old, { ln: 12, r: 8, p: 1 })).toBe(false);
  });

  it('treats garbage and absurd params as not matching', async () => {
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
    expect(await verifyPassword('x', '$scrypt$ln=30,r=8,p=1$AAAA$AAAA')).toBe(false);
    expect(needsRehash('not-a-hash')).toBe(true);
  });

  it('applies the password policy', () => {
    expect(checkPasswordPolicy('pendek1', 'budi')).toBe('too-short');
    expect(checkPasswordPolicy('1234567890', 'budi')).toBe('all-digits');
    expect(checkPasswordPolicy('operator01', 'operator01')).toBe('same-as-username');
    expect(checkPasswordPolicy('Operator01', 'operator01')).toBe('same-as-username');
    expect(checkPasswordPolicy('meja-satu-2025', 'budi')).toBeNull();
  });
});
