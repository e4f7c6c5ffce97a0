import { defineMessages, translator } from '../../domain/i18n';

/** Texts of the delivery rounds, Bahasa Indonesia first. */
const ROUND_TEXT = defineMessages('services/handover/rounds', {
  notFound: {
    id: 'Rute antar ini tidak ditemukan. Muat ulang daftar rute.',
    en: 'This delivery round was not found. Reload the list of rounds.',
  },
  notPlanned: {
    id: 'Rute antar ini sudah berangkat atau ditutup; daftar kartunya tidak bisa diubah lagi.',
    en: 'This delivery round has left or is closed; its list of cards cannot change any more.',
  },
  notOut: {
    id: 'Rute antar ini belum berangkat atau sudah ditutup.',
    en: 'This delivery round has not left yet or is already closed.',
  },
  closed: {
    id: 'Rute antar ini sudah ditutup.',
    en: 'This delivery round is already closed.',
  },
  notAtOffice: {
    id: 'Kartu berikut tidak lagi ada di kantor: {names}. Keluarkan dari rute lalu coba lagi.',
    en: 'These cards are no longer at the office: {names}. Take them off the round and try again.',
  },
  onOtherRound: {
    id: 'Kartu berikut sudah masuk rute antar lain: {names}. Pilih kartu lain.',
    en: 'These cards are already on another delivery round: {names}. Choose other cards.',
  },
  badOrder: {
    id: 'Urutan baru tidak cocok dengan kartu di rute ini. Muat ulang rute lalu atur lagi.',
    en: 'The new order does not match the cards of this round. Reload the round and order it again.',
  },
  notOnRound: {
    id: 'Kartu ini tidak ada di rute antar ini.',
    en: 'This card is not on this delivery round.',
  },
  notPending: {
    id: 'Hasil pengantaran kartu ini sudah dicatat.',
    en: 'The outcome of this card is already recorded.',
  },
  empty: {
    id: 'Rute antar ini tidak punya kartu lagi. Tutup rute ini dan buat yang baru.',
    en: 'This delivery round has no cards left. Close it and make a new one.',
  },
});

export const rt = translator(ROUND_TEXT);
