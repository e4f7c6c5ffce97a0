import * as fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { parseListFile } from '../../../src-main/services/queue/list-import';
import { ListFormatError } from '../../../src-main/services/queue/list-rows';
import { defineFuzzTarget } from '../harness';

const WORKBOOK =
  '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>';
const RELS =
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

/** Sheet XML from fragments: well-formed rows, numbers, inline strings, and broken pieces. */
const fragment = fc.oneof(
  fc.constantFrom(
    '<row r="1"><c r="A1" t="inlineStr"><is><t>NIK</t></is></c><c r="B1" t="inlineStr"><is><t>NAMA</t></is></c></row>',
    '<row><c t="inlineStr"><is><t>3201011205900001</t></is></c><c t="inlineStr"><is><t>Budi</t></is></c></row>',
    '<row><c><v>3201011205900021</v></c><c t="inlineStr"><is><t>Angka</t></is></c></row>',
    '<row>',
    '</row>',
    '<c t="s"><v>7</v></c>',
    '<c r="ZZZZ99999999"><v>1e308</v></c>',
    '<mergeCells><mergeCell ref="A1:D1"/></mergeCells>',
    '&amp;',
    '<',
  ),
  fc.string({ maxLength: 16 }),
);
const sheetXml = fc
  .array(fragment, { maxLength: 12 })
  .map(
    (parts) =>
      `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${parts.join('')}</sheetData></worksheet>`,
  );
const xlsx = sheetXml.map((sheet) =>
  zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'xl/workbook.xml': strToU8(WORKBOOK),
    'xl/_rels/workbook.xml.rels': strToU8(RELS),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
  }),
);
/** A valid zip with bytes flipped or cut: the bounded unzip must refuse it cleanly. */
const damaged = fc
  .tuple(
    xlsx,
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
    fc.nat(),
  )
  .map(([zip, flips, cut]) => {
    const b = zip.slice(0, zip.length - (cut % 64));
    for (const [at, v] of flips) b[at % b.length] = v;
    return b;
  });

/**
 * The XLSX half of the list import (bounded unzip, exceljs, row checks), called directly as the
 * worker calls it. Property: only ListFormatError is thrown, and every imported NIK is 16 digits
 * that were text in the sheet — a number in the NIK column never becomes a NIK.
 */
export default defineFuzzTarget({
  name: 'list-import-xlsx',
  arbitrary: fc.oneof(
    xlsx,
    damaged,
    fc.uint8Array({ maxLength: 64 }).map((b) => Uint8Array.from([0x50, 0x4b, 3, 4, ...b])),
  ),
  async run(bytes) {
    const parsed = await parseListFile(bytes, 'id');
    for (const e of parsed.entries) {
      if (!/^\d{16}$/.test(e.nik) || e.nik === '3201011205900021') {
        throw new Error(`NIK changed: ${e.nik}`);
      }
    }
  },
  isExpectedError: (e) => e instanceof ListFormatError,
  // Inputs are at most a few hundred bytes (a case takes ~1–5 ms); the bound catches a hang, not
  // a GC pause on a machine shared with other jobs.
  maxMsPerCase: 1000,
});
