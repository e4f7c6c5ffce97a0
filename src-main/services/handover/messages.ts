/** Texts of the printed-card services, Bahasa Indonesia first. Placeholders: {name}. */
import { defineMessages, translator } from '../../domain/i18n';

const MESSAGES = defineMessages('services/handover', {
  notConfigured: {
    id: 'Server pusat belum diatur atau stasiun belum terdaftar. Minta teknisi mengaturnya di menu Server pusat.',
    en: 'The centre is not configured or this station is not registered. Ask the technician to set it up under Central server.',
  },
  feedOffline: {
    id: 'Server pusat tidak dapat dihubungi. Coba lagi nanti; kiriman kartu tetap tercatat di pusat.',
    en: 'The centre cannot be reached. Try again later; the card shipments stay recorded at the centre.',
  },
  feedTrouble: {
    id: 'Server pusat menjawab dengan kesalahan ({detail}). Coba lagi nanti atau hubungi teknisi.',
    en: 'The centre answered with an error ({detail}). Try again later or call the technician.',
  },
  batchNotFound: {
    id: 'Batch {batchNo} tidak ditemukan.',
    en: 'Batch {batchNo} not found.',
  },
  batchAlreadyArrived: {
    id: 'Batch {batchNo} sudah dikonfirmasi tiba.',
    en: 'Batch {batchNo} was already confirmed as arrived.',
  },
  notInBatch: {
    id: 'Kartu yang ditandai hilang tidak termasuk batch {batchNo}. Muat ulang daftar kartu.',
    en: 'A card marked missing is not in batch {batchNo}. Reload the card list.',
  },
  countShort: {
    id: 'Jumlah diterima {received}, tetapi {unaccounted} kartu lagi belum ditandai hilang. Hitung ulang isi kotak atau tandai kartu yang tidak ada.',
    en: 'Received {received}, but {unaccounted} more cards are not marked missing. Count the box again or mark the cards that are not there.',
  },
  cardNotAtOffice: {
    id: 'Kartu ini tidak sedang ada di kantor.',
    en: 'This card is not at the office.',
  },
});

export const handoverText = translator(MESSAGES);
