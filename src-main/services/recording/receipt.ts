// The "bukti perekaman": a small printable receipt the resident takes home. It carries the
// packet id (also as a QR code, for the office to look the packet up), the name, the NIK with
// its middle masked, the date and the station — and says plainly that the service is free,
// because brokers and illegal fees are a known problem at recording desks.
import { formatDateTime } from '../../domain/format-date';
import { maskNik } from '../../domain/nik';
import { FONT } from '../common/pdf-fonts';
import { openReceiptPdf, stationPlace } from '../common/receipt-pdf';

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
  const { doc, left, width, qr, row, freeNotice, finish } = await openReceiptPdf({
    heading: 'BUKTI PEREKAMAN KTP-el',
    subheading: 'Receipt of e-KTP recording',
    title: 'Bukti Perekaman KTP-el',
    createdAt: r.sealedAt,
    qrText: r.packetId,
    qrWidth: 300,
    compact: false,
  });
  row('Nama / Name', r.name);
  row('NIK', maskNik(r.nik));
  row('Tanggal perekaman / Date', formatReceiptDate(r.sealedAt));
  row('Tempat perekaman / Station', stationPlace(r.stationName, r.kecamatanName));
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
  freeNotice(boxY);
  return finish();
}
