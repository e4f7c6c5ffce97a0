// The "tanda terima KTP-el": what the recipient takes home after the handover, like the
// recording receipt — who received the card (the resident or a family member from the same KK),
// how identity was checked, the recipient's signature, and that the service is free.
import { fingerName } from '../../domain/fingers';
import { formatDateTime } from '../../domain/format-date';
import { maskNik } from '../../domain/nik';
import { FONT } from '../common/pdf-fonts';
import { openReceiptPdf, stationPlace } from '../common/receipt-pdf';

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
  const { doc, left, width, qr, row, freeNotice, finish } = await openReceiptPdf({
    heading: 'TANDA TERIMA KTP-el',
    subheading: 'Receipt of e-KTP handover',
    title: 'Tanda Terima KTP-el',
    createdAt: r.handedOverAt,
    qrText: r.handoverId,
    qrWidth: 240,
    compact: true,
  });
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
    `${formatDateTime(r.handedOverAt)} — ${stationPlace(r.stationName, r.kecamatanName)}`,
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
  freeNotice(boxY + 12);
  return finish();
}
