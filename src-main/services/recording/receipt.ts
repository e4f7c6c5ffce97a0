// The "bukti perekaman": a small printable receipt the resident takes home. It carries the
// packet id (also as a QR code, for the office to look the packet up), the name, the NIK with
// its middle masked, the date and the station — and says plainly that the service is free,
// because brokers and illegal fees are a known problem at recording desks.
import { formatDateTime } from '../../domain/format-date';
import { maskNik } from '../../domain/nik';
import { FONT, pdfModules, registerPdfFonts } from '../common/pdf-fonts';

export interface ReceiptData {
  packetId: string;
  recordingId: string;
  name: string;
  nik: string;
  sealedAt: Date;
  stationName: string;
  stationId: string;
  kecamatanName: string;
  operator: string;
}

/** "12 Juni 2025, 09.05" in the station's local time. */
export const formatReceiptDate = formatDateTime;

/** A6 portrait PDF. Only the packet id goes into the QR code: it is public, the rest is not. */
export async function renderReceipt(r: ReceiptData): Promise<Buffer> {
  const { PDFDocument, QRCode } = await pdfModules();
  const qr = await QRCode.toBuffer(r.packetId, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
    width: 300,
  });
  const doc = new PDFDocument({
    size: 'A6',
    margin: 22,
    info: {
      Title: 'Bukti Perekaman KTP-el',
      Producer: 'Rekam',
      Creator: 'Rekam',
      CreationDate: r.sealedAt,
    },
  });
  registerPdfFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = 22;
  const width = doc.page.width - 44;
  doc.font(FONT.bold).fontSize(13).text('BUKTI PEREKAMAN KTP-el', left, 22, {
    width,
    align: 'center',
  });
  doc.font(FONT.regular).fontSize(7.5).fillColor('#555').text('Receipt of e-KTP recording', {
    width,
    align: 'center',
  });
  doc.moveDown(0.6).fillColor('#000');

  const row = (label: string, value: string) => {
    doc.font(FONT.regular).fontSize(7.5).fillColor('#555').text(label, { width });
    doc.font(FONT.bold).fontSize(10).fillColor('#000').text(value, { width });
    doc.moveDown(0.25);
  };
  row('Nama / Name', r.name);
  row('NIK', maskNik(r.nik));
  row('Tanggal perekaman / Date', formatReceiptDate(r.sealedAt));
  row(
    'Tempat perekaman / Station',
    r.kecamatanName ? `${r.stationName} (Kec. ${r.kecamatanName})` : r.stationName,
  );
  row('Operator', r.operator);

  const qrSize = 92;
  const y = doc.y + 2;
  doc.image(qr, left, y, { width: qrSize, height: qrSize });
  doc
    .font(FONT.regular)
    .fontSize(7)
    .fillColor('#555')
    .text('Nomor paket / Packet no.', left + qrSize + 8, y + 8, { width: width - qrSize - 8 });
  doc
    .font(FONT.bold)
    .fontSize(8)
    .fillColor('#000')
    .text(r.packetId, { width: width - qrSize - 8 });
  doc
    .font(FONT.regular)
    .fontSize(6.5)
    .fillColor('#555')
    .text('Tunjukkan bukti ini saat mengambil KTP-el.', { width: width - qrSize - 8 });

  const boxY = y + qrSize + 10;
  doc.rect(left, boxY, width, 34).lineWidth(1.5).stroke('#000');
  doc
    .font(FONT.bold)
    .fontSize(12)
    .fillColor('#000')
    .text('GRATIS — tidak dipungut biaya', left, boxY + 6, { width, align: 'center' });
  doc
    .font(FONT.regular)
    .fontSize(7)
    .text('Free of charge — no fee may be asked', left, boxY + 21, { width, align: 'center' });

  doc.end();
  return done;
}
