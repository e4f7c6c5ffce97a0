// The technician's texts of the diagnostics checks and bundle (network problems, sync state,
// the export's progress steps).
import { defineMessages, translator } from '../../domain/i18n';

const TEXT = defineMessages('services/diagnostics/messages', {
  notConfigured: {
    id: 'Alamat server pusat belum diatur.',
    en: 'The central server address is not set.',
  },
  syncNever: { id: 'Belum pernah berhasil sinkron.', en: 'Never synced successfully.' },
  syncOk: { id: 'Sinkron terakhir berhasil.', en: 'The last sync succeeded.' },
  syncState: { id: 'Status sinkron: {state}.', en: 'Sync state: {state}.' },
  'sync.idle': { id: 'siap', en: 'ready' },
  'sync.syncing': { id: 'sedang mengirim', en: 'sending' },
  'sync.paused': { id: 'dijeda', en: 'paused' },
  'sync.offline': { id: 'tidak terhubung', en: 'offline' },
  'sync.not-configured': { id: 'server pusat belum diatur', en: 'central server not set' },
  'sync.error': { id: 'galat', en: 'error' },
  'net.tls-pin-mismatch': {
    id: 'Kunci TLS server pusat BERBEDA dari pin yang tersimpan. Jangan lanjutkan; telepon admin pusat.',
    en: 'The central server TLS key DIFFERS from the stored pin. Do not continue; call the central admin.',
  },
  'net.tls-untrusted': {
    id: 'Sertifikat TLS server pusat tidak dipercaya dan belum ada pin. Isi pin TLS di layar Pusat.',
    en: 'The central TLS certificate is not trusted and no pin is stored. Enter the TLS pin on the Central screen.',
  },
  'net.timeout': {
    id: 'Server pusat tidak menjawab dalam batas waktu (jaringan lambat atau putus).',
    en: 'The central server did not answer in time (slow or broken network).',
  },
  'net.refused': {
    id: 'Koneksi ditolak: server pusat mati atau port salah.',
    en: 'Connection refused: the central server is down or the port is wrong.',
  },
  'net.dns': {
    id: 'Nama server pusat tidak ditemukan (DNS). Periksa alamat dan jaringan.',
    en: 'The central server name was not found (DNS). Check the address and the network.',
  },
  'net.other': {
    id: 'Server pusat tidak terjangkau ({code}).',
    en: 'The central server is unreachable ({code}).',
  },
  integrityUnreadable: {
    id: 'Pemeriksaan basis data gagal: {detail}',
    en: 'The database check failed: {detail}',
  },
  exportFailed: {
    id: 'Ekspor diagnostik gagal. Coba lagi; jika tetap gagal, catat jamnya dan hubungi kantor.',
    en: 'The diagnostics export failed. Try again; if it keeps failing, note the time and call the office.',
  },
  stepStart: { id: 'Menyiapkan…', en: 'Preparing…' },
  stepApp: { id: 'Versi aplikasi dan sistem', en: 'App and system versions' },
  stepDevices: { id: 'Daftar perangkat', en: 'Device inventory' },
  stepConfig: { id: 'Konfigurasi (tanpa rahasia)', en: 'Configuration (no secrets)' },
  stepNetwork: { id: 'Memeriksa jaringan', en: 'Checking the network' },
  stepStorage: { id: 'Memeriksa penyimpanan', en: 'Checking storage' },
  stepLogs: {
    id: 'Menyaring log dari data pribadi',
    en: 'Filtering personal data out of the logs',
  },
  stepZip: { id: 'Membuat berkas zip', en: 'Building the zip file' },
  stepDone: { id: 'Selesai', en: 'Done' },
});

export type TextKey = keyof typeof TEXT;
export const say = translator(TEXT);
