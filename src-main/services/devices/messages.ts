// The technician's texts of the device list, the device choice and the self-tests.
import { defineMessages, translator } from '../../domain/i18n';

const TEXT = defineMessages('services/devices/messages', {
  simFingerprint: { id: 'Pemindai sidik jari SIMULASI', en: 'SIMULATED fingerprint scanner' },
  realFingerprint: { id: 'Modul sidik jari (ZFM/R30x)', en: 'Fingerprint module (ZFM/R30x)' },
  simSignature: { id: 'Pad tanda tangan SIMULASI', en: 'SIMULATED signature pad' },
  realSignature: { id: 'Pad tanda tangan', en: 'Signature pad' },
  camera: { id: 'Kamera', en: 'Camera' },
  probing: { id: 'Sedang diperiksa…', en: 'Being probed…' },
  silent: {
    id: 'Port ada, tetapi modul sidik jari tidak menjawab: {e}',
    en: 'Port present, but no fingerprint module answered: {e}',
  },
  inUse: { id: 'Dipakai oleh pemindai aktif', en: 'In use by the active scanner' },
  vendorPen: {
    id: 'Pena ini hanya mengirim data di halaman vendor (bukan HID Digitizer standar): belum didukung. Pakai Wacom STU atau pad pena HID standar.',
    en: 'This pen sends its data only on a vendor-specific page (not standard HID Digitizer): not supported yet. Use a Wacom STU or a standard HID pen pad.',
  },
  hostDown: {
    id: 'Proses driver perangkat berhenti; sedang dimulai ulang.',
    en: 'The device driver process stopped; restarting it.',
  },
  unknownDevice: {
    id: 'Perangkat tidak ditemukan. Muat ulang daftar perangkat.',
    en: 'Device not found. Reload the device list.',
  },
  wrongModality: {
    id: 'Perangkat ini bukan untuk {m}.',
    en: 'This device is not for {m}.',
  },
  selfTestBusy: {
    id: 'Uji mandiri {m} masih berjalan. Tunggu sampai selesai.',
    en: 'The {m} self-test is still running. Wait for it to finish.',
  },
  fingerprint: { id: 'sidik jari', en: 'fingerprints' },
  signature: { id: 'tanda tangan', en: 'signatures' },
});

export const t = translator(TEXT);
