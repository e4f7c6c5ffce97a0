import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import type { ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  /** log2 of N (the CPU/memory cost). */
  ln: number;
  r: number;
  p: number;
}

/**
 * N = 2^17, r = 8: 128 MiB per hash, ~0.4 s on a desk laptop — slow for guessing (OWASP's
 * scrypt minimum), fine at login. Hashes made with a lower cost are redone at the next login.
 */
export const CURRENT_PARAMS: ScryptParams = { ln: 17, r: 8, p: 1 };

/**
 * A cheap cost for test suites only (1 MiB, ~2 ms). Never a default: a station gets it only when
 * it is opened with `passwordHashing` set explicitly (tests, the browser host's
 * `--test-fast-passwords` for end-to-end runs).
 */
export const TEST_ONLY_PARAMS: ScryptParams = { ln: 10, r: 8, p: 1 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;

function scrypt(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const N = 2 ** params.ln;
  const options: ScryptOptions = {
    N,
    r: params.r,
    p: params.p,
    // Node's default limit (32 MiB) is below what N=2^15 and up need.
    maxmem: 2 * 128 * N * params.r * params.p,
  };
  return new Promise((resolve, reject) => {
    scryptCb(password.normalize('NFC'), salt, HASH_BYTES, options, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

/** PHC-style string: `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64, no padding). */
export async function hashPassword(
  password: string,
  params: ScryptParams = CURRENT_PARAMS,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await scrypt(password, salt, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${b64(salt)}$${b64(hash)}`;
}

interface Decoded {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

const ENCODED =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

export function decodeHash(encoded: string): Decoded | null {
  const m = ENCODED.exec(encoded);
  if (!m) return null;
  const params = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  // Refuse absurd params from a tampered row rather than allocate gigabytes.
  if (
    params.ln < 10 ||
    params.ln > 20 ||
    params.r < 1 ||
    params.r > 32 ||
    params.p < 1 ||
    params.p > 16
  ) {
    return null;
  }
  return { params, salt: Buffer.from(m[4]!, 'base64'), hash: Buffer.from(m[5]!, 'base64') };
}

export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const d = decodeHash(encoded);
  if (!d || d.hash.length === 0) return false;
  const candidate = await scrypt(password, d.salt, d.params);
  return candidate.length === d.hash.length && timingSafeEqual(candidate, d.hash);
}

/** True when the stored hash is weaker than today's params; rehash after a successful login. */
export function needsRehash(encoded: string, params: ScryptParams = CURRENT_PARAMS): boolean {
  const d = decodeHash(encoded);
  if (!d) return true;
  return d.params.ln < params.ln || d.params.r < params.r || d.params.p < params.p;
}

export type PasswordProblem = 'too-short' | 'all-digits' | 'same-as-username';

export function checkPasswordPolicy(password: string, username: string): PasswordProblem | null {
  if ([...password].length < 8) return 'too-short';
  if (/^\d+$/.test(password)) return 'all-digits';
  if (password.trim().toLowerCase() === username.trim().toLowerCase()) return 'same-as-username';
  return null;
}
