// The "tanda terima KTP-el": what the recipient takes home after the handover, like the
// recording receipt — who received the card (the resident or a family member from the same KK),
// how identity was checked, the recipient's signature, and that the service is free.
import { fingerName } from '../../domain/fingers';
import { formatDateTime } from '../../domain/format-date';
import { maskNik } from '../../domain/nik';
import { FONT, pdfModules, registerPdfFonts } from '../common/pdf-fonts';

export interface HandoverReceiptData {
  handoverId: string;
  packetId: string;
  name: string;
  nik: string;
  handedOverAt: Date;
  kind: 'counter' | 'round';
  stationName: string;
  kecamatanName: string;
  operator: string;
  verification: { method: 'fingerprint' | 'visual'; finger: number | null; score: number | null };
  proxy: { name: string; nik: string; relation: string } | null;
  signaturePng: Buffer;
}

const RELATION: Record<string, string> = {
  'suami-istri': 'suami/istri',
  anak: 'anak',
  'orang-tua': 'orang tua',
  saudara: 'saudara kandung',
  'lainnya-kk': 'anggota KK lain',
};

/** A6 portrait PDF; the QR code carries the handover id only. */
export async function renderHandoverReceipt(r: HandoverReceiptData): Promise<Buffer> {
  const { PDFDocument, QRCode } = await pdfModules();
  const qr = await QRCode.toBuffer(r.handoverId, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
    width: 240,
  });
  const doc = new PDFDocument({
    size: 'A6',
    margin: 22,
    info: {
      Title: 'Tanda Terima KTP-el',
      Producer: 'Rekam',
      Creator: 'Rekam',
      CreationDate: r.handedOverAt,
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
  doc
    .font(FONT.bold)
    .fontSize(13)
    .text('TANDA TERIMA KTP-el', left, 22, { width, align: 'center' });
  doc
    .font(FONT.regular)
    .fontSize(7.5)
    .fillColor('#555')
    .text('Receipt of e-KTP handover', { width, align: 'center' });
  doc.moveDown(0.5).fillColor('#000');
  const row = (label: string, value: string) => {
    doc.font(FONT.regular).fontSize(7).fillColor('#555').text(label, { width });
    doc.font(FONT.bold).fontSize(9.5).fillColor('#000').text(value, { width });
    doc.moveDown(0.15);
  };
  row('Nama / Name', r.name);
  row('NIK', maskNik(r.nik));
  row(
    'Diterima oleh / Received by',
    r.proxy
      ? `${r.proxy.name} (${RELATION[r.proxy.relation] ?? r.proxy.relation}, NIK ${maskNik(r.proxy.nik)})`
      : 'Pemilik KTP-el sendiri / the resident',
  );
  row(
    'Pemeriksaan identitas / Identity check',
    r.verification.method === 'fingerprint' && r.verification.finger !== null
      ? `Sidik jari ${fingerName(r.verification.finger, 'id')} cocok (skor ${r.verification.score ?? '-'})`
      : 'Pemeriksaan visual oleh petugas / visual check',
  );
  row(
    r.kind === 'round' ? 'Diantar ke rumah / Delivered' : 'Diambil di loket / Collected',
    `${formatDateTime(r.handedOverAt)} — ${r.kecamatanName ? `${r.stationName} (Kec. ${r.kecamatanName})` : r.stationName}`,
  );
  row('Petugas / Officer', r.operator);
  doc.font(FONT.regular).fontSize(7).fillColor('#555').text('Tanda tangan penerima / Signature');
  const sigY = doc.y + 2;
  doc.image(r.signaturePng, left, sigY, { width: 150, height: 50 });
  doc.rect(left, sigY, 150, 50).lineWidth(0.5).stroke('#999');
  doc.image(qr, left + width - 56, sigY - 4, { width: 56, height: 56 });
  const boxY = sigY + 60;
  doc
    .font(FONT.regular)
    .fontSize(6.5)
    .fillColor('#555')
    .text(`No. serah terima ${r.handoverId} · paket ${r.packetId}`, left, boxY, { width });
  doc
    .rect(left, boxY + 12, width, 30)
    .lineWidth(1.5)
    .stroke('#000');
  doc
    .font(FONT.bold)
    .fontSize(11)
    .fillColor('#000')
    .text('GRATIS — tidak dipungut biaya', left, boxY + 17, { width, align: 'center' });
  doc
    .font(FONT.regular)
    .fontSize(6.5)
    .text('Free of charge — no fee may be asked', left, boxY + 31, { width, align: 'center' });
  doc.end();
  return done;
}
