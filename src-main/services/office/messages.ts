import { defineMessages, translator } from '../../domain/i18n';

/** Office messages: Bahasa Indonesia first, English when the UI is switched. */
const TEXT = defineMessages('services/office', {
  notHub: {
    id: 'Stasiun ini bukan hub kantor. Jadikan hub dulu di layar Kantor.',
    en: 'This station is not the office hub. Make it the hub first on the Office screen.',
  },
  isHub: {
    id: 'Stasiun ini adalah hub kantor; meja lain yang bergabung ke sini.',
    en: 'This station is the office hub; other desks join it.',
  },
  hubNotListening: {
    id: 'Layanan hub belum berjalan. Mulai ulang stasiun, lalu coba lagi.',
    en: 'The hub service is not running. Restart the station and try again.',
  },
  recordingNotReported: {
    id: 'Perekaman ini belum dilaporkan oleh meja mana pun ke hub.',
    en: 'No desk has reported this recording to the hub yet.',
  },
  reasonNeeded: {
    id: 'Tulis alasan penolakan (paling sedikit 5 huruf) agar operator tahu apa yang diulang.',
    en: 'Write the rejection reason (at least 5 letters) so the operator knows what to redo.',
  },
  reportFailed: {
    id: 'Laporan kantor tidak terbaca ulang dengan benar. Coba cetak lagi; bila tetap gagal, hubungi teknisi.',
    en: 'The office report did not read back correctly. Print it again; if it still fails, call the technician.',
  },
  deskNotFound: { id: 'Meja tidak ditemukan.', en: 'Desk not found.' },
  cardNotFound: {
    id: 'Kartu antrean tidak ditemukan di hub.',
    en: 'Queue card not found on the hub.',
  },
  cardNotLive: {
    id: 'Kartu antrean ini sudah selesai atau dibatalkan di hub.',
    en: 'This queue card is already finished or cancelled on the hub.',
  },
  urlBad: {
    id: 'Alamat hub tidak terbaca. Contoh: https://192.168.1.10:7443',
    en: 'The hub address cannot be read. Example: https://192.168.1.10:7443',
  },
  unreachable: {
    id: 'Hub kantor tidak terjangkau ({detail}). Periksa alamat, kabel LAN, dan bahwa hub menyala.',
    en: 'The office hub cannot be reached ({detail}). Check the address, the LAN cable and that the hub is on.',
  },
  codeRefused: {
    id: 'Kode pemasangan ditolak (salah, sudah dipakai, atau kedaluwarsa). Minta kode baru di layar hub.',
    en: 'Pairing code refused (wrong, used or expired). Ask for a new code on the hub screen.',
  },
  hubNotGenuine: {
    id: 'Jawaban hub tidak cocok dengan kode: jangan lanjutkan, periksa bahwa alamat itu benar hub kantor.',
    en: "The hub's answer does not match the code: stop, and check the address is really the office hub.",
  },
  notPaired: {
    id: 'Meja ini tidak (lagi) dipasangkan dengan hub. Pasangkan ulang di layar Kantor.',
    en: 'This desk is not (or no longer) paired with the hub. Pair it again on the Office screen.',
  },
  hubKeyChanged: {
    id: 'Kunci TLS hub berubah: koneksi dihentikan. Pasangkan ulang setelah memastikan hubnya asli.',
    en: "The hub's TLS key changed: connection stopped. Pair again after checking the hub is genuine.",
  },
  offline: {
    id: 'Antrean kantor tidak terhubung',
    en: 'Office queue not connected',
  },
  clockSkew: {
    id: 'Jam meja selisih lebih dari 10 menit dengan hub: setel jam meja, lalu coba lagi.',
    en: "The desk's clock is more than 10 minutes off the hub's: set the desk's clock and try again.",
  },
  refused: {
    id: 'Hub menolak permintaan ({detail}).',
    en: 'The hub refused the request ({detail}).',
  },
});

export type OfficeTextKey = keyof typeof TEXT;

export const omsg = translator(TEXT);
