// "Laporan Harian Perekaman KTP-el": the day's work of one station on A4, for the supervisor
// and the head of office to sign. Names appear with the NIK masked (the printout travels).
// PDF/A-2b with an embedded Unicode font: it is kept, and every name must print as written.
import { inflateSync } from 'node:zlib';
import { formatClock, formatWeekdayDay, localDay } from '../../domain/format-date';
import { maskNik } from '../../domain/nik';
import type { HeadTitle } from '../../api/contract-exports';
import type { RecapHandover } from '../../api/contract-supervisor';
import type { ExportRow } from './data';
import { FONT, pdfBytes, pdfModules, registerPdfFonts } from '../common/pdf-fonts';
import { CENTRAL_LABEL, STATUS_LABEL } from './messages';

export interface DailyReportData {
  date: Date;
  stationName: string;
  stationId: string;
  kecamatanName: string;
  rows: readonly ExportRow[];
  supervisorName: string;
  headTitle: HeadTitle;
  headName: string | null;
  generatedAt: Date;
  /** Printed cards handed over that day and waiting at the office; none: no section. */
  handover?: RecapHandover;
}

export const REPORT_TITLE = 'LAPORAN HARIAN PEREKAMAN KTP-el';

export const longDate = (d: Date) => formatWeekdayDay(localDay(d));
const time = (iso: string) => formatClock(new Date(iso));

export interface OperatorTotal {
  operator: string;
  operatorName: string;
  /** Sealed and kept: awaiting review, approved or at the centre. */
  finished: number;
  /** Rejected by the supervisor (redone as a new recording): not finished work. */
  rejected: number;
  drafts: number;
}

export function operatorTotals(rows: readonly ExportRow[]): OperatorTotal[] {
  const by = new Map<string, OperatorTotal>();
  for (const r of rows) {
    const t = by.get(r.operator) ?? {
      operator: r.operator,
      operatorName: r.operatorName,
      finished: 0,
      rejected: 0,
      drafts: 0,
    };
    if (r.status === 'draft') t.drafts++;
    else if (r.status === 'rejected') t.rejected++;
    else t.finished++;
    by.set(r.operator, t);
  }
  return [...by.values()].sort((a, b) => a.operator.localeCompare(b.operator));
}

export const A4 = { width: 595.28, height: 841.89 };
const M = 40;

type PdfDoc = PDFKit.PDFDocument;

/** An A4 PDF/A-2b report with the embedded fonts; `done` resolves with the bytes after end(). */
export async function openReportPdf(
  generatedAt: Date,
  title = 'Laporan Harian Perekaman KTP-el',
): Promise<{ doc: PdfDoc; done: Promise<Buffer> }> {
  const { PDFDocument } = await pdfModules();
  const doc = new PDFDocument({
    size: 'A4',
    margin: M,
    bufferPages: true,
    // An archival document: PDF/A-2b (embedded fonts, XMP metadata, an output intent).
    subset: 'PDF/A-2b',
    pdfVersion: '1.7',
    lang: 'id-ID',
    info: {
      Title: title,
      Producer: 'Rekam',
      Creator: 'Rekam',
      CreationDate: generatedAt,
    },
  });
  registerPdfFonts(doc);
  const done = pdfBytes(doc);
  return { doc, done };
}

/** One table row at the cursor: fixed height, shaded header/total rows, cells cut with "…". */
export function pdfTableRow(doc: PdfDoc, M: number, W: number) {
  return (cells: string[], cols: { w: number }[], bold: boolean, shade: boolean) => {
    const y = doc.y;
    const h = 16;
    if (shade)
      doc
        .rect(M, y - 2, W, h)
        .fill('#eeeeee')
        .fillColor('#000');
    let x = M;
    doc.font(bold ? FONT.bold : FONT.regular).fontSize(9);
    cells.forEach((c, i) => {
      doc.text(c, x + 3, y + 2, { width: cols[i]!.w - 6, lineBreak: false, ellipsis: true });
      x += cols[i]!.w;
    });
    doc.y = y + h;
    doc.x = M;
  };
}

/** The supervisor's and the head of office's signature lines, then "Halaman i dari n" footers. */
export function pdfClosing(
  doc: PdfDoc,
  o: {
    M: number;
    W: number;
    supervisorName: string;
    headTitle: HeadTitle;
    headName: string | null;
    footer: string;
  },
): void {
  const { M, W } = o;
  // Signature lines, kept together on one page.
  if (doc.y > doc.page.height - M - 170) {
    doc.addPage();
    doc.y = M;
  }
  doc.moveDown(2);
  const y = doc.y;
  const colW = W / 2 - 20;
  const sig = (x: number, role: string, name: string | null) => {
    doc.font(FONT.regular).fontSize(10).text('Mengetahui,', x, y, { width: colW, align: 'center' });
    doc.text(role, x, y + 14, { width: colW, align: 'center' });
    doc
      .moveTo(x + 20, y + 90)
      .lineTo(x + colW - 20, y + 90)
      .stroke();
    doc.text(name ?? '', x, y + 95, { width: colW, align: 'center' });
  };
  sig(M, 'Supervisor', o.supervisorName);
  sig(M + W / 2 + 20, o.headTitle, o.headName);
  pdfFooters(doc, M, W, o.footer);
}

/** "<footer> · Halaman i dari n" at the foot of every buffered page. */
export function pdfFooters(doc: PdfDoc, M: number, W: number, footer: string): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    doc
      .font(FONT.regular)
      .fontSize(8)
      .fillColor('#555')
      .text(`${footer} · Halaman ${i + 1} dari ${range.count}`, M, doc.page.height - M - 10, {
        width: W,
        align: 'center',
        lineBreak: false,
      });
  }
}

export async function renderDailyReport(d: DailyReportData): Promise<Buffer> {
  const { doc, done } = await openReportPdf(d.generatedAt);
  const W = doc.page.width - 2 * M;
  const bottom = doc.page.height - M - 30;

  doc.font(FONT.bold).fontSize(15).text(REPORT_TITLE, M, M, { width: W, align: 'center' });
  doc.font(FONT.regular).fontSize(8).fillColor('#555');
  doc.text('Daily KTP-el recording report', { width: W, align: 'center' });
  doc.fillColor('#000').moveDown(0.8);

  const meta: [string, string][] = [
    ['Stasiun', `${d.stationName} (${d.stationId})`],
    ['Kecamatan', d.kecamatanName || '-'],
    ['Tanggal', longDate(d.date)],
    ['Dicetak', `${longDate(d.generatedAt)}, ${time(d.generatedAt.toISOString())}`],
  ];
  for (const [k, v] of meta) {
    const y = doc.y;
    doc.font(FONT.regular).fontSize(10).text(k, M, y, { width: 90 });
    doc.text(`: ${v}`, M + 90, y, { width: W - 90 });
  }
  doc.moveDown(0.8);

  // Per-operator totals.
  const totals = operatorTotals(d.rows);
  const finished = totals.reduce((s, t) => s + t.finished, 0);
  const rejected = totals.reduce((s, t) => s + t.rejected, 0);
  const drafts = totals.reduce((s, t) => s + t.drafts, 0);
  doc.font(FONT.bold).fontSize(11).text('Rekap per operator', M);
  doc.moveDown(0.3);
  const tcols = [
    { h: 'Operator', w: W - 280 },
    { h: 'Selesai', w: 70 },
    { h: 'Ditolak', w: 70 },
    { h: 'Draf', w: 70 },
    { h: 'Jumlah', w: 70 },
  ];
  const tableRow = pdfTableRow(doc, M, W);
  tableRow(
    tcols.map((c) => c.h),
    tcols,
    true,
    true,
  );
  const counts = (f: number, r: number, d: number) => [
    String(f),
    String(r),
    String(d),
    String(f + r + d),
  ];
  for (const t of totals) {
    tableRow(
      [`${t.operatorName} (${t.operator})`, ...counts(t.finished, t.rejected, t.drafts)],
      tcols,
      false,
      false,
    );
  }
  tableRow(['Total', ...counts(finished, rejected, drafts)], tcols, true, true);
  doc.moveDown(0.6);
  doc
    .font(FONT.regular)
    .fontSize(10)
    .text(`Total perekaman selesai: ${finished}`, M)
    .text(`Total perekaman ditolak supervisor (diulang): ${rejected}`, M)
    .text(`Total draf belum selesai: ${drafts}`, M);
  doc.moveDown(0.8);
  if (d.handover) handoverSection(doc, d.handover);

  // The recordings.
  doc.font(FONT.bold).fontSize(11).text('Daftar perekaman', M);
  doc.moveDown(0.3);
  const lcols = [
    { h: 'No', w: 28 },
    { h: 'Waktu', w: 42 },
    { h: 'Nama', w: W - 28 - 42 - 110 - 80 - 115 },
    { h: 'NIK', w: 110 },
    { h: 'Operator', w: 80 },
    { h: 'Status', w: 115 },
  ];
  const header = () =>
    tableRow(
      lcols.map((c) => c.h),
      lcols,
      true,
      true,
    );
  header();
  d.rows.forEach((r, i) => {
    if (doc.y > bottom) {
      doc.addPage();
      doc.y = M;
      header();
    }
    const status =
      (STATUS_LABEL[r.status] ?? r.status) +
      (r.centralStatus ? ` / ${CENTRAL_LABEL[r.centralStatus] ?? r.centralStatus}` : '');
    tableRow(
      [String(i + 1), time(r.sealedAt ?? r.createdAt), r.name, maskNik(r.nik), r.operator, status],
      lcols,
      false,
      i % 2 === 1,
    );
  });
  if (d.rows.length === 0) {
    doc.font(FONT.regular).fontSize(9).text('Tidak ada perekaman pada tanggal ini.', M);
  }

  pdfClosing(doc, {
    M,
    W,
    supervisorName: d.supervisorName,
    headTitle: d.headTitle,
    headName: d.headName,
    footer: `${REPORT_TITLE} · ${d.stationId}`,
  });
  doc.end();
  return done;
}

/** "Penyerahan KTP-el": the day's handovers and the cards waiting at the kecamatan by age. */
function handoverSection(doc: PdfDoc, h: RecapHandover): void {
  const w = h.waiting;
  doc.font(FONT.bold).fontSize(11).text('Penyerahan KTP-el', M);
  doc.moveDown(0.3);
  doc
    .font(FONT.regular)
    .fontSize(10)
    .text(
      `Diserahkan kepada warga: ${h.handedOver} (diantar ke rumah ${h.onRounds}, ` +
        `diwakilkan keluarga ${h.byProxy})`,
      M,
    )
    .text(
      `Menunggu diambil di kecamatan: ${w.total} (< 7 hari: ${w.under7}; 7–30 hari: ` +
        `${w.from7to30}; > 30 hari: ${w.over30})`,
      M,
    );
  doc.moveDown(0.8);
}

export interface PdfCheck {
  pages: number;
  allA4: boolean;
  titleFound: boolean;
  streamsOk: boolean;
}

/**
 * Reads a written report back without a PDF library: counts the page objects and their media
 * boxes, inflates every content stream (a cut or damaged file fails here) and looks for the
 * title in the document info.
 */
export function checkPdf(bytes: Buffer, title = 'Laporan Harian Perekaman KTP-el'): PdfCheck {
  const text = bytes.toString('latin1');
  const pageObjs = text.match(/\/Type \/Page\b(?!s)/g) ?? [];
  const boxes = [...text.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
  const allA4 =
    boxes.length >= pageObjs.length &&
    boxes.every(
      (b) => Math.abs(Number(b[1]) - A4.width) < 1 && Math.abs(Number(b[2]) - A4.height) < 1,
    );
  let streamsOk = text.startsWith('%PDF-') && /%%EOF\s*$/.test(text);
  for (const m of text.matchAll(
    /\/Length (\d+)[^>]*\/Filter \/FlateDecode[\s\S]*?>>\s*stream\n/g,
  )) {
    const start = m.index + m[0].length;
    try {
      inflateSync(bytes.subarray(start, start + Number(m[1])));
    } catch {
      streamsOk = false;
    }
  }
  // pdfkit writes the info Title as a literal or hex string.
  const titleHex = Buffer.from(`\ufeff${title}`, 'utf16le');
  const titleFound =
    text.includes(`(${title})`) ||
    text.toLowerCase().includes(Buffer.from(title).toString('hex')) ||
    text.toLowerCase().includes(titleHex.swap16().toString('hex'));
  return { pages: pageObjs.length, allA4, titleFound, streamsOk };
}
