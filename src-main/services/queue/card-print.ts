import type { EscPosCommand } from '../../../drivers/printer/escpos';
import type { PrinterCodePage, QueueCard } from '../../api/contract-queue';
import { FONT, pdfBytes, pdfModules, registerPdfFonts } from '../common/pdf-fonts';
import { formatServiceDate } from './messages';

/**
 * The printed queue card. Neither name nor NIK is printed and only the card id goes into the
 * QR code: a card dropped in the waiting room must not tell anyone whose it is.
 */
export interface CardPrintData {
  card: QueueCard;
  stationName: string;
}

const FREE_ID = 'GRATIS - tidak dipungut biaya';
const FREE_EN = 'FREE of charge';

/** A small card, 58 × 100 mm, the width of a receipt roll, for office printers and PDF viewers. */
export async function renderCardPdf(d: CardPrintData): Promise<Buffer> {
  const mm = (n: number) => (n * 72) / 25.4;
  const { PDFDocument, QRCode } = await pdfModules();
  const qr = await QRCode.toBuffer(d.card.id, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
    width: 240,
  });
  const doc = new PDFDocument({
    size: [mm(58), mm(100)],
    margin: mm(3),
    info: { Title: `Kartu Antrian ${d.card.number}`, Producer: 'Rekam', Creator: 'Rekam' },
  });
  registerPdfFonts(doc);
  const done = pdfBytes(doc);
  const left = mm(3);
  const width = mm(52);
  const center = { width, align: 'center' as const };
  doc.font(FONT.bold).fontSize(7).text('KARTU ANTRIAN PEREKAMAN KTP-el', left, mm(4), center);
  doc.font(FONT.regular).fontSize(6.5).text(d.stationName, center);
  doc.moveDown(0.4);
  doc.font(FONT.bold).fontSize(34).text(d.card.number, center);
  if (d.card.lane === 'priority') doc.font(FONT.bold).fontSize(7).text('PRIORITAS', center);
  doc.moveDown(0.3);
  doc.font(FONT.regular).fontSize(7).text('Jadwal pasti / Service date:', center);
  doc.font(FONT.bold).fontSize(9).text(formatServiceDate(d.card.date, 'id'), center);
  doc.moveDown(0.3);
  const qrSize = mm(26);
  doc.image(qr, left + (width - qrSize) / 2, doc.y, { width: qrSize });
  doc.y += qrSize + mm(1.5);
  doc.font(FONT.bold).fontSize(12).text('GRATIS', left, doc.y, center);
  doc.font(FONT.regular).fontSize(6).text(`${FREE_ID} / ${FREE_EN}`, center);
  doc.font(FONT.regular).fontSize(5.5).fillColor('#444').text(`Kartu ${d.card.id}`, center);
  doc.end();
  return done;
}

/** The same card as ESC/POS for a 58 mm (32 columns) or 80 mm (48 columns) receipt printer. */
export function cardEscPos(d: CardPrintData, columns: 32 | 48): EscPosCommand[] {
  const line = '-'.repeat(columns);
  return [
    { kind: 'init' },
    { kind: 'align', align: 'center' },
    { kind: 'bold', on: true },
    { kind: 'text', text: 'KARTU ANTRIAN PEREKAMAN KTP-el\n' },
    { kind: 'bold', on: false },
    { kind: 'text', text: `${d.stationName.slice(0, columns)}\n${line}\n` },
    { kind: 'size', width: 4, height: 4 },
    { kind: 'bold', on: true },
    { kind: 'text', text: `${d.card.number}\n` },
    { kind: 'size', width: 1, height: 1 },
    ...(d.card.lane === 'priority' ? [{ kind: 'text' as const, text: 'PRIORITAS\n' }] : []),
    { kind: 'bold', on: false },
    { kind: 'text', text: 'Jadwal pasti / Service date:\n' },
    { kind: 'bold', on: true },
    { kind: 'text', text: `${formatServiceDate(d.card.date, 'id')}\n` },
    { kind: 'bold', on: false },
    { kind: 'feed', lines: 1 },
    { kind: 'qr', data: d.card.id, moduleSize: 6, ecc: 'M' },
    { kind: 'feed', lines: 1 },
    { kind: 'size', width: 2, height: 2 },
    { kind: 'bold', on: true },
    { kind: 'text', text: 'GRATIS\n' },
    { kind: 'size', width: 1, height: 1 },
    { kind: 'bold', on: false },
    { kind: 'text', text: `${FREE_ID}\n${FREE_EN}\n${line}\n` },
    { kind: 'feed', lines: 3 },
    { kind: 'cut' },
  ];
}

/** Selects the technician's character table right after ESC @ (which resets it). */
export function withCodePage(
  commands: EscPosCommand[],
  codePage: PrinterCodePage,
): EscPosCommand[] {
  if (codePage === 'ascii') return commands;
  const at = commands.findIndex((c) => c.kind === 'init') + 1;
  return [...commands.slice(0, at), { kind: 'codepage', page: codePage }, ...commands.slice(at)];
}

export interface TestPageData {
  stationName: string;
  printedAt: string;
  path: string;
  baud: number;
  columns: 32 | 48;
  codePage: PrinterCodePage;
}

/**
 * The technician's test page: the settings it was printed with, a ruler as wide as the chosen
 * paper (a line that wraps means the width is wrong), and accented letters that come out right
 * only when the character table matches the printer's.
 */
export function testPageEscPos(d: TestPageData): EscPosCommand[] {
  const ruler = Array.from({ length: d.columns }, (_, i) => String((i + 1) % 10)).join('');
  return withCodePage(
    [
      { kind: 'init' },
      { kind: 'align', align: 'center' },
      { kind: 'bold', on: true },
      { kind: 'text', text: 'TES PRINTER / PRINTER TEST\n' },
      { kind: 'bold', on: false },
      { kind: 'text', text: `${d.stationName.slice(0, d.columns)}\n${d.printedAt}\n` },
      { kind: 'align', align: 'left' },
      { kind: 'text', text: `${ruler}\n` },
      {
        kind: 'text',
        text: `Port: ${d.path}\nBaud: ${d.baud}\nLebar/width: ${d.columns}\nTabel/code page: ${d.codePage}\n`,
      },
      { kind: 'text', text: `${TEST_LETTERS}\n` },
      { kind: 'feed', lines: 3 },
      { kind: 'cut' },
    ],
    d.codePage,
  );
}

/** What a matching table prints as written; with `ascii` the accents are dropped. */
export const TEST_LETTERS = 'Huruf: é è ü ö ñ ç à É Ü Ñ';
