// Verdicts the centre signs (received, duplicate, rejected + reason, print-ready, and any later
// status) so a station can act on them without trusting the network path or the TLS terminator:
// only a verified verdict moves a recording's state or lets retention purge it.
import { createHash, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { toPrivateKey, toPublicKey } from './keys';

/** Domain separation: a verdict signature can never be mistaken for any other Rekam signature. */
export const VERDICT_DOMAIN = 'rekam-verdict-v1';

export interface VerdictFields {
  stationId: string;
  packetId: string;
  status: string;
  reason: string | null;
  /** ISO 8601 time the centre gave the verdict. */
  at: string;
}

export interface SignedVerdict extends VerdictFields {
  /** Ed25519 over verdictSigningBytes(…), base64. */
  signature: string;
}

/**
 * The exact bytes that are signed: a JSON array (one canonical encoding, no delimiter a field
 * could smuggle) of the domain prefix and every field in a fixed order.
 */
export function verdictSigningBytes(v: VerdictFields): Buffer {
  return Buffer.from(
    JSON.stringify([VERDICT_DOMAIN, v.stationId, v.packetId, v.status, v.reason, v.at]),
    'utf8',
  );
}

export function signVerdict(v: VerdictFields, privateKey: KeyObject | string): SignedVerdict {
  const key = toPrivateKey(privateKey, 'ed25519');
  const signature = sign(null, verdictSigningBytes(v), key).toString('base64');
  return {
    stationId: v.stationId,
    packetId: v.packetId,
    status: v.status,
    reason: v.reason,
    at: v.at,
    signature,
  };
}

export type VerdictCheck = 'ok' | 'bad-signature' | 'wrong-station' | 'wrong-packet';

/**
 * Checks that `v` is for this station and this packet (a verdict replayed from another packet
 * or station is refused) and that its signature verifies under the centre's verdict key.
 */
export function checkVerdict(
  v: SignedVerdict,
  expected: { stationId: string; packetId: string },
  verdictKey: KeyObject | string,
): VerdictCheck {
  if (v.stationId !== expected.stationId) return 'wrong-station';
  if (v.packetId !== expected.packetId) return 'wrong-packet';
  let key: KeyObject;
  try {
    key = toPublicKey(verdictKey, 'ed25519');
  } catch {
    return 'bad-signature';
  }
  const sig = Buffer.from(v.signature, 'base64');
  if (sig.length !== 64) return 'bad-signature';
  try {
    return verify(null, verdictSigningBytes(v), key, sig) ? 'ok' : 'bad-signature';
  } catch {
    return 'bad-signature';
  }
}

/** Short stable digest of a signed verdict, for logs and audit (never the signature itself). */
export const verdictDigest = (v: SignedVerdict): string =>
  createHash('sha256')
    .update(verdictSigningBytes(v))
    .update(v.signature)
    .digest('hex')
    .slice(0, 16);
