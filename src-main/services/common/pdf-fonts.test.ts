// Every name prints: the receipt, the daily report and the queue card embed DejaVu Sans, so
// names outside WinAnsi render (pdftoppm) and extract (pdftotext) as written, and the daily
// report is a valid PDF/A file (qpdf --check, the XMP claim and an output intent).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderDailyReport } from '../exports/daily-report';
import type { ExportRow } from '../exports/data';
import { renderCardPdf } from '../queue/card-print';
import { renderReceipt } from '../recording/receipt';
import { tempDir } from '../../../test/helpers/station';

const NAMES = ['ṢALIḤ BIN ʿUMAR', "NUR'AINI", 'MUÑOZ Ñ', 'GÖTZ Ö'];
const dir = tempDir('rekam-pdf-fonts-');
afterAll(() => dir.cleanup());

function save(name: string, pdf: Buffer): string {
  const file = join(dir.dir, name);
  writeFileSync(file, pdf);
  return file;
}
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { encoding: 'utf8' });
/** pdftotext, with the line breaks and spacing of the layout flattened. */
const text = (file: string) => run('pdftotext', ['-enc', 'UTF-8', file, '-']).normalize('NFC');

/** Every font of the file is embedded and has a ToUnicode map (pdffonts: emb yes, uni yes). */
function fontsEmbedded(file: string): string[] {
  const lines = run('pdffonts', [file]).split('\n').slice(2).filter(Boolean);
  expect(lines.length).toBeGreaterThan(0);
  for (const l of lines) expect(l).toMatch(/\byes\s+yes\s+yes\s+\d+\s+\d+\s*$/);
  return lines.map((l) => l.split(/\s+/)[0]!);
}

/** Renders page 1 at 110 dpi into test-results/pdf/ (kept, to look at). */
function render(file: string): void {
  const out = resolve('test-results', 'pdf');
  mkdirSync(out, { recursive: true });
  const base = join(out, basename(file, '.pdf'));
  run('pdftoppm', ['-png', '-r', '110', '-f', '1', '-l', '1', '-singlefile', file, base]);
  expect(readFileSync(`${base}.png`).subarray(1, 4).toString()).toBe('PNG');
}

const row = (i: number, name: string): ExportRow => ({
  id: `R-${i}`,
  status: 'sealed',
  nik: `320101120590000${i}`,
  name,
  sex: 'LAKI-LAKI',
  villageCode: '3201012001',
  operator: 'ani',
  operatorName: 'Ani Rahayu',
  createdAt: new Date(2025, 5, 10, 9, i).toISOString(),
  sealedAt: new Date(2025, 5, 10, 9, i + 5).toISOString(),
  packetId: null,
  centralStatus: null,
  exportedAt: null,
});

describe('PDFs embed a Unicode font', () => {
  it('receipt: the name prints and extracts as written', async () => {
    const file = save(
      'receipt.pdf',
      await renderReceipt({
        packetId: 'P-20250610-ABCDEF',
        recordingId: 'R-1',
        name: NAMES[0]!,
        nik: '3201011205900001',
        sealedAt: new Date(2025, 5, 10, 9, 5),
        stationName: 'Kantor Kecamatan Cibinong',
        stationId: 'ST-01',
        kecamatanName: 'Ñ Ö',
        operator: "NUR'AINI",
      }),
    );
    const t = text(file);
    expect(t).toContain(NAMES[0]);
    expect(t).toContain("NUR'AINI");
    expect(t).toContain('Ñ Ö');
    expect(t).toContain('GRATIS — tidak dipungut biaya');
    expect(fontsEmbedded(file).every((f) => /DejaVuSans/.test(f))).toBe(true);
    render(file);
    run('qpdf', ['--check', file]);
  });

  it('daily report: PDF/A-2b, every name in the list extracts as written', async () => {
    const file = save(
      'report.pdf',
      await renderDailyReport({
        date: new Date(2025, 5, 10),
        stationName: 'Kantor Kecamatan Cibinong',
        stationId: 'ST-01',
        kecamatanName: 'Cibinong',
        rows: NAMES.map((n, i) => row(i + 1, n)),
        supervisorName: 'ṢALIḤ BIN ʿUMAR',
        headTitle: 'Camat',
        headName: 'Drs. GÖTZ',
        generatedAt: new Date(2025, 5, 10, 17, 0),
      }),
    );
    const t = text(file);
    for (const n of NAMES) expect(t).toContain(n);
    fontsEmbedded(file);
    const bytes = readFileSync(file).toString('latin1');
    expect(bytes).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(bytes).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(bytes).toMatch(/\/OutputIntents/);
    expect(run('qpdf', ['--check', file])).toMatch(/No syntax or stream encoding errors/);
    render(file);
  });

  it('queue card: station names outside WinAnsi print too', async () => {
    const file = save(
      'card.pdf',
      await renderCardPdf({
        card: {
          id: 'C-1',
          number: 'A-001',
          lane: 'regular',
          priorityReason: null,
          date: '2025-06-10',
          nik: null,
          name: NAMES[0]!,
          phone: null,
          address: null,
          status: 'waiting',
          issuedAt: new Date(2025, 5, 10).toISOString(),
          issuedBy: 'ani',
          calledAt: null,
          desk: null,
          callCount: 0,
          recordingId: null,
          recordingSealed: false,
          listEntryId: null,
        },
        stationName: 'Kecamatan Ñ Ö ʿ',
      }),
    );
    const t = text(file);
    expect(t).toContain('Kecamatan Ñ Ö ʿ');
    expect(t).toContain('A-001');
    // The card never carries the resident's name.
    expect(t).not.toContain('ṢALIḤ');
    fontsEmbedded(file);
    run('qpdf', ['--check', file]);
    render(file);
  });
});
