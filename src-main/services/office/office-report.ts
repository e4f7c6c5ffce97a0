// The office's "Laporan Harian Perekaman KTP-el", printed on the hub: every desk's day from the
// metadata the desks send (no biometrics, NIK masked), by desk, operator and village, for the
// supervisor and the head of office to sign. Same A4 PDF/A layout and fonts as a desk's report.
import type { HeadTitle } from '../../api/contract-exports';
import type { OfficeRecap, OfficeRecapGroup } from '../../api/contract-office';
import { FONT } from '../common/pdf-fonts';
import {
  REPORT_TITLE,
  longDate,
  openReportPdf,
  pdfClosing,
  pdfTableRow,
} from '../exports/daily-report';
import { formatClock } from '../../domain/format-date';

export interface OfficeReportData {
  date: Date;
  hubName: string;
  hubId: string;
  kecamatanName: string;
  recap: OfficeRecap;
  supervisorName: string;
  headTitle: HeadTitle;
  headName: string | null;
  generatedAt: Date;
}

const M = 40;

export async function renderOfficeReport(d: OfficeReportData): Promise<Buffer> {
  const { doc, done } = await openReportPdf(d.generatedAt);
  const W = doc.page.width - 2 * M;
  const bottom = doc.page.height - M - 30;
  const row = pdfTableRow(doc, M, W);

  doc.font(FONT.bold).fontSize(15).text(REPORT_TITLE, M, M, { width: W, align: 'center' });
  doc.font(FONT.regular).fontSize(8).fillColor('#555');
  doc.text('Daily KTP-el recording report — whole office', { width: W, align: 'center' });
  doc.fillColor('#000').moveDown(0.8);
  const meta: [string, string][] = [
    ['Kantor (hub)', `${d.hubName} (${d.hubId})`],
    ['Kecamatan', d.kecamatanName || '-'],
    ['Tanggal', longDate(d.date)],
    ['Dicetak', `${longDate(d.generatedAt)}, ${formatClock(d.generatedAt)}`],
  ];
  for (const [k, v] of meta) {
    const y = doc.y;
    doc.font(FONT.regular).fontSize(10).text(k, M, y, { width: 90 });
    doc.text(`: ${v}`, M + 90, y, { width: W - 90 });
  }
  doc.moveDown(0.6);
  doc
    .font(FONT.regular)
    .fontSize(10)
    .text(`Total perekaman kantor: ${d.recap.total}`, M)
    .text(`Total perekaman selesai (tersegel): ${d.recap.sealed}`, M);
  doc.moveDown(0.6);

  const cols = [{ w: W - 160 }, { w: 80 }, { w: 80 }];
  const section = (title: string, first: string, groups: OfficeRecapGroup[]) => {
    if (doc.y > bottom - 60) {
      doc.addPage();
      doc.y = M;
    }
    doc.font(FONT.bold).fontSize(11).text(title, M);
    doc.moveDown(0.3);
    row([first, 'Jumlah', 'Selesai'], cols, true, true);
    for (const g of groups) {
      if (doc.y > bottom) {
        doc.addPage();
        doc.y = M;
      }
      row([g.key, String(g.total), String(g.sealed)], cols, false, false);
    }
    const total = groups.reduce((n, g) => n + g.total, 0);
    const sealed = groups.reduce((n, g) => n + g.sealed, 0);
    row(['Total', String(total), String(sealed)], cols, true, true);
    doc.moveDown(0.8);
  };
  section('Rekap per meja', 'Meja', d.recap.byDesk);
  section('Rekap per operator', 'Meja · operator', d.recap.byOperator);
  section('Rekap per desa/kelurahan', 'Desa/kelurahan', d.recap.byVillage);
  if (d.recap.total === 0) {
    doc.font(FONT.regular).fontSize(9).text('Tidak ada perekaman pada tanggal ini.', M);
  }

  pdfClosing(doc, {
    M,
    W,
    supervisorName: d.supervisorName,
    headTitle: d.headTitle,
    headName: d.headName,
    footer: `${REPORT_TITLE} · kantor ${d.hubId}`,
  });
  doc.end();
  return done;
}
