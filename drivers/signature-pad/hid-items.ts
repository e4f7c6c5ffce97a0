// The first pass over a HID report descriptor (HID 1.11, §6.2.2): bytes split into short and
// long items, each with its data as an unsigned and a sign-extended integer.
import { SignaturePadError } from './errors';

export type ItemType = 'main' | 'global' | 'local' | 'reserved' | 'long';

export interface HidItem {
  offset: number;
  type: ItemType;
  /** The 4-bit tag (short items) or bLongItemTag (long items). */
  tag: number;
  /** Data bytes: 0, 1, 2 or 4 for short items; any for long items. */
  data: Uint8Array;
  /** The data as an unsigned little-endian integer (short items). */
  unsigned: number;
  /** The data sign-extended from its own size (short items). */
  signed: number;
}

export function bad(offset: number, why: string): SignaturePadError {
  return new SignaturePadError('BAD_DESCRIPTOR', `${why} at byte ${offset}`);
}

/** Splits a descriptor into items; throws BAD_DESCRIPTOR on a truncated item. */
export function parseItems(bytes: Uint8Array): HidItem[] {
  const items: HidItem[] = [];
  let i = 0;
  while (i < bytes.length) {
    const offset = i;
    const prefix = bytes[i]!;
    if (prefix === 0xfe) {
      // Long item: bDataSize, bLongItemTag, data. None are defined by HID 1.11; kept, not used.
      if (i + 3 > bytes.length) throw bad(offset, 'truncated long item');
      const size = bytes[i + 1]!;
      const tag = bytes[i + 2]!;
      if (i + 3 + size > bytes.length) throw bad(offset, 'truncated long item data');
      items.push({
        offset,
        type: 'long',
        tag,
        data: bytes.slice(i + 3, i + 3 + size),
        unsigned: 0,
        signed: 0,
      });
      i += 3 + size;
      continue;
    }
    const sizeCode = prefix & 0x03;
    const size = sizeCode === 3 ? 4 : sizeCode;
    const typeCode = (prefix >> 2) & 0x03;
    const tag = prefix >> 4;
    if (i + 1 + size > bytes.length) throw bad(offset, 'truncated item');
    const data = bytes.slice(i + 1, i + 1 + size);
    let unsigned = 0;
    for (let b = size - 1; b >= 0; b--) unsigned = unsigned * 256 + data[b]!;
    let signed = unsigned;
    if (size > 0 && unsigned >= 2 ** (8 * size - 1)) signed = unsigned - 2 ** (8 * size);
    items.push({
      offset,
      type: (['main', 'global', 'local', 'reserved'] as const)[typeCode]!,
      tag,
      data,
      unsigned,
      signed,
    });
    i += 1 + size;
  }
  return items;
}
