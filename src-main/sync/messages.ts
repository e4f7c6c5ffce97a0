import { defineMessages, translator } from '../domain/i18n';

/** Kept as a name for sync/runner.ts; it is the one `Locale` of domain/i18n. */

const TEXT = defineMessages('sync/messages', {
  offline: {
    id: 'Server pusat tidak terjangkau. Paket tetap aman di antrean dan dikirim otomatis saat jaringan kembali.',
    en: 'The central server is unreachable. Packets stay safe in the queue and are sent automatically when the network is back.',
  },
  serverError: {
    id: 'Server pusat sedang bermasalah (galat {status}). Pengiriman dicoba lagi otomatis.',
    en: 'The central server has a problem (error {status}). Sending is retried automatically.',
  },
  refused: {
    id: 'Server pusat menolak kiriman (galat {status}). Dicoba lagi nanti; hubungi teknisi jika berulang.',
    en: 'The central server refused the upload (error {status}). Retrying later; call the technician if it repeats.',
  },
  pinMismatch: {
    id: 'Server pusat memakai kunci TLS lain dari yang tersimpan: pengiriman ditahan. Panggil teknisi (layar Pusat).',
    en: 'The central server uses another TLS key than the stored one: sending is held. Call the technician (Central screen).',
  },
  untrusted: {
    id: 'Sertifikat TLS server pusat tidak dipercaya: pengiriman ditahan. Panggil teknisi (layar Pusat).',
    en: 'The central TLS certificate is not trusted: sending is held. Call the technician (Central screen).',
  },
});

export const syncText = translator(TEXT);
