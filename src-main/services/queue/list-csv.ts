import { parse as parseCsvSync } from 'csv-parse/sync';
import { ListFormatError, MAX_LIST_COLUMNS, MAX_LIST_ROWS } from './list-rows';
import type { ListRow } from './list-rows';

/** CSV lists: UTF-8 with or without BOM, UTF-16 or Windows-1252; `,` `;` or tab, detected. */

/** Windows-1252 0x80–0x9F (TextDecoder('windows-1252') in Node gives C1 controls there). */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

export function decodeWindows1252(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const part = Array.from(bytes.subarray(i, i + 8192), (b) =>
      b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b,
    );
    s += String.fromCharCode(...part);
  }
  return s;
}

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252 (older Excel "CSV"). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const b = bytes;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(b.subarray(3)), encoding: 'utf-8' };
  }
  if (b[0] === 0xff && b[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(b.subarray(2)), encoding: 'utf-16le' };
  }
  if (b[0] === 0xfe && b[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(b.subarray(2)), encoding: 'utf-16be' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(b), encoding: 'windows-1252' };
  }
}

/** Counts `delim` per record in the first records (quotes respected). */
function fieldCounts(text: string, delim: string, records: number): number[] {
  const counts: number[] = [];
  let n = 0;
  let quoted = false;
  let blank = true;
  for (let i = 0; i < text.length && counts.length < records; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === delim) n++;
    else if (c === '\n' || c === '\r') {
      if (!blank) counts.push(n);
      n = 0;
      blank = true;
      continue;
    }
    blank = false;
  }
  if (!blank && counts.length < records) counts.push(n);
  return counts;
}

/** `,` `;` or tab: the one that splits the first records into the same number of fields most often. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  let best: { d: ',' | ';' | '\t'; score: number } = { d: ',', score: -1 };
  for (const d of [';', ',', '\t'] as const) {
    const counts = fieldCounts(text, d, 30).filter((n) => n > 0);
    const freq = new Map<number, number>();
    for (const n of counts) freq.set(n, (freq.get(n) ?? 0) + 1);
    let score = 0;
    for (const [n, f] of freq) score = Math.max(score, f * 1000 + Math.min(n, 999));
    if (score > best.score) best = { d, score };
  }
  return best.d;
}

export function parseCsvText(text: string): ListRow[] {
  if (text.includes('\u0000')) throw new ListFormatError('binary');
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parseCsvSync(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: 64 * 1024,
      to: MAX_LIST_ROWS + 1,
    }) as string[][];
  } catch (err) {
    throw new ListFormatError(`csv: ${(err as Error).message.slice(0, 60)}`);
  }
  if (records.length > MAX_LIST_ROWS) throw new ListFormatError('tooManyRows');
  // A spreadsheet shows one row per record (even with line breaks inside quotes).
  return records.map((cells, i) => ({
    row: i + 1,
    cells: cells.slice(0, MAX_LIST_COLUMNS).map((text) => ({ text, numeric: false })),
  }));
}
