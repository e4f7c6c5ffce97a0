// The round sheet (lembar pengantaran): what the field clerk carries on a delivery round — one
// row per card in walking order with the resident's name, address, RT/RW and phone, a box for
// the recipient's signature and tick boxes for why a card could not be delivered. A4 landscape
// so every column stays readable; the table header repeats on each page.
import type { RoundItemView, RoundView } from '../../api/contract-rounds';
import { formatDateTime, formatWeekdayDay, localDay } from '../../domain/format-date';
import { maskNik } from '../../domain/nik';
import { FONT, pdfBytes, pdfModules, registerPdfFonts } from '../common/pdf-fonts';

export interface RoundSheetData {
  round: RoundView;
  items: RoundItemView[];
  printedAt: Date;
  stationName: string;
  kecamatanName: string;
}

const M = 32;
const ROW_H = 50;
const HEAD_H = 26;
const REASONS = ['Pindah', 'Tidak di rumah 2x', 'Meninggal', 'Menolak'];
const COLS = [
  { title: 'No', w: 30 },
  { title: 'Nama / NIK', w: 180 },
  { title: 'Alamat', w: 190 },
  { title: 'RT/RW', w: 64 },
  { title: 'Telepon', w: 108 },
  { title: 'Tanda tangan penerima', w: 118 },
  { title: 'Bila tidak terantar', w: 88 },
] as const;

type Doc = PDFKit.PDFDocument;

function tableHeader(doc: Doc): void {
  const y = doc.y;
  const W = COLS.reduce((s, c) => s + c.w, 0);
  doc.rect(M, y, W, HEAD_H).fill('#e6e6e6').fillColor('#000');
  let x = M;
  doc.font(FONT.bold).fontSize(8.5);
  for (const c of COLS) {
    doc.text(c.title, x + 4, y + 3, { width: c.w - 8, height: HEAD_H - 4, ellipsis: true });
    x += c.w;
  }
  doc.y = y + HEAD_H;
}

function row(doc: Doc, n: number, it: RoundItemView, manyVillages: boolean): void {
  const y = doc.y;
  const xs = COLS.reduce<number[]>(
    (a, c, i) => [...a, (a[i - 1] ?? M) + (i ? COLS[i - 1]!.w : 0)],
    [],
  );
  // The largest of `sizes` at which the text fits `h` points (long names and addresses shrink).
  const cell = (i: number, text: string, dy: number, sizes: number[], h: number, bold = false) => {
    const width = COLS[i]!.w - 8;
    doc.font(bold ? FONT.bold : FONT.regular);
    const size = sizes.find((z) => doc.fontSize(z).heightOfString(text, { width }) <= h);
    doc.fontSize(size ?? sizes[sizes.length - 1]!);
    doc.text(text, xs[i]! + 4, y + dy, { width, height: h, ellipsis: true });
  };
  doc.lineWidth(0.5).strokeColor('#999');
  for (let i = 0; i < COLS.length; i++) doc.rect(xs[i]!, y, COLS[i]!.w, ROW_H).stroke();
  doc.fillColor('#000');
  // Name and address: two lines at most (cut with "…"), the NIK or village below.
  cell(0, String(n), 6, [12], 16, true);
  cell(1, it.name, 4, [10.5, 9, 8], 33, true);
  doc.fillColor('#444');
  cell(1, `NIK ${maskNik(it.nik)}`, 38, [8], 10);
  doc.fillColor('#000');
  cell(2, it.address || '—', 4, [9.5, 8.5, 7.5], manyVillages ? 33 : 44);
  if (manyVillages) {
    doc.fillColor('#444');
    cell(2, it.villageName, 38, [8], 10);
    doc.fillColor('#000');
  }
  cell(3, `${it.rt || '—'}/${it.rw || '—'}`, 6, [11], 16, true);
  cell(4, it.phone ?? '—', 6, [10, 8.5], 40);
  // Tick boxes for the reason, one per line.
  const bx = xs[6]! + 4;
  doc.font(FONT.regular).fontSize(7.5);
  REASONS.forEach((r, i) => {
    const ty = y + 4 + i * 11;
    doc.rect(bx, ty, 7, 7).stroke();
    doc.text(r, bx + 10, ty - 0.5, { width: COLS[6].w - 18, lineBreak: false });
  });
}

/** The sheet as a PDF (A4 landscape, embedded fonts). */
export async function renderRoundSheet(s: RoundSheetData): Promise<Buffer> {
  const { PDFDocument } = await pdfModules();
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: M,
    bufferPages: true,
    lang: 'id-ID',
    info: {
      Title: `Lembar Pengantaran KTP-el ${s.round.label}`,
      Producer: 'Rekam',
      Creator: 'Rekam',
      CreationDate: s.printedAt,
    },
  });
  registerPdfFonts(doc);
  const done = pdfBytes(doc);
  const W = doc.page.width - 2 * M;
  const villages = [...new Set(s.items.map((i) => i.villageName))];
  const day = localDay(new Date(s.round.sentAt ?? s.printedAt.toISOString()));

  doc
    .font(FONT.bold)
    .fontSize(16)
    .text('LEMBAR PENGANTARAN KTP-el (ANTAR KE RUMAH)', M, M, { width: W });
  doc.moveDown(0.3).font(FONT.regular).fontSize(10.5);
  const line = (label: string, value: string) =>
    doc.font(FONT.regular).text(`${label}: `, { continued: true }).font(FONT.bold).text(value);
  line('Rute', `${s.round.label}  (No. ${s.round.id})`);
  line('Desa/Kelurahan', s.round.villageName ?? villages.join(', ') ?? '—');
  line('Kecamatan', `${s.kecamatanName}   ·   Stasiun: ${s.stationName}`);
  line('Tanggal', `${formatWeekdayDay(day)}   ·   Jumlah kartu: ${s.items.length}`);
  doc.moveDown(0.6);

  tableHeader(doc);
  s.items.forEach((it, i) => {
    if (doc.y + ROW_H > doc.page.height - M - 24) {
      doc.addPage();
      doc.y = M;
      tableHeader(doc);
    }
    const y = doc.y;
    row(doc, i + 1, it, villages.length > 1);
    doc.y = y + ROW_H;
  });

  // The clerk's and the supervisor's signatures, kept together on one page.
  if (doc.y + 90 > doc.page.height - M - 24) {
    doc.addPage();
    doc.y = M;
  }
  const y = doc.y + 16;
  const sig = (x: number, role: string) => {
    doc.font(FONT.regular).fontSize(10).text(role, x, y, { width: 220, align: 'center' });
    doc
      .moveTo(x + 20, y + 60)
      .lineTo(x + 200, y + 60)
      .stroke();
  };
  sig(M, 'Petugas pengantar');
  sig(M + W - 220, 'Supervisor');

  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    doc
      .font(FONT.regular)
      .fontSize(8)
      .fillColor('#555')
      .text(
        `Lembar antar ${s.round.id} · dicetak ${formatDateTime(s.printedAt)} · Halaman ${i + 1} dari ${range.count}`,
        M,
        doc.page.height - M - 10,
        { width: W, align: 'center', lineBreak: false },
      );
  }
  doc.end();
  return done;
}
