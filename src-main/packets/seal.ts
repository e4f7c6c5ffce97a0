import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { ResidentData } from '../domain/resident';
import { PacketError } from './errors';
import {
  DEFAULT_MAX_PACKET_BYTES,
  MAX_MANIFEST_BYTES,
  NONCE_BYTES,
  SALT_BYTES,
  SIGNATURE_BYTES,
  TAG_BYTES,
  decodeHeader,
  encodeHeader,
} from './format';
import type { PacketHeader } from './format';
import { rawPublicKey, toPrivateKey, toPublicKey } from './keys';
import {
  MANIFEST_SCHEMA_VERSION,
  PHOTO_PART,
  SIGNATURE_IMAGE_PART,
  SIGNATURE_SERIES_PART,
  checkManifestConsistency,
  manifestSchema,
  mediaTypeOf,
  parseManifest,
} from './manifest';
import type { PacketCaptureMeta, PacketManifest, PartEntry } from './manifest';
import { newPacketId } from './packet-id';

export interface PacketPart {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
}

export interface SealInput {
  packetId?: string;
  stationId: string;
  recordingId: string;
  operator: string;
  demographics: ResidentData;
  capture: PacketCaptureMeta;
  /** capturedAt per modality, ISO 8601 with offset, e.g. { data, photo, fingers, signature }. */
  times: Record<string, string>;
  parts: PacketPart[];
}

export interface SealKeys {
  stationPrivateKey: KeyObject | string;
  centralPublicKey: KeyObject | string;
}

export interface OpenKeys {
  centralPrivateKey: KeyObject | string;
  /** The registered Ed25519 key of a station, or null when the station is unknown. */
  stationPublicKey: (stationId: string) => KeyObject | string | null;
}

export interface SealOptions {
  maxBytes?: number;
  /** Clock for `sealedAt` and the generated packet id (tests). */
  now?: Date;
}

/** Domain separation: a station signature over a manifest can never be mistaken for another. */
const SIGNING_PREFIX = Buffer.from('RKMP-manifest-v1\0', 'ascii');
const HKDF_INFO = Buffer.from('RKMP v1 X25519-HKDF-SHA256-AES-256-GCM', 'ascii');

const PART_ORDER = [
  PHOTO_PART,
  ...Array.from({ length: 10 }, (_, i) => `finger-${String(i + 1).padStart(2, '0')}.png`),
  SIGNATURE_IMAGE_PART,
  SIGNATURE_SERIES_PART,
];

const JPEG_SOI = Buffer.from([0xff, 0xd8, 0xff]);
const PNG_SIG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Cheap sniffing so a mislabelled part (a data: URL, base64 text, a PNG as photo.jpg) is caught. */
function checkPartContent(name: string, mediaType: string, bytes: Buffer): void {
  const head = bytes.subarray(0, 8);
  const ok =
    mediaType === 'image/jpeg'
      ? head.subarray(0, 3).equals(JPEG_SOI)
      : mediaType === 'image/png'
        ? head.equals(PNG_SIG)
        : bytes.length > 0 && (bytes[0] === 0x7b || bytes[0] === 0x5b); // { or [
  if (!ok) throw new PacketError('schema', `part ${name} is not ${mediaType}`);
}

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

function deriveKey(shared: Buffer, salt: Buffer, ephemeralPub: Buffer, centralPub: Buffer): Buffer {
  const info = Buffer.concat([HKDF_INFO, ephemeralPub, centralPub]);
  return Buffer.from(hkdfSync('sha256', shared, salt, info, 32));
}

/**
 * Encrypts an inner payload to the centre under a header naming `packetId` and `stationId`.
 * Exported for tests that build hostile packets (a valid payload re-wrapped under other ids).
 */
export function encryptPayload(
  plaintext: Buffer,
  ids: { packetId: string; stationId: string },
  centralPublicKey: KeyObject | string,
): Buffer {
  const central = toPublicKey(centralPublicKey, 'x25519');
  const eph = generateKeyPairSync('x25519');
  const ephPub = rawPublicKey(eph.publicKey);
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const key = deriveKey(
    diffieHellman({ privateKey: eph.privateKey, publicKey: central }),
    salt,
    ephPub,
    rawPublicKey(central),
  );
  const header = encodeHeader({
    packetId: ids.packetId,
    stationId: ids.stationId,
    ephemeralPublicKey: ephPub,
    salt,
    nonce,
    ciphertextLength: plaintext.length,
  });
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(header);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([header, body, cipher.getAuthTag()]);
}

/** Inner payload: u32 manifest length | manifest | Ed25519 signature | parts in manifest order. */
export function buildPayload(manifestBytes: Buffer, signature: Buffer, parts: Buffer[]): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(manifestBytes.length, 0);
  return Buffer.concat([len, manifestBytes, signature, ...parts]);
}

export function signManifest(manifestBytes: Buffer, stationPrivateKey: KeyObject | string): Buffer {
  const key = toPrivateKey(stationPrivateKey, 'ed25519');
  return sign(null, Buffer.concat([SIGNING_PREFIX, manifestBytes]), key);
}

/**
 * Builds the manifest (with every part's length and SHA-256), signs it with the station key and
 * encrypts manifest, signature and parts to the centre. Throws PacketError: 'schema' for input
 * that would make a packet the centre refuses, 'bad-key', 'too-large'.
 */
export function sealPacket(
  input: SealInput,
  keys: SealKeys,
  opts: SealOptions = {},
): { packetId: string; bytes: Buffer; manifest: PacketManifest } {
  const now = opts.now ?? new Date();
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_PACKET_BYTES;
  const packetId = input.packetId ?? newPacketId(now);

  const sorted = [...input.parts].sort(
    (a, b) => PART_ORDER.indexOf(a.name) - PART_ORDER.indexOf(b.name),
  );
  const partBytes: Buffer[] = [];
  const entries: PartEntry[] = [];
  for (const p of sorted) {
    const bytes = Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength);
    if (mediaTypeOf(p.name) === null) throw new PacketError('schema', `unknown part ${p.name}`);
    checkPartContent(p.name, p.mediaType, bytes);
    partBytes.push(bytes);
    entries.push({
      name: p.name,
      mediaType: p.mediaType,
      byteLength: bytes.length,
      sha256: sha256(bytes),
    });
  }

  const manifest: PacketManifest = {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    packetId,
    stationId: input.stationId,
    recordingId: input.recordingId,
    operator: input.operator,
    times: { capturedAt: { ...input.times }, sealedAt: now.toISOString() },
    demographics: input.demographics,
    capture: input.capture,
    parts: entries,
  };
  // Refuse here what the centre would refuse: a station must not queue a packet doomed to bounce.
  const parsed = manifestSchema.safeParse(manifest);
  if (!parsed.success) {
    const where = parsed.error.issues
      .slice(0, 3)
      .map((i) => i.path.join('.') || '(root)')
      .join(', ');
    throw new PacketError('schema', `manifest: ${where}`);
  }
  checkManifestConsistency(manifest);

  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  if (manifestBytes.length > MAX_MANIFEST_BYTES) throw new PacketError('schema', 'manifest size');
  const signature = signManifest(manifestBytes, keys.stationPrivateKey);
  const payload = buildPayload(manifestBytes, signature, partBytes);
  const bytes = encryptPayload(
    payload,
    { packetId, stationId: input.stationId },
    keys.centralPublicKey,
  );
  if (bytes.length > maxBytes) {
    throw new PacketError('too-large', `${bytes.length} > ${maxBytes} bytes`);
  }
  return { packetId, bytes, manifest };
}

/** The cleartext header of a packet (ids, version) without decrypting; PacketError if unreadable. */
export function readPacketHeader(bytes: Uint8Array): PacketHeader {
  return decodeHeader(bytes);
}

/**
 * Decrypts, verifies and unpacks a packet. Checks, in order: size, header, station known,
 * decryption (header authenticated), station signature, manifest schema, ids in the signed
 * manifest against the header, part lengths and hashes. Throws PacketError with the reason.
 */
export function openPacket(
  bytes: Uint8Array,
  keys: OpenKeys,
  opts: { maxBytes?: number } = {},
): { manifest: PacketManifest; parts: Map<string, Buffer>; header: PacketHeader } {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_PACKET_BYTES;
  if (bytes.byteLength > maxBytes) {
    throw new PacketError('too-large', `${bytes.byteLength} > ${maxBytes} bytes`);
  }
  const header = decodeHeader(bytes);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  const stationKeyText = keys.stationPublicKey(header.stationId);
  if (stationKeyText === null) throw new PacketError('unknown-station');
  const stationKey = toPublicKey(stationKeyText, 'ed25519');

  const centralPrivate = toPrivateKey(keys.centralPrivateKey, 'x25519');
  const centralPub = rawPublicKey(createPublicKey(centralPrivate));
  let ephemeral: KeyObject;
  try {
    ephemeral = toPublicKey(header.ephemeralPublicKey.toString('base64'), 'x25519');
  } catch {
    throw new PacketError('decrypt-failed', 'ephemeral key');
  }
  let payload: Buffer;
  try {
    const key = deriveKey(
      diffieHellman({ privateKey: centralPrivate, publicKey: ephemeral }),
      header.salt,
      header.ephemeralPublicKey,
      centralPub,
    );
    const decipher = createDecipheriv('aes-256-gcm', key, header.nonce, {
      authTagLength: TAG_BYTES,
    });
    decipher.setAAD(buf.subarray(0, header.headerLength));
    const end = header.headerLength + header.ciphertextLength;
    decipher.setAuthTag(buf.subarray(end, end + TAG_BYTES));
    payload = Buffer.concat([
      decipher.update(buf.subarray(header.headerLength, end)),
      decipher.final(),
    ]);
  } catch {
    throw new PacketError('decrypt-failed');
  }

  if (payload.length < 4) throw new PacketError('malformed', 'payload');
  const manifestLength = payload.readUInt32BE(0);
  if (
    manifestLength > MAX_MANIFEST_BYTES ||
    payload.length < 4 + manifestLength + SIGNATURE_BYTES
  ) {
    throw new PacketError('malformed', 'manifest length');
  }
  const manifestBytes = payload.subarray(4, 4 + manifestLength);
  const signature = payload.subarray(4 + manifestLength, 4 + manifestLength + SIGNATURE_BYTES);
  const signed = verify(
    null,
    Buffer.concat([SIGNING_PREFIX, manifestBytes]),
    stationKey,
    signature,
  );
  if (!signed) throw new PacketError('bad-signature');

  const manifest = parseManifest(manifestBytes);
  if (manifest.packetId !== header.packetId) throw new PacketError('id-mismatch', 'packetId');
  if (manifest.stationId !== header.stationId) throw new PacketError('id-mismatch', 'stationId');

  const parts = new Map<string, Buffer>();
  let at = 4 + manifestLength + SIGNATURE_BYTES;
  for (const entry of manifest.parts) {
    if (at + entry.byteLength > payload.length) {
      throw new PacketError('part-hash', `part ${entry.name} length`);
    }
    const part = Buffer.from(payload.subarray(at, at + entry.byteLength));
    at += entry.byteLength;
    if (sha256(part) !== entry.sha256) throw new PacketError('part-hash', `part ${entry.name}`);
    checkPartContent(entry.name, entry.mediaType, part);
    parts.set(entry.name, part);
  }
  if (at !== payload.length) throw new PacketError('part-hash', 'bytes after the last part');
  return { manifest, parts, header };
}
