// The frame both receipts a resident takes home share (the "bukti perekaman" after recording and
// the "tanda terima KTP-el" after the handover): an A6 page with a centred title and its English
// line, label/value rows, a QR code of a public id and the boxed notice that the service is free.
// Each receipt fills in its own rows; `compact` fits the handover's longer list on the page.
import { FONT, pdfBytes, pdfModules, registerPdfFonts } from './pdf-fonts';

type PdfDoc = InstanceType<Awaited<ReturnType<typeof pdfModules>>['PDFDocument']>;

export interface ReceiptFrame {
  /** Centred title, e.g. "BUKTI PEREKAMAN KTP-el", and its English line below. */
  heading: string;
  subheading: string;
  /** The PDF's title and creation date (document info). */
  title: string;
  createdAt: Date;
  /** What the QR code carries: a public id only, never the NIK or the name. */
  qrText: string;
  qrWidth: number;
  compact: boolean;
}

export interface ReceiptPdf {
  doc: PdfDoc;
  left: number;
  width: number;
  qr: Buffer;
  /** A grey label with its value in bold below. */
  row(label: string, value: string): void;
  /** The boxed "GRATIS — tidak dipungut biaya" notice, its box starting at `y`. */
  freeNotice(y: number): void;
  /** Ends the page and gives the PDF's bytes. */
  finish(): Promise<Buffer>;
}

/** "Desk 1 (Kec. Cibeunying)", or the station's name alone where no kecamatan is set. */
export const stationPlace = (stationName: string, kecamatanName: string): string =>
  kecamatanName ? `${stationName} (Kec. ${kecamatanName})` : stationName;

/** Opens an A6 receipt with its title drawn; the caller adds the rows and the rest. */
export async function openReceiptPdf(f: ReceiptFrame): Promise<ReceiptPdf> {
  const { PDFDocument, QRCode } = await pdfModules();
  const qr = await QRCode.toBuffer(f.qrText, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
    width: f.qrWidth,
  });
  const doc = new PDFDocument({
    size: 'A6',
    margin: 22,
    info: { Title: f.title, Producer: 'Rekam', Creator: 'Rekam', CreationDate: f.createdAt },
  });
  registerPdfFonts(doc);
  const done = pdfBytes(doc);

  const left = 22;
  const width = doc.page.width - 44;
  const small = f.compact;
  doc.font(FONT.bold).fontSize(13).text(f.heading, left, 22, { width, align: 'center' });
  doc
    .font(FONT.regular)
    .fontSize(7.5)
    .fillColor('#555')
    .text(f.subheading, { width, align: 'center' });
  doc.moveDown(small ? 0.5 : 0.6).fillColor('#000');

  return {
    doc,
    left,
    width,
    qr,
    row(label, value) {
      doc
        .font(FONT.regular)
        .fontSize(small ? 7 : 7.5)
        .fillColor('#555')
        .text(label, { width });
      doc
        .font(FONT.bold)
        .fontSize(small ? 9.5 : 10)
        .fillColor('#000')
        .text(value, { width });
      doc.moveDown(small ? 0.15 : 0.25);
    },
    freeNotice(y) {
      doc
        .rect(left, y, width, small ? 30 : 34)
        .lineWidth(1.5)
        .stroke('#000');
      doc
        .font(FONT.bold)
        .fontSize(small ? 11 : 12)
        .fillColor('#000')
        .text('GRATIS — tidak dipungut biaya', left, y + (small ? 5 : 6), {
          width,
          align: 'center',
        });
      doc
        .font(FONT.regular)
        .fontSize(small ? 6.5 : 7)
        .text('Free of charge — no fee may be asked', left, y + (small ? 19 : 21), {
          width,
          align: 'center',
        });
    },
    finish() {
      doc.end();
      return done;
    },
  };
}
