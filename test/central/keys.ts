// The reference centre's key material, made on first start and kept in its data dir.
import { X509Certificate, createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  generateCentralKeys,
  generateVerdictKeys,
  publicKeyPemFromPrivate,
} from '../../src-main/packets/index';
import { selfSignedCert } from './tls-cert';

export interface KeyPair {
  publicKeyPem: string;
  privateKeyPem: string;
}

/** A key pair kept as its private PEM in `file` (created by `generate` when absent). */
function loadOrCreatePair(file: string, generate: () => KeyPair): KeyPair {
  if (existsSync(file)) {
    const privateKeyPem = readFileSync(file, 'utf8');
    return { privateKeyPem, publicKeyPem: publicKeyPemFromPrivate(privateKeyPem) };
  }
  const keys = generate();
  writeFileSync(file, keys.privateKeyPem, { mode: 0o600 });
  return keys;
}

/** The central X25519 key pair, created on first start and kept in the data dir. */
export function loadOrCreateKeys(dataDir: string): KeyPair {
  return loadOrCreatePair(join(dataDir, 'central-key.pem'), () => {
    const keys = generateCentralKeys();
    writeFileSync(join(dataDir, 'central-key.pub.pem'), keys.publicKeyPem);
    return keys;
  });
}

/** The Ed25519 verdict-signing key pair, created on first start and kept in the data dir. */
export function loadOrCreateVerdictKeys(dataDir: string): KeyPair {
  return loadOrCreatePair(join(dataDir, 'central-verdict-key.pem'), generateVerdictKeys);
}

/** The self-signed TLS certificate and key, and the SPKI SHA-256 stations pin it by. */
export function loadOrCreateTls(dataDir: string) {
  const certFile = join(dataDir, 'tls-cert.pem');
  const keyFile = join(dataDir, 'tls-key.pem');
  if (!existsSync(certFile) || !existsSync(keyFile)) {
    const c = selfSignedCert();
    writeFileSync(keyFile, c.keyPem, { mode: 0o600 });
    writeFileSync(certFile, c.certPem);
  }
  const certPem = readFileSync(certFile, 'utf8');
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return {
    certPem,
    keyPem: readFileSync(keyFile, 'utf8'),
    pin: createHash('sha256').update(spki).digest('hex'),
  };
}

export function loadOrCreateAdminSecret(dataDir: string, given?: string): string {
  if (given) return given;
  const file = join(dataDir, 'admin-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(24).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
