import { X509Certificate, createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { selfSignedCert } from './tls-cert';

describe('self-signed certificate of the reference central', () => {
  it('parses every time (DER minimal), names loopback, and its pin is the SPKI SHA-256', () => {
    for (let i = 0; i < 64; i++) {
      const c = selfSignedCert(['pusat.local']);
      const x = new X509Certificate(c.certPem);
      expect(x.subjectAltName).toContain('IP Address:127.0.0.1');
      expect(x.subjectAltName).toContain('DNS:pusat.local');
      expect(x.checkHost('localhost')).toBe('localhost');
      expect(x.verify(x.publicKey)).toBe(true);
      const spki = x.publicKey.export({ type: 'spki', format: 'der' });
      expect(c.spkiSha256).toBe(createHash('sha256').update(spki).digest('hex'));
    }
  });
});
