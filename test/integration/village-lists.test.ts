// "Daftar KTP-el siap diambil" written by a real station and read
// with tools Rekam did not write: poppler's pdftotext and qpdf for the PDF, openpyxl and
// LibreOffice Calc (headless) for the XLSX. 45 cards wait in one village (two A4 pages), two in
// another; the list holds only the village's own, in RW/RT/name order, NIKs masked unless asked.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { daysWaiting } from '../../src-main/domain/cards';
import { maskNik } from '../../src-main/domain/nik';
import type { Station } from '../../src-main/services/station/station';
import { confirmBatchArrival, markHandedOver, upsertBatch } from '../../src-main/store/cards-repo';
import { insertHandover } from '../../src-main/store/handover-repo';
import { openStore } from '../helpers/sync-fixtures';
import { openpyxlSheet, soffice } from '../helpers/office-tools';
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

const VILLAGE = '32.01.01.1001';
const OTHER = '32.01.01.1002';
const nik = (i: number) => `320101120590${String(i + 1).padStart(4, '0')}`;
/** Resident i: RW 1–3 and RT 1–4 from i, a name that sorts against that order. */
const resident = (i: number) =>
  validResident({
    nik: nik(i),
    name:
      i === 0
        ? 'ṢALIḤ BIN ʿUMAR'
        : `WARGA ${String.fromCharCode(90 - (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`,
    rt: String(1 + (i % 4)),
    rw: String(3 - (i % 3)),
    address:
      i === 1
        ? 'KP. BABAKAN SIRNA GANG HAJI DAHLAN NO. 117 BLOK C (BELAKANG MASJID AL-IKHLAS)'
        : `JL. MAWAR NO. ${i}`,
    villageCode: i >= 45 ? OTHER : VILLAGE,
  });
const N = 47;
const DAY = 86_400_000;

let dir: ReturnType<typeof tempDir>;
let station: Station;
let db: Database;
const ids: string[] = [];
const arrivedAt = new Map<string, string>();

beforeAll(async () => {
  dir = tempDir('rekam-village-lists-');
  station = openTestStation(join(dir.dir, 'station'), { faceDetector: null });
  await setUpStation(station);
  await addUser(station, 'ani', 'operator');
  await loginAs(station, 'ani');
  for (let i = 0; i < N; i++) {
    ids.push((await must(station, 'recordings.saveDraft', { resident: resident(i) })).id);
  }
  db = openStore(join(dir.dir, 'station'));
  // Two batches: one arrived 40 days ago (the first ten cards), one an hour ago.
  const batches: [string, string[], string][] = [
    ['B-OLD', ids.slice(0, 10), new Date(Date.now() - 40 * DAY).toISOString()],
    ['B-NEW', ids.slice(10), new Date(Date.now() - 3_600_000).toISOString()],
  ];
  for (const [batchNo, cards, at] of batches) {
    const refs = cards.map((id) => ({
      recordingId: id,
      villageCode: ids.indexOf(id) >= 45 ? OTHER : VILLAGE,
    }));
    const b = { batchNo, dispatchedAt: at, declaredCount: cards.length, verdictJson: '{}' };
    upsertBatch(db, b, refs, at);
    const a = { batchNo, at, confirmedBy: 'sari', receivedCount: cards.length, discrepancy: null };
    confirmBatchArrival(db, a);
    for (const id of cards) arrivedAt.set(id, at);
  }
  await loginAs(station, SUPERVISOR.username, SUPERVISOR.password);
}, 120_000);

afterAll(() => {
  db?.close();
  station?.close();
  dir?.cleanup();
});

/** Residents of the village in the list's order: RW, RT, then name. */
function expectedOrder(): number[] {
  return Array.from({ length: 45 }, (_, i) => i).sort((a, b) => {
    const ra = resident(a);
    const rb = resident(b);
    return (
      Number(ra.rw) - Number(rb.rw) ||
      Number(ra.rt) - Number(rb.rt) ||
      ra.name.localeCompare(rb.name, 'id')
    );
  });
}

function save(name: string, base64: string): string {
  const file = join(dir.dir, name);
  writeFileSync(file, Buffer.from(base64, 'base64'));
  return file;
}

const pdfText = (file: string) =>
  execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

describe('lists for villages', () => {
  it('lists the villages with cards waiting and their counts', async () => {
    const villages = await must(station, 'exports.villages', {});
    expect(villages.map((v) => [v.villageCode, v.waiting])).toEqual([
      [VILLAGE, 45],
      [OTHER, 2],
    ]);
    expect(villages[0]!.villageName).not.toBe('');
  });

  it('PDF: A4 pages qpdf accepts, the header, every card in order, NIKs masked', async () => {
    const [village] = await must(station, 'exports.villages', {});
    const r = await must(station, 'exports.villageList', { villageCode: VILLAGE, format: 'pdf' });
    expect(r.rows).toBe(45);
    expect(r.pages).toBe(2);
    expect(r.fileName).toMatch(/^ktp-siap-diambil-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.pdf$/);
    const file = save('list.pdf', r.base64);
    execFileSync('qpdf', ['--check', file], { stdio: 'pipe' });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+2/);
    expect(info).toMatch(/Page size:\s+595\.2\d? x 841\.8\d? pts \(A4\)/);
    const text = pdfText(file);
    expect(text).toContain('DAFTAR KTP-el SIAP DIAMBIL');
    expect(text).toContain(village!.villageName);
    expect(text).toContain('45 KTP-el menunggu diambil');
    expect(text).toMatch(/Kecamatan\s+: \S+/);
    expect(text).toContain('Halaman 2 dari 2');
    // The column header repeats on the second page.
    expect(text.split('\f')[1]).toContain('RT/RW');
    // The long address wraps instead of being cut.
    expect(text.replace(/\s+/g, ' ')).toMatch(/BELAKANG\s+MASJID/);
    let at = -1;
    for (const i of expectedOrder()) {
      const name = resident(i).name;
      const pos = text.indexOf(name.includes('WARGA') ? `${name} ` : name, at + 1);
      expect(pos, name).toBeGreaterThan(at);
      at = pos;
    }
    for (let i = 0; i < 45; i++) {
      expect(text).toContain(maskNik(nik(i)));
      expect(text).not.toContain(nik(i));
    }
    expect(text).not.toContain(resident(45).name);
    // Days waiting: 40 for the old batch.
    expect(daysWaiting(arrivedAt.get(ids[0]!)!, new Date())).toBe(40);
    expect(text).toMatch(/001\/003\s+JL\. MAWAR NO\. \d+\s+\S+\s+40\s*$/m);
  });

  it('PDF with full NIKs on request: in the file, the exports log and the audit log', async () => {
    const r = await must(station, 'exports.villageList', {
      villageCode: OTHER,
      format: 'pdf',
      fullNik: true,
    });
    expect(r.fileName).toMatch(/-nik-lengkap\.pdf$/);
    const text = pdfText(save('full.pdf', r.base64));
    expect(text).toContain(nik(45));
    expect(text).toContain(nik(46));
    expect(text).toContain('2 KTP-el menunggu diambil');
    const log = await must(station, 'exports.log', { limit: 5 });
    expect(log[0]).toMatchObject({ fileName: r.fileName, fullNik: true, rows: 2, kind: 'pdf' });
    const audit = await must(station, 'audit.list', {});
    const entry = audit.find((e) => e.target === r.fileName);
    expect(entry?.action).toBe('export.village-list-full-nik');
  });

  it('XLSX: openpyxl reads text NIKs, date cells and numbers; LibreOffice opens it', async () => {
    const r = await must(station, 'exports.villageList', { villageCode: VILLAGE, format: 'xlsx' });
    expect(r.rows).toBe(45);
    const file = save('list.xlsx', r.base64);
    const out = openpyxlSheet(file);
    const cells = out.rows;
    expect(cells[0]![0]![0]).toBe('DAFTAR KTP-el SIAP DIAMBIL');
    expect(cells[4]![2]![0]).toBe('45 KTP-el menunggu diambil');
    expect(cells[6]!.map(([v]) => v)).toEqual([
      'No',
      'Nama',
      'NIK',
      'RT/RW',
      'Alamat',
      'Tiba di kecamatan',
      'Menunggu (hari)',
    ]);
    expect(out.freeze).toBe('A8');
    expect(out.paperSize).toBe('9');
    const data = cells.slice(7);
    expect(data).toHaveLength(45);
    const order = expectedOrder();
    data.forEach((row, k) => {
      const i = order[k]!;
      expect(row[0]).toEqual([String(k + 1), 'int']);
      expect(row[1]).toEqual([resident(i).name, 'str']);
      expect(row[2]).toEqual([maskNik(nik(i)), 'str']);
      expect(row[3]![1]).toBe('str');
      expect(row[5]![1]).toBe('datetime');
      expect(row[6]).toEqual([String(daysWaiting(arrivedAt.get(ids[i]!)!, new Date())), 'int']);
    });
    soffice(dir.dir, file, 'csv:Text - txt - csv (StarCalc):59,34,76,1');
    const csv = readFileSync(join(dir.dir, 'list.csv'), 'utf8');
    expect(csv).toContain('ṢALIḤ BIN ʿUMAR');
    expect(csv).toContain(maskNik(nik(0)));
    expect(csv).toMatch(/"?001\/003"?;/);
  });

  it("the Laporan Harian adds the day's handovers and the cards waiting by age", async () => {
    // One card of the other village delivered on a round to a family member, now.
    const at = new Date().toISOString();
    const id = ids[46]!;
    db.prepare("UPDATE cards SET state = 'on_round', round_id = 'RD1' WHERE recording_id = ?").run(
      id,
    );
    expect(markHandedOver(db, { recordingId: id, at, kind: 'round', byProxy: true })).toBe(true);
    insertHandover(db, {
      id: 'H1',
      recordingId: id,
      kind: 'round',
      roundId: 'RD1',
      verification: 'visual',
      finger: null,
      score: null,
      visualReason: 'jari luka',
      byProxy: true,
      proxyName: 'SITI AMINAH',
      proxyNik: '3201015205900002',
      proxyRelation: 'istri',
      signaturePng: null,
      handedOverAt: at,
      operatorId: (
        db.prepare("SELECT id FROM users WHERE username = 'ani'").get() as {
          id: string;
        }
      ).id,
      recordJson: '{}',
      recordSignature: 'x',
    });
    const today = new Date();
    const p2 = (n: number) => String(n).padStart(2, '0');
    const date = `${today.getFullYear()}-${p2(today.getMonth() + 1)}-${p2(today.getDate())}`;
    const r = await must(station, 'exports.dailyReport', { date });
    const text = pdfText(save('report.pdf', r.base64));
    expect(text).toContain('Penyerahan KTP-el');
    expect(text).toMatch(
      /Diserahkan kepada warga: 1 \(diantar ke rumah 1, diwakilkan keluarga 1\)/,
    );
    expect(text).toMatch(
      /Menunggu diambil di kecamatan: 46 \(< 7 hari: 36; 7–30 hari: 0; > 30 hari: 10\)/,
    );
  });

  it('a village with no card waiting gets a clear answer, not an empty file', async () => {
    const r = await station.call('exports.villageList', {
      villageCode: '32.01.01.1003',
      format: 'xlsx',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('NOT_FOUND');
  });
});
