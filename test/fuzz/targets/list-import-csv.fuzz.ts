import * as fc from 'fast-check';
import { decodeText, parseCsvText } from '../../../src-main/services/queue/list-csv';
import { ListFormatError, validateRows } from '../../../src-main/services/queue/list-rows';
import { defineFuzzTarget } from '../harness';

const enc = new TextEncoder();

/** Cells biased towards what lists hold: NIKs (right, rounded, scientific), quotes, delimiters. */
const cell = fc.oneof(
  fc.constantFrom('NIK', 'NAMA', 'NO. HP/WA', 'ALAMAT LENGKAP', 'NO. KK', 'NO. KTP', ''),
  fc.constantFrom('3201011205900001', "'3201011205900002", '3,27302E+15', '3273016103930000'),
  fc.stringMatching(/^[0-9 +'.,E-]{0,20}$/),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('"', '""', '"a;b"', '\r', '\n', '\u00a0', '\u2019', '\t'),
);
const csv = fc
  .tuple(
    fc.constantFrom(',', ';', '\t'),
    fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 }),
    fc.boolean(),
  )
  .map(([d, rows, bom]) => (bom ? '\ufeff' : '') + rows.map((r) => r.join(d)).join('\r\n'));

/**
 * The CSV half of the list import (decode, delimiter, csv-parse, row checks) on text files and
 * raw bytes (Windows-1252, UTF-16, binary). Property: only ListFormatError is thrown, and every
 * imported NIK is 16 digits present in the file as written — no NIK is ever changed.
 */
export default defineFuzzTarget({
  name: 'list-import-csv',
  arbitrary: fc.oneof(
    csv.map((s) => enc.encode(s)),
    fc.uint8Array({ maxLength: 200 }),
    csv.map((s) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff)),
  ),
  run(bytes) {
    const { text } = decodeText(bytes);
    const parsed = validateRows(parseCsvText(text), 'id');
    const flat = text.replace(/\s/g, '');
    for (const e of parsed.entries) {
      if (!/^\d{16}$/.test(e.nik) || !flat.includes(e.nik)) {
        throw new Error(`NIK changed: ${e.nik}`);
      }
    }
  },
  isExpectedError: (e) => e instanceof ListFormatError,
  // Inputs are at most a few hundred bytes (a case takes ~1–5 ms); the bound catches a hang, not
  // a GC pause on a machine shared with other jobs.
  maxMsPerCase: 1000,
});
