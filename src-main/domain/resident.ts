/**
 * Allowed values of the KTP-el record (see shared/DOMAIN.md). Spellings follow the card and the
 * SIAK forms; where a spelling is unconfirmed the list is still the single place to change it.
 */
export const SEXES = ['LAKI-LAKI', 'PEREMPUAN'] as const;
export type Sex = (typeof SEXES)[number];

export const BLOOD_TYPES = [
  'A',
  'B',
  'AB',
  'O',
  'A+',
  'A-',
  'B+',
  'B-',
  'AB+',
  'AB-',
  'O+',
  'O-',
  '-',
] as const;
export type BloodType = (typeof BLOOD_TYPES)[number];

export const RELIGIONS = [
  'ISLAM',
  'KRISTEN',
  'KATOLIK',
  'HINDU',
  'BUDDHA',
  'KHONGHUCU',
  'KEPERCAYAAN TERHADAP TUHAN YME',
] as const;
export type Religion = (typeof RELIGIONS)[number];

export const MARITAL_STATUSES = ['BELUM KAWIN', 'KAWIN', 'CERAI HIDUP', 'CERAI MATI'] as const;
export type MaritalStatus = (typeof MARITAL_STATUSES)[number];

export const CITIZENSHIPS = ['WNI', 'WNA'] as const;
export type Citizenship = (typeof CITIZENSHIPS)[number];

/** Occupations of form F-1.01 (SIAK), in form order. */
export const OCCUPATIONS = [
  'BELUM/TIDAK BEKERJA',
  'MENGURUS RUMAH TANGGA',
  'PELAJAR/MAHASISWA',
  'PENSIUNAN',
  'PEGAWAI NEGERI SIPIL',
  'TENTARA NASIONAL INDONESIA',
  'KEPOLISIAN RI',
  'PERDAGANGAN',
  'PETANI/PEKEBUN',
  'PETERNAK',
  'NELAYAN/PERIKANAN',
  'INDUSTRI',
  'KONSTRUKSI',
  'TRANSPORTASI',
  'KARYAWAN SWASTA',
  'KARYAWAN BUMN',
  'KARYAWAN BUMD',
  'KARYAWAN HONORER',
  'BURUH HARIAN LEPAS',
  'BURUH TANI/PERKEBUNAN',
  'BURUH NELAYAN/PERIKANAN',
  'BURUH PETERNAKAN',
  'PEMBANTU RUMAH TANGGA',
  'TUKANG CUKUR',
  'TUKANG LISTRIK',
  'TUKANG BATU',
  'TUKANG KAYU',
  'TUKANG SOL SEPATU',
  'TUKANG LAS/PANDAI BESI',
  'TUKANG JAHIT',
  'TUKANG GIGI',
  'PENATA RIAS',
  'PENATA BUSANA',
  'PENATA RAMBUT',
  'MEKANIK',
  'SENIMAN',
  'TABIB',
  'PARAJI',
  'PERANCANG BUSANA',
  'PENTERJEMAH',
  'IMAM MASJID',
  'PENDETA',
  'PASTOR',
  'WARTAWAN',
  'USTADZ/MUBALIGH',
  'JURU MASAK',
  'PROMOTOR ACARA',
  'ANGGOTA DPR-RI',
  'ANGGOTA DPD',
  'ANGGOTA BPK',
  'PRESIDEN',
  'WAKIL PRESIDEN',
  'ANGGOTA MAHKAMAH KONSTITUSI',
  'ANGGOTA KABINET/KEMENTERIAN',
  'DUTA BESAR',
  'GUBERNUR',
  'WAKIL GUBERNUR',
  'BUPATI',
  'WAKIL BUPATI',
  'WALIKOTA',
  'WAKIL WALIKOTA',
  'ANGGOTA DPRD PROVINSI',
  'ANGGOTA DPRD KABUPATEN/KOTA',
  'DOSEN',
  'GURU',
  'PILOT',
  'PENGACARA',
  'NOTARIS',
  'ARSITEK',
  'AKUNTAN',
  'KONSULTAN',
  'DOKTER',
  'BIDAN',
  'PERAWAT',
  'APOTEKER',
  'PSIKIATER/PSIKOLOG',
  'PENYIAR TELEVISI',
  'PENYIAR RADIO',
  'PELAUT',
  'PENELITI',
  'SOPIR',
  'PIALANG',
  'PARANORMAL',
  'PEDAGANG',
  'PERANGKAT DESA',
  'KEPALA DESA',
  'BIARAWATI',
  'WIRASWASTA',
  'LAINNYA',
] as const;
export type Occupation = (typeof OCCUPATIONS)[number];

/** KTP-el for citizens is valid for life; for foreign residents it follows the stay permit. */
export const VALID_FOR_LIFE = 'SEUMUR HIDUP';

/** A resident's data as entered at the desk (all strings upper-cased as on the card). */
export interface ResidentData {
  nik: string;
  kk: string;
  name: string;
  birthPlace: string;
  /** ISO date yyyy-mm-dd */
  birthDate: string;
  sex: Sex;
  bloodType: BloodType;
  address: string;
  rt: string;
  rw: string;
  /** Kemendagri village code, dotted: 11.01.01.2001 */
  villageCode: string;
  religion: Religion;
  maritalStatus: MaritalStatus;
  occupation: Occupation;
  citizenship: Citizenship;
}

/** A problem found in entered data. `message` is already in the UI language. */
export interface ValidationIssue {
  field: keyof ResidentData | string;
  severity: 'error' | 'warning';
  code: string;
  message: string;
}
