/** Operator-facing messages, Bahasa Indonesia first. Placeholders: {name}. */
import { defineMessages, translator } from '../../domain/i18n';

const MESSAGES = defineMessages('services/common/messages', {
  badRequest: {
    id: 'Permintaan tidak valid{detail}.',
    en: 'Invalid request{detail}.',
  },
  unknownMethod: { id: 'Perintah tidak dikenal.', en: 'Unknown command.' },
  unauthenticated: { id: 'Silakan masuk terlebih dahulu.', en: 'Please sign in first.' },
  sessionLocked: {
    id: 'Sesi terkunci karena tidak ada aktivitas. Masukkan kata sandi untuk membuka.',
    en: 'The session is locked after inactivity. Enter your password to unlock.',
  },
  forbidden: {
    id: 'Peran Anda tidak diizinkan melakukan tindakan ini.',
    en: 'Your role is not allowed to do this.',
  },
  notSetUp: {
    id: 'Stasiun belum disiapkan. Lakukan penyiapan awal terlebih dahulu.',
    en: 'The station is not set up yet. Complete the first-time setup first.',
  },
  alreadySetUp: { id: 'Stasiun ini sudah disiapkan.', en: 'This station is already set up.' },
  badCredentials: {
    id: 'Nama pengguna atau kata sandi salah.',
    en: 'Wrong username or password.',
  },
  wrongPassword: { id: 'Kata sandi salah.', en: 'Wrong password.' },
  accountLocked: {
    id: 'Terlalu banyak percobaan gagal. Coba lagi pukul {time}.',
    en: 'Too many failed attempts. Try again at {time}.',
  },
  accountDisabled: {
    id: 'Akun ini dinonaktifkan. Hubungi supervisor.',
    en: 'This account is disabled. Contact a supervisor.',
  },
  usernameTaken: {
    id: 'Nama pengguna "{username}" sudah dipakai.',
    en: 'Username "{username}" is already taken.',
  },
  userNotFound: { id: 'Pengguna tidak ditemukan.', en: 'User not found.' },
  cannotDisableSelf: {
    id: 'Anda tidak dapat menonaktifkan akun Anda sendiri.',
    en: 'You cannot disable your own account.',
  },
  lastSupervisor: {
    id: 'Harus tetap ada minimal satu supervisor aktif.',
    en: 'At least one supervisor must stay active.',
  },
  weakPassword: {
    id: 'Kata sandi terlalu lemah.',
    en: 'The password is too weak.',
  },
  'password.too-short': {
    id: 'Kata sandi minimal 8 karakter.',
    en: 'The password needs at least 8 characters.',
  },
  'password.all-digits': {
    id: 'Kata sandi tidak boleh hanya angka.',
    en: 'The password cannot be digits only.',
  },
  'password.same-as-username': {
    id: 'Kata sandi tidak boleh sama dengan nama pengguna.',
    en: 'The password cannot be the same as the username.',
  },
  kecamatanUnknown: {
    id: 'Kode kecamatan tidak dikenal.',
    en: 'Unknown kecamatan code.',
  },
  regionsUnavailable: {
    id: 'Data wilayah tidak tersedia di stasiun ini. Hubungi teknisi.',
    en: 'Region data is not available on this station. Contact a technician.',
  },
  regionNotFound: { id: 'Kode wilayah tidak ditemukan.', en: 'Region code not found.' },
  recordingNotFound: { id: 'Perekaman tidak ditemukan.', en: 'Recording not found.' },
  draftNotOwner: {
    id: 'Draf ini dipegang operator {operator}. Hanya dia yang dapat mengubah dan menyegelnya; minta supervisor memindahkan draf bila perlu.',
    en: 'This draft is held by operator {operator}. Only they can edit and seal it; ask a supervisor to reassign it if needed.',
  },
  reassignNotOperator: {
    id: 'Draf hanya dapat dipindahkan ke operator yang aktif.',
    en: 'A draft can only be reassigned to an active operator.',
  },
  recordingNotDraft: {
    id: 'Perekaman ini sudah tidak berstatus draf dan tidak dapat diubah.',
    en: 'This recording is no longer a draft and cannot be changed.',
  },
  draftConflictToday: {
    id: 'NIK ini sudah ada dalam draf hari ini — buka dari daftar Hari Ini',
    en: "This NIK is already in one of today's drafts — open it from the Today list",
  },
  draftConflictEarlier: {
    id: 'NIK ini sudah ada dalam draf tanggal {date} — selesaikan draf itu',
    en: 'This NIK is already in a draft from {date} — finish that draft',
  },
  validation: {
    id: 'Data belum benar — periksa kolom yang ditandai.',
    en: 'Some data is not right — check the marked fields.',
  },
  internal: {
    id: 'Terjadi kesalahan di stasiun. Coba lagi; jika berulang, hubungi teknisi.',
    en: 'Something went wrong on the station. Try again; if it repeats, contact a technician.',
  },
});

export type MessageKey = keyof typeof MESSAGES;

export const msg = translator(MESSAGES);
