import { cleanNumber, parseNik } from '../../domain/nik';
import { t } from '../../domain/messages';
import { formatWeekdayDay, isoDay } from '../../domain/format-date';
import { defineMessages, translator, type Locale, type Message } from '../../domain/i18n';

/** Queue texts for operators, Bahasa Indonesia first. Placeholders: {name}. */
const MESSAGES = defineMessages('services/queue', {
  cardNotFound: { id: 'Kartu antrian tidak ditemukan.', en: 'Queue card not found.' },
  cardNotLive: {
    id: 'Kartu {number} sudah {status}; tidak bisa diubah lagi.',
    en: 'Card {number} is already {status}; it cannot be changed.',
  },
  cannotUndoNoShow: {
    id: 'Kartu {number} tidak bisa dikembalikan ke antrean: hanya "tidak hadir" hari ini yang bisa dibatalkan.',
    en: "Card {number} cannot go back to the queue: only today's no-show can be undone.",
  },
  cardNotCalled: {
    id: 'Kartu {number} belum dipanggil.',
    en: 'Card {number} has not been called.',
  },
  noCapacity: {
    id: 'Tidak ada hari layanan dengan kapasitas dalam setahun ke depan. Minta supervisor memeriksa pengaturan kapasitas (loket aktif, perekaman per loket, hari layanan).',
    en: 'No service day with capacity within a year. Ask a supervisor to check the capacity settings (active desks, recordings per desk, service days).',
  },
  nameRequired: { id: 'Nama wajib diisi.', en: 'Name is required.' },
  phoneBad: {
    id: 'Nomor telepon tidak valid ({phone}): 8–15 angka, boleh diawali +.',
    en: 'Phone number not valid ({phone}): 8–15 digits, may start with +.',
  },
  today: { id: 'Dilayani hari ini.', en: 'Served today.' },
  todayFull: {
    id: 'Kuota hari ini sudah penuh. Jadwal pasti: {date}.',
    en: "Today's quota is full. Guaranteed date: {date}.",
  },
  todayClosedHours: {
    id: 'Layanan hari ini sudah tutup (pukul {time}). Jadwal pasti: {date}.',
    en: 'Service has closed for today ({time}). Guaranteed date: {date}.',
  },
  todayNotService: {
    id: 'Hari ini tidak ada layanan. Jadwal pasti: {date}.',
    en: 'No service today. Guaranteed date: {date}.',
  },
  existingCard: {
    id: 'NIK ini sudah punya kartu antrian {number} untuk {date}; kartu yang sama dicetak ulang.',
    en: 'This NIK already has queue card {number} for {date}; the same card is reprinted.',
  },
  hoursBad: {
    id: 'Jam tutup harus setelah jam buka.',
    en: 'Closing time must be after opening time.',
  },
  dateBad: { id: 'Tanggal tidak valid: {date}.', en: 'Not a valid date: {date}.' },
  recordingNotFound: { id: 'Perekaman tidak ditemukan.', en: 'Recording not found.' },
  listNotFound: {
    id: 'Daftar pra-registrasi tidak ditemukan.',
    en: 'Pre-registration list not found.',
  },
  entryNotFound: {
    id: 'Data pra-registrasi tidak ditemukan.',
    en: 'Pre-registration entry not found.',
  },
  listEmpty: {
    id: 'Berkas kosong atau tidak ada baris data.',
    en: 'The file is empty or has no data rows.',
  },
  listHeader: {
    id: 'Baris judul tidak dikenali. Kolom yang diperlukan: NIK (atau NO. KTP), NAMA (atau NAMA LENGKAP); boleh juga ALAMAT, NO. HP/WA (atau TELEPON) dan NO. KK.',
    en: 'Header row not recognised. Required columns: NIK (or NO. KTP), NAMA (name, or NAMA LENGKAP); optional ALAMAT (address), NO. HP/WA (or TELEPON, phone) and NO. KK (family card).',
  },
  listTooBig: {
    id: 'Berkas terlalu besar setelah dibuka (lebih dari 40 MB isi) atau rusak. Simpan ulang hanya lembar daftarnya, atau bagi menjadi beberapa berkas.',
    en: 'The file is too large once unpacked (over 40 MB of content) or damaged. Save only the list sheet again, or split it into several files.',
  },
  listTooManyRows: {
    id: 'Berkas berisi lebih dari 50.000 baris. Bagi menjadi beberapa berkas.',
    en: 'The file has more than 50,000 rows. Split it into several files.',
  },
  listTimeout: {
    id: 'Berkas terlalu lama dibaca dan dihentikan. Simpan ulang dari Excel/LibreOffice sebagai XLSX atau CSV biasa, lalu coba lagi.',
    en: 'Reading the file took too long and was stopped. Save it again from Excel/LibreOffice as a plain XLSX or CSV, then try again.',
  },
  nikAsNumber: {
    id: 'NIK tersimpan sebagai angka, angka terakhirnya bisa sudah berubah: kolom NIK diformat sebagai angka oleh Excel; format kolom sebagai Teks lalu ketik ulang dari KK.',
    en: 'The NIK was stored as a number, so its last digits may already have changed: the NIK column was formatted as a number by Excel; format the column as Text, then type the NIKs again from the family card (KK).',
  },
  kkAsNumber: {
    id: 'No. KK tersimpan sebagai angka, angka terakhirnya bisa sudah berubah: kolom No. KK diformat sebagai angka oleh Excel; format kolom sebagai Teks lalu ketik ulang dari KK.',
    en: 'The family card number was stored as a number, so its last digits may already have changed: format the No. KK column as Text, then type the numbers again from the family card (KK).',
  },
  kkBad: {
    id: 'No. KK harus 16 angka, yang diisi {length} tanda.',
    en: 'The family card number (No. KK) must be 16 digits; {length} characters were entered.',
  },
  sheetMissing: {
    id: 'Lembar "{sheet}" tidak ada di berkas. Lembar yang ada: {sheets}.',
    en: 'Sheet "{sheet}" is not in the file. Sheets in the file: {sheets}.',
  },
  sheetRead: {
    id: '(Lembar yang dibaca: "{sheet}". Berkas ini punya beberapa lembar: {sheets}; pilih lembar lain bila daftarnya ada di sana.)',
    en: '(Sheet read: "{sheet}". This file has several sheets: {sheets}; choose another sheet if the list is there.)',
  },
  listUnreadable: {
    id: 'Berkas tidak bisa dibaca sebagai CSV atau XLSX ({detail}).',
    en: 'The file cannot be read as CSV or XLSX ({detail}).',
  },
  rowNameMissing: { id: 'Nama kosong.', en: 'Name is empty.' },
  rowNameLong: {
    id: 'Nama terlalu panjang (lebih dari 120 huruf).',
    en: 'Name too long (over 120 characters).',
  },
  rowAddressLong: {
    id: 'Alamat terlalu panjang (lebih dari 200 huruf).',
    en: 'Address too long (over 200 characters).',
  },
  rowDuplicate: {
    id: 'NIK sama dengan baris {row}.',
    en: 'Same NIK as row {row}.',
  },
  alreadyRecorded: { id: 'Sudah direkam.', en: 'Already recorded.' },
  sessionNotFound: { id: 'Sesi jemput bola tidak ditemukan.', en: 'Outreach session not found.' },
  sessionActiveOther: {
    id: 'Sesi lain masih aktif ({place}). Akhiri dulu sesi itu.',
    en: 'Another session is still active ({place}). End that session first.',
  },
  sessionEnded: { id: 'Sesi ini sudah berakhir.', en: 'This session has ended.' },
  sessionNotActive: { id: 'Sesi ini tidak sedang aktif.', en: 'This session is not active.' },
  printerNone: {
    id: 'Printer struk belum diatur. Cetak kartu dari PDF, atau minta teknisi mengatur printer.',
    en: 'No receipt printer is set up. Print the card from the PDF, or ask a technician to set up the printer.',
  },
  printerFailed: {
    id: 'Printer struk tidak bisa mencetak: {detail}. Periksa kabel, daya dan kertas, lalu coba lagi.',
    en: 'The receipt printer cannot print: {detail}. Check the cable, power and paper, then try again.',
  },
  rangeBad: {
    id: 'Rentang tanggal tidak valid (paling lama 366 hari).',
    en: 'Date range not valid (at most 366 days).',
  },
  dayHoliday: { id: 'Libur: {label}', en: 'Holiday: {label}' },
  dayClosure: { id: 'Tutup: {label}', en: 'Closed: {label}' },
  dayNotServed: { id: 'Bukan hari layanan', en: 'Not a service day' },
});

export type QueueMessage = keyof typeof MESSAGES;

export const qmsg = translator(MESSAGES);

/** Why the receipt printer failed, by `PrintError` code (the end of a sentence). */
export const PRINT_ERRORS = defineMessages('services/queue/print-errors', {
  'open-failed': {
    id: 'port serial tidak bisa dibuka',
    en: 'the serial port cannot be opened',
  },
  'no-answer': {
    id: 'printer tidak menjawab (mati atau kabel lepas?)',
    en: 'the printer does not answer (off or cable loose?)',
  },
  offline: {
    id: 'printer offline (tutup terbuka atau error)',
    en: 'the printer is offline (cover open or error)',
  },
  'paper-end': { id: 'kertas habis', en: 'out of paper' },
  'write-failed': { id: 'pengiriman data gagal', en: 'sending the data failed' },
});

export const printError = translator(PRINT_ERRORS);

const STATUS: Record<string, Message> = defineMessages('services/queue/status', {
  waiting: { id: 'menunggu', en: 'waiting' },
  called: { id: 'dipanggil', en: 'called' },
  skipped: { id: 'dilewati', en: 'skipped' },
  served: { id: 'dilayani', en: 'served' },
  'no-show': { id: 'tidak hadir', en: 'a no-show' },
  cancelled: { id: 'dibatalkan', en: 'cancelled' },
});
export const statusLabel = (s: string, locale: Locale): string => STATUS[s]?.[locale] ?? s;

/** 'YYYY-MM-DD' → 'Senin, 3 Maret 2025' (the card and the operator's note). */
export function formatServiceDate(date: string, locale: Locale): string {
  return formatWeekdayDay(isoDay(date), locale);
}

/** The operator-facing reason a NIK is refused, or null when it is well-formed. */
export function nikProblem(raw: string, locale: Locale): string | null {
  const r = parseNik(raw);
  if (r.ok) return null;
  const value = cleanNumber(raw);
  const bad = [...new Set([...value].filter((c) => !/\d/.test(c)))];
  return t(r.code, locale, {
    chars: bad.map((c) => `'${c}'`).join(', '),
    length: value.length,
    code: value.slice(0, 6),
    part: value.slice(6, 12),
    yy: value.slice(10, 12),
  });
}

/** Phone numbers as typed ("0812-3456 7890") → "081234567890"; null when not a phone number. */
export function normalizePhone(raw: string): string | null {
  const s = raw.replace(/[\s\-().]/g, '');
  return /^\+?\d{8,15}$/.test(s) ? s : null;
}
