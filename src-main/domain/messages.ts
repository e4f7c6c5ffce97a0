/**
 * Texts of the data-check messages, Bahasa Indonesia first. Written for a tired operator at
 * the end of a long queue: say what is wrong, show the value, say what to do. Placeholders
 * are `{name}`; personal data may appear here because these texts go to the screen only,
 * never to a log.
 */
import { defineMessages, format, type Locale, type Message, type MessageVars } from './i18n';

const catalog = defineMessages('domain/messages', {
  NIK_REQUIRED: {
    id: 'NIK wajib diisi (16 angka, lihat KK).',
    en: 'NIK is required (16 digits, see the family card).',
  },
  NIK_CHARS: {
    id: 'NIK hanya boleh berisi angka. Spasi dihapus otomatis, tetapi {chars} tidak — hapus tanda itu; huruf O atau I mungkin seharusnya angka 0 atau 1.',
    en: 'NIK may contain digits only. Spaces are removed automatically, but {chars} is not — remove it; a letter O or I may be meant as 0 or 1.',
  },
  NIK_LENGTH: {
    id: 'NIK harus 16 angka, yang diisi {length} angka. Cocokkan lagi dengan KK.',
    en: 'NIK must be 16 digits; {length} were entered. Check it against the family card.',
  },
  NIK_REGION_FORMAT: {
    id: 'Enam angka pertama NIK ({code}) bukan kode wilayah: provinsi, kabupaten/kota dan kecamatan tidak boleh 00. Periksa lagi NIK.',
    en: 'The first six digits of the NIK ({code}) are not a region code: province, regency/city and district cannot be 00. Check the NIK.',
  },
  NIK_DATE: {
    id: 'Bagian tanggal NIK (angka ke-7 s.d. 12: {part}) bukan tanggal yang sah. Susunannya TTBBTT; untuk perempuan tanggal ditambah 40 (41–71). Periksa lagi NIK.',
    en: 'The date part of the NIK (digits 7–12: {part}) is not a valid date. It reads DDMMYY, with 40 added to the day for women (41–71). Check the NIK.',
  },
  NIK_LEAP_DAY: {
    id: 'Bagian tanggal NIK menunjukkan 29-02-{yy}, tetapi tahun {yy} bukan tahun kabisat. Periksa lagi NIK.',
    en: 'The NIK date part shows 29-02-{yy}, but year {yy} is not a leap year. Check the NIK.',
  },
  NIK_SERIAL: {
    id: 'Empat angka terakhir NIK tidak boleh 0000 (nomor urut mulai 0001). Periksa lagi NIK.',
    en: 'The last four digits of the NIK cannot be 0000 (serials start at 0001). Check the NIK.',
  },
  NIK_REGION_UNKNOWN: {
    id: 'Kode wilayah NIK {code} tidak dikenal — periksa lagi; NIK lama dari kecamatan yang sudah dimekarkan tetap boleh.',
    en: 'NIK region code {code} is not in the region list — check it; an older NIK from a district that has since been split is still fine.',
  },
  NIK_BIRTHDATE_MISMATCH: {
    id: 'Tanggal lahir {date} tidak cocok dengan NIK (bagian tanggal menunjukkan {nikDate}). Periksa lagi NIK atau tanggal lahir.',
    en: 'Date of birth {date} does not match the NIK (its date part shows {nikDate}). Check the NIK or the date of birth.',
  },
  NIK_SEX_MISMATCH: {
    id: 'NIK menunjukkan {nikSex}{nikSexHint}, tetapi jenis kelamin diisi {sex}. Periksa lagi NIK atau jenis kelamin.',
    en: 'The NIK indicates {nikSex}{nikSexHint}, but sex is entered as {sex}. Check the NIK or the sex.',
  },
  KK_REQUIRED: {
    id: 'Nomor KK wajib diisi (16 angka, di kanan atas Kartu Keluarga).',
    en: 'Family card (KK) number is required (16 digits, top right of the card).',
  },
  KK_CHARS: {
    id: 'Nomor KK hanya boleh berisi angka. Spasi dihapus otomatis, tetapi {chars} tidak — hapus tanda itu.',
    en: 'The KK number may contain digits only. Spaces are removed automatically, but {chars} is not — remove it.',
  },
  KK_LENGTH: {
    id: 'Nomor KK harus 16 angka, yang diisi {length} angka.',
    en: 'The KK number must be 16 digits; {length} were entered.',
  },
  KK_REGION_FORMAT: {
    id: 'Enam angka pertama nomor KK ({code}) bukan kode wilayah (tidak boleh ada 00). Periksa lagi nomor KK.',
    en: 'The first six digits of the KK number ({code}) are not a region code (no part may be 00). Check the KK number.',
  },
  KK_DATE: {
    id: 'Tanggal terbit KK di nomor KK (angka ke-7 s.d. 12: {part}) bukan tanggal yang sah (susunan TTBBTT). Periksa lagi nomor KK.',
    en: 'The issue date inside the KK number (digits 7–12: {part}) is not a valid date (DDMMYY). Check the KK number.',
  },
  KK_REGION_UNKNOWN: {
    id: 'Kode wilayah nomor KK {code} tidak dikenal — periksa lagi; KK lama dari kecamatan yang sudah dimekarkan tetap boleh.',
    en: 'KK region code {code} is not in the region list — check it; an older KK from a district that has since been split is still fine.',
  },
  KK_SAME_AS_NIK: {
    id: 'Nomor KK sama dengan NIK. Nomor KK ada di kanan atas Kartu Keluarga dan berbeda dari NIK.',
    en: 'The KK number is the same as the NIK. The KK number is at the top right of the family card and differs from the NIK.',
  },
  NAME_REQUIRED: {
    id: 'Nama wajib diisi, sesuai KK.',
    en: 'Name is required, as on the family card.',
  },
  NAME_CHARS: {
    id: "Nama hanya boleh berisi huruf, spasi, titik, koma, tanda petik (') dan tanda hubung (-). Hapus {chars}.",
    en: "Name may contain only letters, spaces, dots, commas, apostrophes (') and hyphens (-). Remove {chars}.",
  },
  NAME_NO_LETTER: {
    id: 'Nama harus berisi huruf, sesuai KK.',
    en: 'Name must contain letters, as on the family card.',
  },
  BIRTHPLACE_REQUIRED: {
    id: 'Tempat lahir wajib diisi.',
    en: 'Place of birth is required.',
  },
  BIRTHDATE_REQUIRED: {
    id: 'Tanggal lahir wajib diisi.',
    en: 'Date of birth is required.',
  },
  BIRTHDATE_INVALID: {
    id: 'Tanggal lahir "{value}" bukan tanggal yang sah. Isi tanggal, bulan dan tahun lengkap.',
    en: 'Date of birth "{value}" is not a valid date. Enter the full day, month and year.',
  },
  BIRTHDATE_INCOMPLETE: {
    id: 'Tanggal lahir belum lengkap. Ketik 8 angka: tanggal, bulan, tahun (mis. 17081985).',
    en: 'Date of birth is incomplete. Type 8 digits: day, month, year (e.g. 17081985).',
  },
  BIRTHDATE_FUTURE: {
    id: 'Tanggal lahir {date} belum terjadi (hari ini {today}). Periksa tahunnya.',
    en: 'Date of birth {date} is in the future (today is {today}). Check the year.',
  },
  BIRTHDATE_TOO_OLD: {
    id: 'Tanggal lahir {date} sebelum tahun 1900. Periksa tahunnya.',
    en: 'Date of birth {date} is before 1900. Check the year.',
  },
  ADDRESS_REQUIRED: {
    id: 'Alamat wajib diisi (jalan/kampung/dusun, sesuai KK).',
    en: 'Address is required (street/kampung/dusun, as on the family card).',
  },
  RT_REQUIRED: {
    id: 'RT wajib diisi (isi 000 bila tidak ada RT).',
    en: 'RT is required (enter 000 if there is none).',
  },
  RT_FORMAT: {
    id: 'RT harus 1–3 angka, mis. 003. Yang diisi: "{value}".',
    en: 'RT must be 1–3 digits, e.g. 003. Entered: "{value}".',
  },
  RW_REQUIRED: {
    id: 'RW wajib diisi (isi 000 bila tidak ada RW).',
    en: 'RW is required (enter 000 if there is none).',
  },
  RW_FORMAT: {
    id: 'RW harus 1–3 angka, mis. 012. Yang diisi: "{value}".',
    en: 'RW must be 1–3 digits, e.g. 012. Entered: "{value}".',
  },
  VILLAGE_REQUIRED: {
    id: 'Kelurahan/desa wajib dipilih.',
    en: 'Village (kelurahan/desa) is required.',
  },
  VILLAGE_FORMAT: {
    id: 'Kode kelurahan/desa "{value}" tidak lengkap. Pilih kelurahan/desa dari daftar.',
    en: 'Village code "{value}" is incomplete. Choose the village from the list.',
  },
  VILLAGE_UNKNOWN: {
    id: 'Kelurahan/desa dengan kode {code} tidak ada di daftar wilayah. Pilih lagi dari daftar.',
    en: 'Village code {code} is not in the region list. Choose it again from the list.',
  },
  VALUE_NOT_ALLOWED: {
    id: '{field}: pilih salah satu dari daftar.',
    en: '{field}: choose one of the listed values.',
  },
  CITIZENSHIP_WNA: {
    id: 'Warga negara asing (WNA) memakai proses KTP-el tersendiri (izin tinggal tetap, masa berlaku mengikuti izin). Pastikan dokumennya sudah diperiksa petugas.',
    en: 'Foreign residents (WNA) follow a separate KTP-el process (permanent stay permit; validity follows the permit). Make sure their documents have been checked.',
  },
});

export type MessageCode = keyof typeof catalog;
export const MESSAGE_CODES = Object.keys(catalog) as MessageCode[];

export type MessageParams = MessageVars;

export function t(code: MessageCode, locale: Locale, params: MessageParams = {}): string {
  return format(catalog[code], locale, params);
}

const fieldLabels: Record<string, Message> = defineMessages('domain/field-labels', {
  nik: { id: 'NIK', en: 'NIK' },
  kk: { id: 'Nomor KK', en: 'KK number' },
  name: { id: 'Nama', en: 'Name' },
  birthPlace: { id: 'Tempat lahir', en: 'Place of birth' },
  birthDate: { id: 'Tanggal lahir', en: 'Date of birth' },
  sex: { id: 'Jenis kelamin', en: 'Sex' },
  bloodType: { id: 'Golongan darah', en: 'Blood type' },
  address: { id: 'Alamat', en: 'Address' },
  rt: { id: 'RT', en: 'RT' },
  rw: { id: 'RW', en: 'RW' },
  villageCode: { id: 'Kelurahan/desa', en: 'Village' },
  religion: { id: 'Agama', en: 'Religion' },
  maritalStatus: { id: 'Status perkawinan', en: 'Marital status' },
  occupation: { id: 'Pekerjaan', en: 'Occupation' },
  citizenship: { id: 'Kewarganegaraan', en: 'Citizenship' },
});

export function fieldLabel(field: string, locale: Locale): string {
  return fieldLabels[field]?.[locale] ?? field;
}

/** Card values stay as printed; English adds a gloss so the operator still sees the value. */
export function sexLabel(sex: 'LAKI-LAKI' | 'PEREMPUAN', locale: Locale): string {
  if (locale === 'id') return sex;
  return sex === 'PEREMPUAN' ? 'PEREMPUAN (female)' : 'LAKI-LAKI (male)';
}
