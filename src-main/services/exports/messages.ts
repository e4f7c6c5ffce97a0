import { defineMessages, translator } from '../../domain/i18n';

const TEXT = defineMessages('services/exports', {
  badRange: {
    id: 'Rentang tanggal tidak sah (dari ≤ sampai, paling lama 366 hari).',
    en: 'Invalid date range (from ≤ to, at most 366 days).',
  },
  nothing: {
    id: 'Tidak ada paket tersegel pada rentang tanggal ini.',
    en: 'There are no sealed packets in this date range.',
  },
  villageEmpty: {
    id: 'Tidak ada KTP-el yang menunggu diambil untuk desa/kelurahan ini.',
    en: 'No KTP-el cards are waiting to be collected for this village.',
  },
  noStation: { id: 'Stasiun belum disiapkan.', en: 'The station is not set up.' },
  folderMissing: {
    id: 'Folder tidak ditemukan. Periksa jalurnya atau pasang media penyimpanan.',
    en: 'The folder does not exist. Check the path or plug in the storage medium.',
  },
  folderNotDir: { id: 'Jalur ini bukan folder.', en: 'This path is not a folder.' },
  folderRelative: {
    id: 'Tulis jalur lengkap folder (mis. /media/usb atau D:\\ekspor).',
    en: 'Enter the full folder path (e.g. /media/usb or D:\\export).',
  },
  folderReadOnly: {
    id: 'Folder tidak dapat ditulisi (media terkunci atau tanpa izin).',
    en: 'The folder cannot be written (medium locked or no permission).',
  },
  folderFull: {
    id: 'Ruang kosong di folder tidak cukup ({need} MB diperlukan).',
    en: 'Not enough free space in the folder ({need} MB needed).',
  },
  writeFailed: {
    id: 'Bundel gagal ditulis: {detail}. Tidak ada yang berubah; coba media lain.',
    en: 'The bundle could not be written: {detail}. Nothing was changed; try another medium.',
  },
  verifyFailed: {
    id: 'Pemeriksaan ulang ekspor gagal: {detail}. Berkas tidak dipakai; coba lagi.',
    en: 'Re-reading the export failed: {detail}. The file was discarded; try again.',
  },
  stepCollect: { id: 'Mengumpulkan data…', en: 'Collecting data…' },
  stepRender: { id: 'Menyusun berkas…', en: 'Building the file…' },
  stepVerify: { id: 'Memeriksa ulang hasil…', en: 'Re-reading the result…' },
  stepPacket: { id: 'Menyalin paket {i} dari {n}…', en: 'Copying packet {i} of {n}…' },
  stepDone: { id: 'Selesai.', en: 'Done.' },
  checkPages: { id: '{n} halaman A4', en: '{n} A4 page(s)' },
  checkPdfTitle: { id: 'Judul laporan terbaca', en: 'Report title readable' },
  checkRows: { id: '{n} baris data terbaca ulang', en: '{n} data row(s) read back' },
  checkNoBio: {
    id: 'Tanpa kolom biometrik (foto, sidik jari, tanda tangan)',
    en: 'No biometric columns (photo, fingerprints, signature)',
  },
  checkNikMasked: { id: 'NIK disamarkan', en: 'NIKs masked' },
  checkNikFull: { id: 'NIK lengkap (tercatat di log audit)', en: 'Full NIKs (audit-logged)' },
  checkSig: {
    id: 'Tanda tangan manifes sah (kunci stasiun)',
    en: 'Manifest signature valid (station key)',
  },
  checkPackets: {
    id: '{n} paket: ukuran dan SHA-256 cocok',
    en: '{n} packet(s): sizes and SHA-256 match',
  },
  checkSums: { id: 'SHA256SUMS cocok', en: 'SHA256SUMS matches' },
});
export type ExportTextKey = keyof typeof TEXT;

export const et = translator(TEXT);

export const STATUS_LABEL: Record<string, string> = {
  draft: 'Draf',
  sealed: 'Disegel',
  approved: 'Disetujui',
  rejected: 'Ditolak',
  uploaded: 'Terkirim',
};

export const CENTRAL_LABEL: Record<string, string> = {
  received: 'Diterima pusat',
  duplicate: 'Duplikat',
  rejected: 'Ditolak pusat',
  'print-ready': 'Siap cetak',
};
