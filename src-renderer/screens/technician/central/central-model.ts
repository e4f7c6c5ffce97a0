// Pure checks of the central setup screen, kept out of the component so they can be tested.

/** A public key file is a few hundred bytes; anything far bigger is the wrong file. */
export const MAX_KEY_FILE_BYTES = 8 * 1024;

/** http(s) with a host; what the contract accepts (the server checks again). */
export function validCentralUrl(raw: string): boolean {
  const s = raw.trim();
  if (s.length === 0 || s.length > 500) return false;
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
  } catch {
    return false;
  }
}

/** A TLS pin as printed by the centre: 64 hex digits (spaces/colons allowed) or 44 base64. */
export function looksLikePin(raw: string): boolean {
  const s = raw.trim().replace(/^sha256\//i, '');
  return /^[0-9a-fA-F]{64}$/.test(s.replace(/[\s:-]+/g, '')) || /^[A-Za-z0-9+/]{43}=$/.test(s);
}

/**
 * A PEM public key block, or base64 of a raw 32-byte X25519 key. A private key pasted by
 * mistake is refused here already: it must never travel further than the clipboard.
 */
export function looksLikePublicKey(raw: string): boolean {
  const s = raw.trim();
  if (s.length < 20 || s.length > 4000) return false;
  if (/PRIVATE KEY/.test(s)) return false;
  // The central key bundle: comment lines and two PUBLIC KEY blocks.
  if (/-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----/.test(s)) return true;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(s)) return false;
  // 32 raw bytes → 44 base64 characters; the SPKI DER of an X25519 key (44 bytes) → 60.
  return s.length === 43 || s.length === 44 || s.length === 59 || s.length === 60;
}

/**
 * Groups to read aloud one at a time over the phone. The server already groups its
 * fingerprints; an ungrouped hex string is cut into fours so the screen reads the same.
 */
export function fingerprintGroups(fp: string): string[] {
  const parts = fp
    .trim()
    .split(/[\s:]+/)
    .filter((p) => p.length > 0);
  if (parts.length !== 1) return parts;
  const one = parts[0]!;
  if (one.length <= 8) return [one];
  const out: string[] = [];
  for (let i = 0; i < one.length; i += 4) out.push(one.slice(i, i + 4));
  return out;
}
