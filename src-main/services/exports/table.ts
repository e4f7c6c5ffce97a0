// The supervisor's spreadsheet of a range: metadata only. There is deliberately no column for
// the photo, fingerprints or signature; the NIK is masked unless the supervisor asks otherwise.
import { maskNik } from '../../domain/nik';
import type { ExportRow } from './data';
import { CENTRAL_LABEL, STATUS_LABEL } from './messages';

export const TABLE_HEADER = [
  'No',
  'ID Perekaman',
  'NIK',
  'Nama',
  'Jenis Kelamin',
  'Kode Kel/Desa',
  'Status',
  'Status Pusat',
  'Operator',
  'Dibuat',
  'Disegel',
  'ID Paket',
] as const;

/** Words that would betray a biometric column; the read-back refuses a file holding one. */
export const BIOMETRIC_WORDS = ['foto', 'photo', 'sidik', 'finger', 'tanda tangan', 'signature'];

/** "2025-06-10 09.05" in the station's local time. */
export function localStamp(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}.${p(d.getMinutes())}`;
}

export function tableRows(rows: readonly ExportRow[], fullNik: boolean): string[][] {
  return [
    [...TABLE_HEADER],
    ...rows.map((r, i) => [
      String(i + 1),
      r.id,
      fullNik ? r.nik : maskNik(r.nik),
      r.name,
      r.sex,
      r.villageCode,
      STATUS_LABEL[r.status] ?? r.status,
      r.centralStatus ? (CENTRAL_LABEL[r.centralStatus] ?? r.centralStatus) : '',
      r.operator,
      localStamp(r.createdAt),
      localStamp(r.sealedAt),
      r.packetId ?? '',
    ]),
  ];
}

/** Checks a parsed file against what was meant to be written. Returns problems (empty = ok). */
export function checkTable(parsed: string[][], expected: string[][]): string[] {
  const problems: string[] = [];
  const header = parsed[0] ?? [];
  if (header.join('|') !== expected[0]!.join('|')) problems.push('header');
  if (header.some((h) => BIOMETRIC_WORDS.some((w) => h.toLowerCase().includes(w)))) {
    problems.push('biometric column');
  }
  if (parsed.length !== expected.length) problems.push(`rows ${parsed.length - 1}`);
  for (let i = 1; i < expected.length; i++) {
    const got = parsed[i] ?? [];
    const want = expected[i]!;
    const same =
      got.length === want.length &&
      want.every((w, c) => got[c] === w || got[c] === `'${w}` || got[c] === `\t${w}`);
    if (!same) {
      problems.push(`row ${i}`);
      break;
    }
  }
  return problems;
}
