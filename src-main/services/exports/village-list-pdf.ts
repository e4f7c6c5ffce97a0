// "Daftar KTP-el siap diambil": one village's printed cards waiting at the kecamatan office, on
// A4 for the village head to read out or pin up. Sorted by RW, RT and name (the village head
// passes the word on per RT); names and addresses wrap rather than being cut; the column header
// repeats on every page; NIKs masked unless the supervisor asked for them in full.
import { formatClock, formatDmy, localDay } from '../../domain/format-date';
import { FONT } from '../common/pdf-fonts';
import { longDate, openReportPdf, pdfFooters } from './daily-report';

export const VILLAGE_LIST_TITLE = 'Daftar KTP-el siap diambil';

/** One card of the list, as printed (the NIK already masked or not). */
export interface VillageListRow {
  name: string;
  nik: string;
  /** '001/002'. */
  rtRw: string;
  address: string;
  /** When the card arrived at the office (UTC ISO). */
  arrivedAt: string;
  /** Local days since arrival (0: today). */
  days: number;
}

export interface VillageListData {
  kecamatanName: string;
  villageName: string;
  villageCode: string;
  stationName: string;
  generatedAt: Date;
  rows: readonly VillageListRow[];
  fullNik: boolean;
}

const M = 40;
/** Days waiting from which the list marks a card (the recap's oldest bucket). */
export const LONG_WAIT_DAYS = 31;

export const VILLAGE_COLUMNS = [
  'No',
  'Nama',
  'NIK',
  'RT/RW',
  'Alamat',
  'Tiba di kecamatan',
  'Menunggu (hari)',
] as const;
const WIDTHS = [22, 114, 100, 46, 107, 66, 60];

export const villageLabel = (d: Pick<VillageListData, 'villageName' | 'villageCode'>) =>
  d.villageName ? `${d.villageName} (${d.villageCode})` : d.villageCode;

/** The local arrival day as on the KTP: '10-06-2025'. */
export const arrivedDay = (iso: string) => formatDmy(localDay(new Date(iso)));

export async function renderVillageList(d: VillageListData): Promise<Buffer> {
  const { doc, done } = await openReportPdf(d.generatedAt, VILLAGE_LIST_TITLE);
  const W = doc.page.width - 2 * M;
  const bottom = doc.page.height - M - 24;

  doc
    .font(FONT.bold)
    .fontSize(15)
    .text('DAFTAR KTP-el SIAP DIAMBIL', M, M, { width: W, align: 'center' });
  doc.font(FONT.regular).fontSize(8).fillColor('#555');
  doc.text('KTP-el cards ready for collection', { width: W, align: 'center' });
  doc.fillColor('#000').moveDown(0.8);

  const meta: [string, string][] = [
    ['Kecamatan', d.kecamatanName || '-'],
    ['Desa/Kelurahan', villageLabel(d)],
    ['Per tanggal', `${longDate(d.generatedAt)}, pukul ${formatClock(d.generatedAt)}`],
    ['Jumlah', `${d.rows.length} KTP-el menunggu diambil`],
  ];
  for (const [k, v] of meta) {
    const y = doc.y;
    doc.font(FONT.regular).fontSize(10).text(k, M, y, { width: 100 });
    doc.font(k === 'Jumlah' ? FONT.bold : FONT.regular).text(`: ${v}`, M + 100, y, {
      width: W - 100,
    });
  }
  doc.moveDown(0.6);
  doc
    .font(FONT.regular)
    .fontSize(9)
    .text(
      `KTP-el warga berikut sudah dicetak dan menunggu di Kantor Kecamatan ${d.kecamatanName || ''}. ` +
        'Mohon disampaikan kepada warga agar mengambilnya pada jam kerja dengan membawa tanda ' +
        'terima perekaman. Warga yang tidak dapat datang (lansia, disabilitas) dapat diantar ' +
        'petugas: beri tahu kantor kecamatan.',
      M,
      doc.y,
      { width: W, align: 'justify' },
    );
  doc.moveDown(0.3);
  doc
    .fontSize(8)
    .fillColor('#555')
    .text(
      `${d.fullNik ? 'NIK ditulis lengkap atas permintaan supervisor.' : 'NIK disamarkan (4 digit awal dan akhir).'} ` +
        `"Menunggu" dihitung dalam hari kalender sejak kartu tiba; ${LONG_WAIT_DAYS} hari atau ` +
        `lebih dicetak tebal. Dicetak oleh ${d.stationName}.`,
      M,
      doc.y,
      { width: W },
    )
    .fillColor('#000');
  doc.moveDown(0.8);

  const header = () => {
    const y = doc.y;
    const h = 26;
    doc.rect(M, y, W, h).fill('#e4e4e4').fillColor('#000');
    let x = M;
    doc.font(FONT.bold).fontSize(8.5);
    VILLAGE_COLUMNS.forEach((c, i) => {
      doc.text(c, x + 3, y + 4, { width: WIDTHS[i]! - 6, height: h - 4 });
      x += WIDTHS[i]!;
    });
    doc.y = y + h;
  };
  header();

  d.rows.forEach((r, i) => {
    const cells = [
      String(i + 1),
      r.name,
      r.nik,
      r.rtRw,
      r.address,
      arrivedDay(r.arrivedAt),
      String(r.days),
    ];
    doc.font(FONT.regular).fontSize(9);
    const h =
      Math.max(...cells.map((c, k) => doc.heightOfString(c, { width: WIDTHS[k]! - 6 }))) + 6;
    if (doc.y + h > bottom) {
      doc.addPage();
      doc.y = M;
      header();
    }
    const y = doc.y;
    if (i % 2 === 1) doc.rect(M, y, W, h).fill('#f4f4f4').fillColor('#000');
    let x = M;
    cells.forEach((c, k) => {
      const long = k === 6 && r.days >= LONG_WAIT_DAYS;
      doc.font(long ? FONT.bold : FONT.regular).fontSize(9);
      doc.text(c, x + 3, y + 3, {
        width: WIDTHS[k]! - 6,
        align: k === 0 || k === 6 ? 'right' : 'left',
      });
      x += WIDTHS[k]!;
    });
    doc
      .moveTo(M, y + h)
      .lineTo(M + W, y + h)
      .lineWidth(0.3)
      .strokeColor('#bbbbbb')
      .stroke()
      .strokeColor('#000');
    doc.y = y + h;
  });
  if (d.rows.length === 0) {
    doc
      .font(FONT.regular)
      .fontSize(9)
      .text('Tidak ada KTP-el yang menunggu.', M, doc.y + 4);
  }

  pdfFooters(doc, M, W, `${VILLAGE_LIST_TITLE} · ${villageLabel(d)}`);
  doc.end();
  return done;
}
