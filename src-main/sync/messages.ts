export type SyncLocale = 'id' | 'en';

const TEXT = {
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
} as const;

export function syncText(
  locale: SyncLocale,
  key: keyof typeof TEXT,
  params: Record<string, string> = {},
): string {
  return TEXT[key][locale].replace(/\{(\w+)\}/g, (_, n: string) => params[n] ?? '');
}
