// The offline bundle: what a station writes to a folder (USB stick, shared drive) when the only
// link to the centre is a person carrying it. Shared by the station (writer, read-back) and the
// reference central (import), so both sides agree on names and checks byte for byte.
//
//   <bundle>/manifest.json   packet ids, sizes, SHA-256 each, station id, created at
//   <bundle>/manifest.sig    Ed25519 signature of manifest.json's exact bytes (base64), station key
//   <bundle>/SHA256SUMS      `sha256sum -c` format, every file but itself and manifest.sig
//   <bundle>/packets/<id>.rkp  sealed packets as queued (still encrypted to the centre)
import { createHash, createPublicKey, sign, verify } from 'node:crypto';
import { z } from 'zod';

export const BUNDLE_FORMAT = 'rekam-bundle';
export const BUNDLE_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';
export const SIGNATURE_FILE = 'manifest.sig';
export const SUMS_FILE = 'SHA256SUMS';
export const PACKETS_DIR = 'packets';
export const packetFile = (packetId: string) => `${PACKETS_DIR}/${packetId}.rkp`;

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const HEX64 = /^[0-9a-f]{64}$/;

export const bundleManifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  stationId: z.string().regex(ID),
  createdAt: z.iso.datetime(),
  range: z.strictObject({
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  }),
  packets: z
    .array(
      z.strictObject({
        packetId: z.string().regex(ID),
        file: z.string().regex(/^packets\/[A-Za-z0-9_-]{1,64}\.rkp$/),
        size: z.number().int().positive(),
        sha256: z.string().regex(HEX64),
      }),
    )
    .max(100_000),
});
export type BundleManifest = z.infer<typeof bundleManifestSchema>;

export const sha256Hex = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** Stable bytes for signing: the manifest is signed exactly as written. */
export function manifestBytes(m: BundleManifest): Buffer {
  return Buffer.from(`${JSON.stringify(m, null, 2)}\n`, 'utf8');
}

export function signManifest(bytes: Buffer, privateKeyPem: string): string {
  return sign(null, bytes, privateKeyPem).toString('base64');
}

export function verifyManifestSignature(
  bytes: Buffer,
  signatureText: string,
  publicKeyPem: string,
): boolean {
  const sig = Buffer.from(signatureText.trim(), 'base64');
  if (sig.length !== 64) return false;
  try {
    return verify(null, bytes, createPublicKey(publicKeyPem), sig);
  } catch {
    return false;
  }
}

export function sumsText(entries: { file: string; sha256: string }[]): string {
  return entries.map((e) => `${e.sha256}  ${e.file}\n`).join('');
}

/** Reads SHA256SUMS; unknown or malformed lines are ignored (the manifest is the authority). */
export function parseSums(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([0-9a-f]{64}) [ *](\S+)$/.exec(line.trim());
    if (m) out.set(m[2]!, m[1]!);
  }
  return out;
}

/** Parses manifest bytes; null when it is not a bundle manifest of a known version. */
export function parseManifest(bytes: Buffer): BundleManifest | null {
  try {
    const r = bundleManifestSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}
