// CSV as Indonesian spreadsheets open it: UTF-8 with a BOM, CRLF, every field quoted, `;` by
// default (Excel and LibreOffice in the Indonesian locale split on `;`; a comma CSV lands in one
// column there) or `,`. A field starting with = + - @ tab or CR is prefixed with ' so a
// spreadsheet never runs it as a formula (CSV injection). Long digit strings in text columns (a
// full NIK) start with a tab: a spreadsheet opening the file by double-click keeps them as text
// with all 16 digits, where it would otherwise turn them into a number and round the last one.
import { parse } from 'csv-parse/sync';

export type CsvDelimiter = ';' | ',';

const BOM = '\uFEFF';

function field(v: string, text: boolean): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : text && /^\d{12,}$/.test(v) ? `\t${v}` : v;
  return `"${safe.replace(/"/g, '""')}"`;
}

export interface CsvOptions {
  delimiter?: CsvDelimiter;
  /** Columns whose digit strings must stay text (NIK, codes). */
  textColumns?: readonly number[];
}

export function writeCsv(rows: string[][], opts: CsvOptions = {}): Buffer {
  const d = opts.delimiter ?? ';';
  const text = new Set(opts.textColumns ?? []);
  const body = rows.map((r) => r.map((v, i) => field(v, text.has(i))).join(d)).join('\r\n');
  return Buffer.from(`${BOM}${body}\r\n`, 'utf8');
}

/** Reads a CSV with csv-parse (`;` or `,`, BOM, quotes): the export's read-back check. */
export function parseCsv(bytes: Uint8Array): string[][] {
  return parse(Buffer.from(bytes), {
    bom: true,
    delimiter: [';', ','],
    relax_column_count: true,
  }) as string[][];
}
