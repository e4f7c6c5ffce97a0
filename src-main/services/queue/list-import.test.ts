import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeText, detectDelimiter, parseCsvText } from './list-csv';
import { parseListFile } from './list-import';
import { ListFormatError, normalizeHeader, validateRows } from './list-rows';
import { workerListImporter } from './list-import-run';
import { ZipError, unzipBounded } from './list-zip';

const rows = (lines: string[][]) =>
  lines.map((cells, i) => ({ row: i + 1, cells: cells.map((text) => ({ text, numeric: false })) }));

describe('list import: text files', () => {
  it('decodes Windows-1252 0x80–0x9F as the characters Excel meant, not C1 controls', () => {
    const bytes = Uint8Array.from([
      0x80, 0x85, 0x91, 0x92, 0x93, 0x94, 0x96, 0x97, 0x99, 0x9f, 0xa0, 0xe9,
    ]);
    expect(decodeText(bytes)).toEqual({ text: '€…‘’“”–—™Ÿ\u00a0é', encoding: 'windows-1252' });
  });

  it('reads UTF-8 with and without BOM and UTF-16 with BOM', () => {
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41, 0xc3, 0xa9]))).toEqual({
      text: 'Aé',
      encoding: 'utf-8',
    });
    expect(decodeText(new TextEncoder().encode('Ṣaliḥ'))).toEqual({
      text: 'Ṣaliḥ',
      encoding: 'utf-8',
    });
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0x41, 0, 0x19, 0x20]))).toEqual({
      text: 'A’',
      encoding: 'utf-16le',
    });
  });

  it('detects , ; and tab, also under a title line and with delimiters inside quotes', () => {
    expect(detectDelimiter('NIK,NAMA,ALAMAT\n1,2,3\n')).toBe(',');
    expect(detectDelimiter('DAFTAR DESA, KEC. X\nNIK;NAMA;ALAMAT\n1;"a, b";3\n4;5;6\n')).toBe(';');
    expect(detectDelimiter('NIK\tNAMA\tHP\n1\t2\t3\n')).toBe('\t');
  });

  it('gives spreadsheet row numbers: a quoted line break stays one row, empty lines count', () => {
    const r = parseCsvText('NIK;NAMA\n1;"a\nb"\n\n2;c\n');
    expect(r.map((x) => [x.row, x.cells.map((c) => c.text)])).toEqual([
      [1, ['NIK', 'NAMA']],
      [2, ['1', 'a\nb']],
      [3, ['']],
      [4, ['2', 'c']],
    ]);
  });

  it('recognises Indonesian header variants and reports the columns it did not use', () => {
    expect(normalizeHeader(' NO.\u00a0HP/WA ')).toBe('no hp wa');
    const parsed = validateRows(
      rows([
        ['No', 'NO. KTP', 'NAMA LENGKAP', 'ALAMAT LENGKAP', 'NO. HP/WA', 'Nomor KK', 'Tgl Lahir'],
        ['1', '3201011205900001', 'budi', 'Jl. A', '0812 3456 7890', '3201010101150003', 'x'],
      ]),
      'id',
    );
    expect(parsed.entries).toEqual([
      { row: 2, nik: '3201011205900001', name: 'BUDI', address: 'Jl. A', phone: '081234567890' },
    ]);
    expect(parsed.unusedColumns).toEqual(['No', 'Tgl Lahir']);
  });

  it('refuses NIKs that went through a number with the message that says how to fix it', () => {
    const parsed = validateRows(
      rows([
        ['NIK', 'NAMA'],
        ['3,27302E+15', 'A'],
        ['3.20101E+15', 'B'],
        ['3201011205900001.0', 'C'],
        ['3273016103930000', 'D'],
      ]),
      'en',
    );
    expect(parsed.entries).toEqual([]);
    for (const r of parsed.rejected) {
      expect(r.reason).toMatch(/formatted as a number by Excel; format the column as Text/);
    }
  });
});

describe('list import: XLSX', () => {
  it('refuses an entry that inflates past its cap, whatever its header claims', () => {
    const zip = zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(2 * 1024 * 1024) });
    const limits = { maxEntryBytes: 1024 * 1024, maxTotalBytes: 4 * 1024 * 1024, maxEntries: 10 };
    expect(() => unzipBounded(zip, () => true, limits)).toThrow(ZipError);
    const ok = unzipBounded(zip, () => true, { ...limits, maxEntryBytes: 2 * 1024 * 1024 });
    expect(ok.get('xl/worksheets/sheet1.xml')?.length).toBe(2 * 1024 * 1024);
  });

  it('a damaged zip is a ListFormatError, never a crash', async () => {
    const zip = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') });
    zip[zip.length - 30] = zip[zip.length - 30]! ^ 0xff;
    await expect(parseListFile(zip, 'id')).rejects.toBeInstanceOf(ListFormatError);
  });
});

describe('list import: worker', () => {
  it('ends a worker that runs past its time limit; the next file gets a new one', async () => {
    const csv = new TextEncoder().encode('NIK;NAMA\n3201011205900001;Budi\n');
    const slow = workerListImporter({ timeoutMs: 1 });
    await expect(slow.parse(csv, 'id', null)).rejects.toMatchObject({ message: 'timeout' });
    const importer = workerListImporter();
    const parsed = await importer.parse(csv, 'id', null);
    expect(parsed.entries.map((e) => e.nik)).toEqual(['3201011205900001']);
  });
});
