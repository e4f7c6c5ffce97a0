import { PacketError } from './errors';
import { ID_RE } from './manifest';

/**
 * The outer, cleartext header of a packet (see docs/packet-format.md). Every byte of it is
 * authenticated as AES-GCM additional data, so it can be read before decryption (to pick the
 * station key, to refuse early) but not altered.
 */
export const MAGIC = Buffer.from('RKMP', 'ascii');
export const FORMAT_VERSION = 1;
export const EPHEMERAL_KEY_BYTES = 32;
export const SALT_BYTES = 32;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const SIGNATURE_BYTES = 64;
/** Default ceiling for a sealed packet (photo ≈ 50 KB, ten fingers ≈ 10 × 40 KB, signature). */
export const DEFAULT_MAX_PACKET_BYTES = 2 * 1024 * 1024;
/** A manifest is a few kilobytes; anything near this is not a manifest. */
export const MAX_MANIFEST_BYTES = 256 * 1024;

export interface PacketHeader {
  version: number;
  flags: number;
  packetId: string;
  stationId: string;
  ephemeralPublicKey: Buffer;
  salt: Buffer;
  nonce: Buffer;
  ciphertextLength: number;
  /** Length of the header in bytes (= offset of the ciphertext). */
  headerLength: number;
}

function idBytes(value: string, what: string): Buffer {
  if (!ID_RE.test(value)) throw new PacketError('schema', `${what} must match ${ID_RE.source}`);
  return Buffer.from(value, 'ascii');
}

export function encodeHeader(h: Omit<PacketHeader, 'headerLength' | 'version' | 'flags'>): Buffer {
  const pid = idBytes(h.packetId, 'packetId');
  const sid = idBytes(h.stationId, 'stationId');
  const fixed = Buffer.alloc(2);
  fixed.writeUInt8(FORMAT_VERSION, 0);
  fixed.writeUInt8(0, 1);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(h.ciphertextLength, 0);
  return Buffer.concat([
    MAGIC,
    fixed,
    Buffer.from([pid.length]),
    pid,
    Buffer.from([sid.length]),
    sid,
    h.ephemeralPublicKey,
    h.salt,
    h.nonce,
    len,
  ]);
}

/**
 * Reads the header and checks the overall length against it. Throws PacketError with
 * truncated / bad-magic / unsupported-version / malformed.
 */
export function decodeHeader(bytes: Uint8Array): PacketHeader {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < MAGIC.length) throw new PacketError('truncated', 'shorter than the magic');
  if (!b.subarray(0, 4).equals(MAGIC)) throw new PacketError('bad-magic');
  if (b.length < 6) throw new PacketError('truncated', 'header');
  const version = b.readUInt8(4);
  if (version !== FORMAT_VERSION)
    throw new PacketError('unsupported-version', `version ${version}`);
  const flags = b.readUInt8(5);
  if (flags !== 0) throw new PacketError('malformed', 'reserved flags set');
  let at = 6;
  const readId = (what: string): string => {
    if (b.length < at + 1) throw new PacketError('truncated', 'header');
    const n = b.readUInt8(at);
    at += 1;
    if (b.length < at + n) throw new PacketError('truncated', 'header');
    const s = b.subarray(at, at + n).toString('latin1');
    at += n;
    if (!ID_RE.test(s)) throw new PacketError('malformed', `${what} in header`);
    return s;
  };
  const packetId = readId('packetId');
  const stationId = readId('stationId');
  const rest = EPHEMERAL_KEY_BYTES + SALT_BYTES + NONCE_BYTES + 4;
  if (b.length < at + rest) throw new PacketError('truncated', 'header');
  const ephemeralPublicKey = Buffer.from(b.subarray(at, at + EPHEMERAL_KEY_BYTES));
  at += EPHEMERAL_KEY_BYTES;
  const salt = Buffer.from(b.subarray(at, at + SALT_BYTES));
  at += SALT_BYTES;
  const nonce = Buffer.from(b.subarray(at, at + NONCE_BYTES));
  at += NONCE_BYTES;
  const ciphertextLength = b.readUInt32BE(at);
  at += 4;
  const expected = at + ciphertextLength + TAG_BYTES;
  if (b.length < expected) throw new PacketError('truncated', `${b.length} of ${expected} bytes`);
  if (b.length > expected) throw new PacketError('malformed', 'bytes after the tag');
  return {
    version,
    flags,
    packetId,
    stationId,
    ephemeralPublicKey,
    salt,
    nonce,
    ciphertextLength,
    headerLength: at,
  };
}
