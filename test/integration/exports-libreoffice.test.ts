// The supervisor's table opened the way a clerk opens it: LibreOffice Calc (headless, Debian's
// libreoffice-calc-nogui) reading the CSV with its default options for the separator, as a
// double-click does, and the XLSX. Read back with openpyxl (not with Rekam's code): every full
// NIK keeps its 16 digits as text, and the XLSX times are real dates.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localIsoDate } from '../../src-main/domain/nik';
import type { Station } from '../../src-main/services/station/station';
import {
  SUPERVISOR,
  addUser,
  loginAs,
  must,
  openTestStation,
  setUpStation,
  tempDir,
  validResident,
} from '../helpers/station';
import { openpyxlSheet, soffice as soffice_ } from '../helpers/office-tools';

const NIKS = ['3201011205900001', '3201015205900002', '3201011205900009'];
const today = localIsoDate(new Date());

let dir: ReturnType<typeof tempDir>;
let station: Station;

beforeAll(async () => {
  dir = tempDir('rekam-exports-lo-');
  station = openTestStation(join(dir.dir, 'station'), { faceDetector: null });
  await setUpStation(station);
  await addUser(station, 'ani', 'operator');
  await loginAs(station, 'ani');
  for (const [i, nik] of NIKS.entries()) {
    await must(station, 'recordings.saveDraft', {
      resident: validResident({
        nik,
        name: ['ṢALIḤ BIN ʿUMAR', "NUR'AINI", 'MUÑOZ'][i]!,
        sex: i === 1 ? 'PEREMPUAN' : 'LAKI-LAKI',
      }),
    });
  }
  await loginAs(station, SUPERVISOR.username, SUPERVISOR.password);
}, 60_000);

afterAll(() => {
  station?.close();
  dir?.cleanup();
});

const soffice = (file: string, to: string, infilter?: string) =>
  soffice_(dir.dir, file, to, infilter);
const openpyxlCells = (file: string) => openpyxlSheet(file).rows;

describe('exports opened by LibreOffice', () => {
  it('CSV with full NIKs (`;` and `,`): every NIK keeps all 16 digits as text', async () => {
    for (const [delimiter, code] of [
      [';', 59],
      [',', 44],
    ] as const) {
      const r = await must(station, 'exports.table', {
        from: today,
        to: today,
        format: 'csv',
        fullNik: true,
        delimiter,
      });
      const name = `nik-${code}.csv`;
      writeFileSync(join(dir.dir, name), Buffer.from(r.base64, 'base64'));
      // Separator, text delimiter ", UTF-8, from line 1; no column types: Calc detects numbers.
      soffice(name, 'xlsx', `CSV:${code},34,76,1`);
      const cells = openpyxlCells(join(dir.dir, name.replace('.csv', '.xlsx')));
      const header = cells[0]!.map(([v]) => v);
      const nik = header.indexOf('NIK');
      const name_ = header.indexOf('Nama');
      expect(nik).toBeGreaterThan(0);
      // Text cells holding the 16 digits behind the invisible tab that kept them text.
      const got = cells.slice(1).map((row) => row[nik]);
      expect(got).toEqual(NIKS.map((n) => [`\t${n}`, 'str']));
      expect(cells[1]![name_]![0]).toBe('ṢALIḤ BIN ʿUMAR');
    }
  });

  it('XLSX: NIKs are text cells, Dibuat is a date cell, as LibreOffice reads them', async () => {
    const r = await must(station, 'exports.table', {
      from: today,
      to: today,
      format: 'xlsx',
      fullNik: true,
    });
    const file = join(dir.dir, 'table.xlsx');
    writeFileSync(file, Buffer.from(r.base64, 'base64'));
    const cells = openpyxlCells(file);
    const header = cells[0]!.map(([v]) => v);
    const nik = header.indexOf('NIK');
    const created = header.indexOf('Dibuat');
    expect(cells.slice(1).map((row) => row[nik])).toEqual(NIKS.map((n) => [n, 'str']));
    for (const row of cells.slice(1)) {
      expect(row[created]![1]).toBe('datetime');
      expect(row[created]![0]).toMatch(new RegExp(`^${today} \\d{2}:\\d{2}:00$`));
    }
    // Calc itself: converting to CSV prints the cells as formatted; NIKs intact, dates as dates.
    soffice('table.xlsx', 'csv:Text - txt - csv (StarCalc):59,34,76,1');
    const csv = readFileSync(join(dir.dir, 'table.csv'), 'utf8');
    for (const n of NIKS) expect(csv).toContain(n);
    expect(csv).toMatch(new RegExp(`${today} \\d{2}:\\d{2}`));
  });
});
