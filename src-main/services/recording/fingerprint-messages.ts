// The operator's texts of the ten-finger capture (prompts, progress, refusals).
import { defineMessages, translator } from '../../domain/i18n';

const TEXT = defineMessages('services/recording/fingerprint-messages', {
  waiting: { id: 'Letakkan {finger} di sensor', en: 'Place the {finger} on the sensor' },
  lift: {
    id: 'Gambar {finger} sudah diambil — angkat jari',
    en: 'The {finger} is captured — lift the finger',
  },
  uploading: {
    id: 'Mengirim gambar {finger} ke komputer… {percent}%',
    en: 'Sending the {finger} image to the computer… {percent}%',
  },
  imageReady: {
    id: 'Gambar {finger} diterima — memeriksa mutu',
    en: 'The {finger} image is in — checking its quality',
  },
  cancelled: { id: 'Pengambilan dibatalkan', en: 'Capture cancelled' },
  noFingerTimeout: {
    id: 'Tidak ada jari di sensor selama {seconds} detik. Tekan Ambil untuk mencoba lagi.',
    en: 'No finger on the sensor for {seconds} seconds. Press Capture to try again.',
  },
  busy: {
    id: 'Pemindai sedang menunggu jari lain. Tunggu atau batalkan dulu.',
    en: 'The scanner is waiting for another finger. Wait or cancel it first.',
  },
  notReady: {
    id: 'Pemindai sidik jari belum siap. Periksa kabel atau hubungi teknisi.',
    en: 'The fingerprint scanner is not ready. Check the cable or call a technician.',
  },
  notOwner: {
    id: 'Perekaman ini dibuat oleh operator lain.',
    en: 'This recording belongs to another operator.',
  },
  alreadyTaken: {
    id: 'Jari ini sudah diambil. Hapus dulu jika ingin mengulang.',
    en: 'This finger is already taken. Clear it first to take it again.',
  },
  notSimulated: {
    id: 'Pemindai ini bukan simulasi.',
    en: 'This scanner is not a simulator.',
  },
});

export const t = translator(TEXT);
