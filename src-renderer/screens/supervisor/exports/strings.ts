import i18next from 'i18next';

/** The exports screen's texts live with the screen (registered under `exp`), like diagnostics. */
const id = {
  title: 'Ekspor',
  intro:
    'Laporan harian untuk ditandatangani, tabel perekaman (tanpa biometrik) dan bundel luring untuk dibawa ke pusat bila jaringan putus. Setiap hasil diperiksa ulang sebelum dinyatakan selesai.',
  from: 'Dari tanggal',
  to: 'Sampai tanggal',
  date: 'Tanggal',
  running: 'Sedang berjalan… {{percent}}%',
  verified: 'Diperiksa ulang',
  save: 'Simpan lagi',
  saved: '{{name}} ({{size}}) disimpan.',
  preview:
    '{{recordings}} perekaman, {{packets}} paket tersegel ({{size}}), {{exported}} sudah pernah dibundel.',
  report: {
    title: '1. Laporan harian (PDF)',
    headTitle: 'Jabatan penandatangan',
    headName: 'Nama penandatangan (boleh kosong)',
    button: 'Buat laporan harian',
    done: 'Laporan {{pages}} halaman, {{rows}} perekaman.',
  },
  table: {
    title: '2. Tabel perekaman (CSV / XLSX)',
    format: 'Format',
    delimiter: 'Pemisah kolom CSV',
    delimiterSemicolon: 'Titik koma (;)',
    delimiterComma: 'Koma (,)',
    delimiterHint:
      'Titik koma untuk Excel/LibreOffice berbahasa Indonesia, koma untuk yang berbahasa Inggris. NIK lengkap tetap 16 angka saat berkas dibuka.',
    fullNik: 'NIK lengkap (dicatat di log audit)',
    fullNikHint:
      'Bawaan: NIK disamarkan. NIK lengkap adalah data pribadi — pakai hanya bila perlu dan simpan dengan aman.',
    button: 'Ekspor tabel',
    done_one: '{{count}} baris diekspor.',
    done_other: '{{count}} baris diekspor.',
  },
  bundle: {
    title: '3. Bundel luring (ke folder / flashdisk)',
    folder: 'Folder tujuan di stasiun ini',
    folderHint:
      'Jalur lengkap, mis. /media/usb atau E:\\. Paket tetap terenkripsi untuk server pusat.',
    check: 'Periksa folder',
    folderOk: 'Folder dapat ditulisi ({{free}} kosong).',
    button: 'Tulis bundel',
    done: 'Bundel {{name}}: {{packets}} paket, {{size}}.',
    manifest: 'SHA-256 manifes',
    note: 'Paket yang dibundel tetap dikirim lewat jaringan saat tersambung; pusat menghitung setiap paket sekali.',
  },
  log: {
    title: 'Riwayat ekspor',
    empty: 'Belum ada ekspor.',
    at: 'Waktu',
    kind: 'Jenis',
    range: 'Rentang',
    file: 'Berkas',
    rows: 'Baris/paket',
    by: 'Oleh',
  },
};

const en: typeof id = {
  title: 'Exports',
  intro:
    'The daily report to sign, the recordings table (no biometrics) and offline bundles to carry to the centre when the network is down. Every result is read back before it counts as done.',
  from: 'From',
  to: 'To',
  date: 'Date',
  running: 'Running… {{percent}}%',
  verified: 'Read back',
  save: 'Save again',
  saved: '{{name}} ({{size}}) saved.',
  preview:
    '{{recordings}} recordings, {{packets}} sealed packets ({{size}}), {{exported}} already bundled.',
  report: {
    title: '1. Daily report (PDF)',
    headTitle: 'Signatory title',
    headName: 'Signatory name (optional)',
    button: 'Build daily report',
    done: 'Report ready: pages {{pages}}, recordings {{rows}}.',
  },
  table: {
    title: '2. Recordings table (CSV / XLSX)',
    format: 'Format',
    delimiter: 'CSV column separator',
    delimiterSemicolon: 'Semicolon (;)',
    delimiterComma: 'Comma (,)',
    delimiterHint:
      'Semicolon for Excel/LibreOffice set to Indonesian, comma for English. Full NIKs keep all 16 digits when the file is opened.',
    fullNik: 'Full NIK (audit-logged)',
    fullNikHint:
      'Default: NIKs masked. A full NIK is personal data — use only when needed and keep the file safe.',
    button: 'Export table',
    done_one: '{{count}} row exported.',
    done_other: '{{count}} rows exported.',
  },
  bundle: {
    title: '3. Offline bundle (to a folder / USB stick)',
    folder: 'Target folder on this station',
    folderHint: 'Full path, e.g. /media/usb or E:\\. Packets stay encrypted to the central server.',
    check: 'Check folder',
    folderOk: 'The folder is writable ({{free}} free).',
    button: 'Write bundle',
    done: 'Bundle {{name}}: {{packets}} packets, {{size}}.',
    manifest: 'Manifest SHA-256',
    note: 'Bundled packets still upload over the network when it returns; the centre counts each packet once.',
  },
  log: {
    title: 'Export history',
    empty: 'No exports yet.',
    at: 'Time',
    kind: 'Kind',
    range: 'Range',
    file: 'File',
    rows: 'Rows/packets',
    by: 'By',
  },
};

let registered = false;

export function registerExportStrings(): void {
  if (registered) return;
  i18next.addResourceBundle('id', 'translation', { exp: id }, true, true);
  i18next.addResourceBundle('en', 'translation', { exp: en }, true, true);
  registered = true;
}
