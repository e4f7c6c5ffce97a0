// The handover record: who received which card, when, how identity was checked, and
// the recipient's signature — signed by the station key so the centre can keep it as evidence
// and no one on the way can change it. Small (a few KB), sent like a packet over the same tus
// path to the centre, which answers with a verdict signed by its verdict key.
import { sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { toPrivateKey, toPublicKey } from './keys';

/** Domain separation: a handover signature can never pass as a verdict or a packet. */
export const HANDOVER_DOMAIN = 'rekam-handover-v1';
/** Metadata `kind` of a tus upload carrying a handover record instead of a packet. */
export const HANDOVER_UPLOAD_KIND = 'handover';
/** Far above a real record (~5–15 KB with the signature image); anything bigger is refused. */
export const MAX_HANDOVER_BYTES = 64 * 1024;

const idRe = /^[A-Za-z0-9_-]{1,64}$/;

export const handoverRecordSchema = z.strictObject({
  v: z.literal(1),
  handoverId: z.string().regex(idRe),
  stationId: z.string().regex(idRe),
  recordingId: z.string().regex(idRe),
  packetId: z.string().regex(idRe),
  kind: z.enum(['counter', 'round']),
  roundId: z.string().regex(idRe).nullable(),
  handedOverAt: z.string().max(40),
  operator: z.string().max(64),
  verification: z.strictObject({
    method: z.enum(['fingerprint', 'visual']),
    finger: z.number().int().min(1).max(10).nullable(),
    score: z.number().int().min(0).max(300).nullable(),
    reason: z.string().max(300).nullable(),
  }),
  proxy: z
    .strictObject({
      name: z.string().max(80),
      nik: z.string().regex(/^\d{16}$/),
      relation: z.string().max(20),
    })
    .nullable(),
  /** The recipient's signature as rendered (PNG, base64). */
  signaturePng: z.string().max(48 * 1024),
});
export type HandoverRecord = z.infer<typeof handoverRecordSchema>;

const signingBytes = (recordJson: string) =>
  Buffer.from(JSON.stringify([HANDOVER_DOMAIN, recordJson]), 'utf8');

export interface SignedHandover {
  recordJson: string;
  signature: string;
}

export function signHandoverRecord(
  r: HandoverRecord,
  stationKey: KeyObject | string,
): SignedHandover {
  const recordJson = JSON.stringify(handoverRecordSchema.parse(r));
  const signature = sign(null, signingBytes(recordJson), toPrivateKey(stationKey, 'ed25519'));
  return { recordJson, signature: signature.toString('base64') };
}

/** What travels: one small JSON document. */
export const handoverEnvelope = (s: SignedHandover): Buffer =>
  Buffer.from(JSON.stringify({ record: s.recordJson, signature: s.signature }), 'utf8');

export type HandoverCheck =
  | { ok: true; record: HandoverRecord }
  | { ok: false; reason: 'malformed' | 'bad-signature' | 'too-large' };

/** Parses an envelope and verifies it under the station's public key. */
export function openHandoverEnvelope(bytes: Buffer, stationKey: KeyObject | string): HandoverCheck {
  if (bytes.length > MAX_HANDOVER_BYTES) return { ok: false, reason: 'too-large' };
  let env: { record: string; signature: string };
  let record: HandoverRecord;
  try {
    env = z
      .strictObject({ record: z.string(), signature: z.string().max(200) })
      .parse(JSON.parse(bytes.toString('utf8')));
    record = handoverRecordSchema.parse(JSON.parse(env.record));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const sig = Buffer.from(env.signature, 'base64');
  try {
    const key = toPublicKey(stationKey, 'ed25519');
    if (sig.length !== 64 || !verify(null, signingBytes(env.record), key, sig)) {
      return { ok: false, reason: 'bad-signature' };
    }
  } catch {
    return { ok: false, reason: 'bad-signature' };
  }
  return { ok: true, record };
}
