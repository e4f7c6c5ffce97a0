// Bounded unzip for the XLSX lists people bring. An XLSX is a zip; a hostile one (a "zip bomb")
// expands a few KB into gigabytes. Here every entry is inflated with a hard output limit, the
// total is capped, and only the parts a list needs are kept — the spreadsheet library then only
// ever sees bytes that were already bounded.
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  /** Largest uncompressed entry. */
  maxEntryBytes: number;
  /** Largest sum of the kept entries, uncompressed. */
  maxTotalBytes: number;
  /** Most entries in the central directory. */
  maxEntries: number;
}

export const LIST_ZIP_LIMITS: ZipLimits = {
  maxEntryBytes: 24 * 1024 * 1024,
  maxTotalBytes: 40 * 1024 * 1024,
  maxEntries: 2000,
};

/** Why a zip was refused: `tooBig` is a bomb or a huge sheet, the rest is a damaged file. */
export class ZipError extends Error {
  constructor(
    readonly kind: 'tooBig' | 'damaged' | 'unsupported',
    message: string,
  ) {
    super(message);
  }
}

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) =>
  (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16) | (b[o + 3]! << 24)) >>> 0;

function endOfCentralDirectory(b: Uint8Array): number {
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 5 && b[i + 3] === 6) return i;
  }
  throw new ZipError('damaged', 'no end of central directory');
}

/**
 * Reads the entries `keep` accepts, each inflated with a cap; refuses encrypted, ZIP64 and
 * unknown-method entries. Names are the zip's own ('xl/workbook.xml').
 */
export function unzipBounded(
  bytes: Uint8Array,
  keep: (name: string) => boolean,
  limits: ZipLimits = LIST_ZIP_LIMITS,
): Map<string, Uint8Array> {
  const eocd = endOfCentralDirectory(bytes);
  const count = u16(bytes, eocd + 10);
  const cdOffset = u32(bytes, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipError('unsupported', 'zip64');
  if (count > limits.maxEntries) throw new ZipError('tooBig', `${count} entries`);
  const out = new Map<string, Uint8Array>();
  let total = 0;
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || u32(bytes, p) !== 0x02014b50) {
      throw new ZipError('damaged', 'central directory');
    }
    const flags = u16(bytes, p + 8);
    const method = u16(bytes, p + 10);
    const crc = u32(bytes, p + 16);
    const csize = u32(bytes, p + 20);
    const usize = u32(bytes, p + 24);
    const nameLen = u16(bytes, p + 28);
    const skip = nameLen + u16(bytes, p + 30) + u16(bytes, p + 32);
    const local = u32(bytes, p + 42);
    if (p + 46 + nameLen > bytes.length) throw new ZipError('damaged', 'central directory');
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    p += 46 + skip;
    if (!keep(name)) continue;
    if (out.has(name)) throw new ZipError('damaged', 'duplicate entry');
    if (flags & 1) throw new ZipError('unsupported', 'encrypted');
    if (csize === 0xffffffff || usize === 0xffffffff) throw new ZipError('unsupported', 'zip64');
    if (local + 30 > bytes.length || u32(bytes, local) !== 0x04034b50) {
      throw new ZipError('damaged', 'local header');
    }
    const start = local + 30 + u16(bytes, local + 26) + u16(bytes, local + 28);
    if (start + csize > bytes.length) throw new ZipError('damaged', 'truncated entry');
    const raw = bytes.subarray(start, start + csize);
    // The declared size is not trusted: the cap applies to what inflating really produces.
    const cap = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total);
    let data: Uint8Array;
    if (method === 0) {
      if (raw.length > cap) throw new ZipError('tooBig', name);
      data = raw;
    } else if (method === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, cap) });
      } catch (err) {
        if (err instanceof RangeError || (err as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
          throw new ZipError('tooBig', name);
        throw new ZipError('damaged', `inflate ${name}`);
      }
    } else throw new ZipError('unsupported', `method ${method}`);
    if (crc32(data) !== crc) throw new ZipError('damaged', `crc ${name}`);
    total += data.length;
    out.set(name, data);
  }
  return out;
}
