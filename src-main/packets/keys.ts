import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { KeyFormatError, PacketError } from './errors';

/** Ed25519 signs (the station's identity); X25519 agrees keys (encryption to the centre). */
export type PacketKeyType = 'x25519' | 'ed25519';

export interface KeyPairPem {
  publicKeyPem: string;
  privateKeyPem: string;
}

function pemPair(type: PacketKeyType): KeyPairPem {
  const { publicKey, privateKey } =
    type === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('x25519');
  return {
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  };
}

/** The station's signing key pair (Ed25519), PEM: SPKI public, PKCS#8 private. */
export function generateStationKeys(): KeyPairPem {
  return pemPair('ed25519');
}

/** The central server's encryption key pair (X25519), PEM: SPKI public, PKCS#8 private. */
export function generateCentralKeys(): KeyPairPem {
  return pemPair('x25519');
}

const PEM_RE = /-----BEGIN PUBLIC KEY-----([\s\S]*?)-----END PUBLIC KEY-----/;

/**
 * Reads a public key as an operator might paste it: a PEM block (SPKI) or the raw 32 bytes in
 * base64 / base64url (spaces and line breaks ignored). Throws KeyFormatError with a message an
 * operator can act on.
 */
export function parsePublicKey(text: string, type: PacketKeyType): KeyObject {
  const trimmed = text.trim();
  if (!trimmed) throw new KeyFormatError('empty');
  let key: KeyObject;
  const pem = PEM_RE.exec(trimmed);
  if (pem) {
    try {
      key = createPublicKey({ key: pem[0], format: 'pem' });
    } catch {
      throw new KeyFormatError('unreadable', 'PEM');
    }
  } else if (trimmed.includes('-----BEGIN')) {
    // A private key or certificate pasted by mistake: say so instead of "unreadable".
    throw new KeyFormatError('wrong-type', 'not a PUBLIC KEY block');
  } else {
    const compact = trimmed.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(compact)) throw new KeyFormatError('unreadable');
    const raw = Buffer.from(compact.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (raw.length !== 32) throw new KeyFormatError('wrong-length', `${raw.length} bytes`);
    key = createPublicKey({
      key: {
        kty: 'OKP',
        crv: type === 'x25519' ? 'X25519' : 'Ed25519',
        x: raw.toString('base64url'),
      },
      format: 'jwk',
    });
  }
  if (key.asymmetricKeyType !== type) {
    throw new KeyFormatError('wrong-type', `${key.asymmetricKeyType ?? '?'} instead of ${type}`);
  }
  return key;
}

/** A public key from a KeyObject or text (PEM / base64 raw); PacketError 'bad-key' if unusable. */
export function toPublicKey(key: KeyObject | string, type: PacketKeyType): KeyObject {
  if (typeof key === 'string') {
    try {
      return parsePublicKey(key, type);
    } catch (e) {
      throw new PacketError('bad-key', e instanceof Error ? e.message : 'public key');
    }
  }
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  if (pub.type !== 'public' || pub.asymmetricKeyType !== type) {
    throw new PacketError('bad-key', `expected a ${type} public key`);
  }
  return pub;
}

/** A private key from a KeyObject or PKCS#8 PEM; PacketError 'bad-key' if unusable. */
export function toPrivateKey(key: KeyObject | string, type: PacketKeyType): KeyObject {
  let k: KeyObject;
  try {
    k = typeof key === 'string' ? createPrivateKey({ key, format: 'pem' }) : key;
  } catch {
    throw new PacketError('bad-key', `unreadable ${type} private key`);
  }
  if (k.type !== 'private' || k.asymmetricKeyType !== type) {
    throw new PacketError('bad-key', `expected a ${type} private key`);
  }
  return k;
}

/** The raw 32 bytes of an X25519 / Ed25519 public key. */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new PacketError('bad-key', 'not an OKP key');
  return Buffer.from(jwk.x, 'base64url');
}

/** The public half of a private key, as SPKI PEM (what a station registers with the centre). */
export function publicKeyPemFromPrivate(privateKey: KeyObject | string): string {
  const k = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  return createPublicKey(k).export({ format: 'pem', type: 'spki' }).toString();
}

function keyTypeOf(text: string): PacketKeyType {
  const pem = PEM_RE.exec(text);
  if (!pem) return 'x25519'; // raw bytes: the fingerprint does not depend on the type
  const t = createPublicKey(pem[0]).asymmetricKeyType;
  if (t !== 'x25519' && t !== 'ed25519') throw new KeyFormatError('wrong-type', String(t));
  return t;
}

/**
 * First 128 bits of SHA-256 over the raw 32-byte public key, as 8 groups of 4 upper-case hex
 * digits ("AB12 CD34 …"): short enough to read over the phone, long enough that forging a key
 * with the same fingerprint is out of reach (2^128 work).
 */
export function keyFingerprint(publicKey: KeyObject | string): string {
  let key: KeyObject;
  if (typeof publicKey === 'string') {
    key = parsePublicKey(publicKey, keyTypeOf(publicKey));
  } else {
    key = publicKey.type === 'private' ? createPublicKey(publicKey) : publicKey;
  }
  const hex = createHash('sha256').update(rawPublicKey(key)).digest('hex').slice(0, 32);
  return hex.toUpperCase().match(/.{4}/g)!.join(' ');
}

/** The centre's verdict-signing key pair (Ed25519), PEM: SPKI public, PKCS#8 private. */
export function generateVerdictKeys(): KeyPairPem {
  return pemPair('ed25519');
}

const BUNDLE_HEADER = '# Rekam central key bundle v1';

/**
 * The "central key bundle": the centre's X25519 encryption key and its Ed25519 verdict-signing
 * key as two PEM blocks in one text file, so the technician pastes (and compares) one thing.
 */
export function formatCentralKeyBundle(encryptionPem: string, verdictPem: string): string {
  return [
    BUNDLE_HEADER,
    `# encryption (X25519) ${keyFingerprint(encryptionPem)}`,
    encryptionPem.trim(),
    `# verdicts (Ed25519) ${keyFingerprint(verdictPem)}`,
    verdictPem.trim(),
    '',
  ].join('\n');
}

export interface CentralKeyBundle {
  encryptionKeyPem: string;
  verdictKeyPem: string;
}

/** Reads a central key bundle (the two PEM blocks in any order, comments ignored). */
export function parseCentralKeyBundle(text: string): CentralKeyBundle {
  const blocks = text.match(new RegExp(PEM_RE.source, 'g')) ?? [];
  if (blocks.length === 0) {
    if (/-----BEGIN/.test(text)) throw new KeyFormatError('wrong-type', 'not a PUBLIC KEY block');
    // A lone base64 key cannot carry both keys.
    parsePublicKey(text, 'x25519');
    throw new KeyFormatError('incomplete-bundle');
  }
  const found: Partial<Record<PacketKeyType, string>> = {};
  for (const b of blocks) {
    let key: KeyObject;
    try {
      key = createPublicKey({ key: b, format: 'pem' });
    } catch {
      throw new KeyFormatError('unreadable', 'PEM');
    }
    const t = key.asymmetricKeyType;
    if (t !== 'x25519' && t !== 'ed25519') throw new KeyFormatError('wrong-type', String(t));
    if (found[t]) throw new KeyFormatError('incomplete-bundle', `two ${t} keys`);
    found[t] = key.export({ type: 'spki', format: 'pem' }).toString();
  }
  if (!found.x25519 || !found.ed25519) throw new KeyFormatError('incomplete-bundle');
  return { encryptionKeyPem: found.x25519, verdictKeyPem: found.ed25519 };
}
