/**
 * Host-level replies (before a request reaches the station). Indonesian first; English when
 * the browser asks for it, since the host cannot know the UI locale before a call succeeds.
 */
import { defineMessages } from '../../domain/i18n';

const text = defineMessages('hosts/browser', {
  unauthenticated: {
    id: 'Sesi peramban tidak sah. Buka kembali Rekam dari tautan yang ditampilkan saat host dijalankan.',
    en: 'This browser session is not authorised. Reopen Rekam from the link printed when the host started.',
  },
  forbidden: {
    id: 'Permintaan ditolak: asal permintaan bukan halaman Rekam.',
    en: 'Request refused: it did not come from the Rekam page.',
  },
  contentType: {
    id: 'Format permintaan tidak didukung (harus application/json).',
    en: 'Unsupported request format (must be application/json).',
  },
  tooLarge: {
    id: 'Permintaan terlalu besar (maksimal 1 MB).',
    en: 'Request too large (1 MB at most).',
  },
  badJson: {
    id: 'Isi permintaan bukan JSON yang sah.',
    en: 'The request body is not valid JSON.',
  },
  unknownMethod: { id: 'Perintah tidak dikenal.', en: 'Unknown command.' },
  methodNotAllowed: {
    id: 'Metode HTTP tidak diizinkan (gunakan POST).',
    en: 'HTTP method not allowed (use POST).',
  },
  notFound: { id: 'Tidak ditemukan.', en: 'Not found.' },
  internal: {
    id: 'Terjadi kesalahan internal. Coba lagi; jika berulang, hubungi teknisi.',
    en: 'Internal error. Try again; if it keeps happening, call the technician.',
  },
});

export type HostMessage = keyof typeof text;

export function hostMessage(key: HostMessage, acceptLanguage: string | undefined): string {
  const lang = /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'id';
  return text[key][lang];
}
