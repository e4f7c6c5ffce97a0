// Pre-registration lists as villages send them: a CSV with bad rows and an XLSX (a zip of
// SpreadsheetML parts, built here with fflate), imported through the station, then carded in
// bulk and found at the desk.
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Station } from '../../src-main/services/station/station';
import {
  addUser,
  loginAs,
  must,
  openTestStation,
  setUpStation,
  tempDir,
  testClock,
} from '../helpers/station';

const nik = (n: number) => `320101120590${String(n).padStart(4, '0')}`;
const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');

let dir: ReturnType<typeof tempDir>;
let station: Station;

beforeAll(async () => {
  dir = tempDir();
  station = openTestStation(dir.dir, { now: testClock().now });
  await setUpStation(station);
  await addUser(station, 'ani', 'operator');
});

afterAll(() => {
  station?.close();
  dir?.cleanup();
});

function xlsx(rows: (string | number)[][]): Uint8Array {
  const shared: string[] = [];
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const col = (i: number) => String.fromCharCode(65 + i);
  const sheetRows = rows
    .map((r, ri) => {
      const cells = r
        .map((v, ci) => {
          const ref = `${col(ci)}${ri + 1}`;
          if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
          shared.push(v);
          return `<c r="${ref}" t="s"><v>${shared.length - 1}</v></c>`;
        })
        .join('');
      return `<row r="${ri + 1}">${cells}</row>`;
    })
    .join('');
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'xl/workbook.xml': strToU8(
      '<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/sharedStrings.xml': strToU8(
      `<sst>${shared.map((s) => `<si><t xml:space="preserve">${esc(s)}</t></si>`).join('')}</sst>`,
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      `<worksheet><sheetData>${sheetRows}</sheetData></worksheet>`,
    ),
  });
}

describe('pre-registration list import', () => {
  it('imports the good rows of a CSV and names the bad ones with row and reason', async () => {
    await loginAs(station, 'sari', 'rahasia-sari-1');
    const csv = [
      '\uFEFFNo;NIK;Nama;Alamat;No HP',
      `1;${nik(1)};Budi Santoso;"Jl. Mawar 5; RT 1";0812 3456 7890`,
      `2;3201011205;Siti;Jl. Melati;`,
      `3;${nik(3)};;Jl. Kenanga;`,
      `4;${nik(4)};Ani;Jl. Anggrek;12ab`,
      `5;${nik(1)};Budi Lagi;Jl. Mawar 5;`,
      `6;3201013205900006;Tono;Jl. Dahlia;`,
      '',
      `8;${nik(8)};Dewi;Jl. Teratai;+6281234567890`,
    ].join('\r\n');
    const r = await must(station, 'queue.importList', {
      name: 'Desa Cibinong Mei',
      fileName: 'cibinong.csv',
      contentBase64: b64(csv),
    });
    expect(r.imported).toBe(2);
    expect(r.rejected.map((x) => x.row)).toEqual([3, 4, 5, 6, 7]);
    const reason = (row: number) => r.rejected.find((x) => x.row === row)!.reason;
    expect(reason(3)).toMatch(/NIK harus 16 angka, yang diisi 10 angka/);
    expect(reason(4)).toMatch(/Nama kosong/);
    expect(reason(5)).toMatch(/Nomor telepon tidak valid/);
    expect(reason(6)).toMatch(/NIK sama dengan baris 2/);
    expect(reason(7)).toMatch(/Bagian tanggal NIK/);
    expect(r.list).toMatchObject({ entries: 2, rejected: 5, carded: 0 });

    const entries = await must(station, 'queue.listEntries', { listId: r.list.id });
    expect(entries.map((e) => [e.row, e.name, e.address, e.phone])).toEqual([
      [2, 'BUDI SANTOSO', 'Jl. Mawar 5; RT 1', '081234567890'],
      [9, 'DEWI', 'Jl. Teratai', '+6281234567890'],
    ]);

    // Cards in bulk, then found at the desk by NIK or name.
    const bulk = await must(station, 'queue.issueForList', { listId: r.list.id });
    expect(bulk.issued.map((c) => c.number)).toEqual(['A-001', 'A-002']);
    const again = await must(station, 'queue.issueForList', { listId: r.list.id });
    expect(again.issued).toHaveLength(0);
    expect(again.existing).toHaveLength(2);

    await loginAs(station, 'ani');
    const byNik = await must(station, 'queue.search', {
      query: `${nik(8).slice(0, 4)} ${nik(8).slice(4)}`,
    });
    expect(byNik.entries.map((e) => [e.name, e.cardNumber])).toEqual([['DEWI', 'A-002']]);
    const byName = await must(station, 'queue.search', { query: 'santo' });
    expect(byName.entries[0]?.name).toBe('BUDI SANTOSO');
    expect(byName.cards[0]?.number).toBe('A-001');
  });

  it('reads an XLSX (shared strings; a NIK stored as a number is refused, never imported)', async () => {
    await loginAs(station, 'sari', 'rahasia-sari-1');
    const file = xlsx([
      ['NIK', 'NAMA', 'ALAMAT', 'TELEPON'],
      [nik(20), 'Rina & Rudi', 'Jl. <Baru>', '081234567890'],
      // Excel keeps 15 significant digits: a NIK typed as a number is already wrong.
      [3201011205900021, 'Angka', 'Jl. X', ''],
      ['bukan nik', 'Salah', '', ''],
    ]);
    const r = await must(station, 'queue.importList', {
      name: 'Sekolah',
      fileName: 'sekolah.xlsx',
      contentBase64: b64(file),
    });
    expect(r.imported).toBe(1);
    const entries = await must(station, 'queue.listEntries', { listId: r.list.id });
    expect(entries[0]).toMatchObject({ row: 2, name: 'RINA & RUDI', address: 'Jl. <Baru>' });
    expect(r.rejected.map((x) => x.row)).toEqual([3, 4]);
    expect(r.rejected[0]!.reason).toMatch(/kolom NIK diformat sebagai angka oleh Excel/);
    expect(r.rejected[1]!.reason).toMatch(/hanya boleh berisi angka/);
    expect(r).toMatchObject({ sheet: 'Data', sheets: ['Data'], unusedColumns: [] });
  });

  it('refuses a file it cannot read or without the needed columns, importing nothing', async () => {
    const before = (await must(station, 'queue.lists', {})).length;
    const noHeader = await station.call('queue.importList', {
      name: 'x',
      fileName: 'x.csv',
      contentBase64: b64('a,b,c\n1,2,3\n'),
    });
    expect(!noHeader.ok && noHeader.error.message).toMatch(
      /Kolom yang diperlukan: NIK \(atau NO. KTP\), NAMA/,
    );
    const broken = await station.call('queue.importList', {
      name: 'x',
      fileName: 'x.xlsx',
      contentBase64: b64(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3])),
    });
    expect(!broken.ok && broken.error.message).toMatch(/tidak bisa dibaca/);
    const binary = await station.call('queue.importList', {
      name: 'x',
      fileName: 'x.csv',
      contentBase64: b64(new Uint8Array([0x4e, 0x49, 0x4b, 0, 0, 1, 2])),
    });
    expect(!binary.ok && binary.error.message).toMatch(/tidak bisa dibaca/);
    expect(await must(station, 'queue.lists', {})).toHaveLength(before);
  });
});
