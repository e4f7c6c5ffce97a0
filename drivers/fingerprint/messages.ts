// Operator-facing texts for fingerprint device problems. They live here, not in the renderer's
// i18n files, because drivers/ never imports src-main/ and the texts must travel with the error.
import type { OperatorMessage } from '../../shared/operator-message';

export type FingerprintErrorCode =
  | 'RECEIVE_ERROR'
  | 'NO_FINGER'
  | 'CAPTURE_FAILED'
  | 'IMAGE_MESSY'
  | 'TOO_FEW_FEATURES'
  | 'NO_MATCH'
  | 'NOT_FOUND'
  | 'MERGE_FAILED'
  | 'PAGE_OUT_OF_RANGE'
  | 'BAD_TEMPLATE'
  | 'TEMPLATE_UPLOAD_FAILED'
  | 'CANNOT_RECEIVE'
  | 'IMAGE_UPLOAD_FAILED'
  | 'DELETE_FAILED'
  | 'CLEAR_FAILED'
  | 'WRONG_PASSWORD'
  | 'PASSWORD_REQUIRED'
  | 'NO_VALID_IMAGE'
  | 'FLASH_ERROR'
  | 'BAD_REGISTER'
  | 'UNKNOWN_CONFIRMATION'
  | 'MALFORMED_PACKET'
  | 'CORRUPT_FRAME'
  | 'TIMEOUT'
  | 'IMAGE_INCOMPLETE'
  | 'DISCONNECTED'
  | 'CANCELLED'
  | 'DEVICE_NOT_FOUND'
  | 'CLOSED';

export const FINGERPRINT_MESSAGES: Record<FingerprintErrorCode, OperatorMessage> = {
  RECEIVE_ERROR: {
    id: 'Gangguan komunikasi dengan pemindai sidik jari. Coba lagi.',
    en: 'Communication error with the fingerprint scanner. Try again.',
  },
  NO_FINGER: { id: 'Letakkan jari di sensor', en: 'Place the finger on the sensor' },
  CAPTURE_FAILED: {
    id: 'Gagal mengambil gambar. Angkat jari lalu letakkan lagi.',
    en: 'Capture failed. Lift the finger and place it again.',
  },
  IMAGE_MESSY: {
    id: 'Bersihkan kaca sensor dan coba lagi',
    en: 'Clean the sensor glass and try again',
  },
  TOO_FEW_FEATURES: {
    id: 'Tekan jari lebih rata dan menutupi seluruh sensor',
    en: 'Press the finger flatter so it covers the whole sensor',
  },
  NO_MATCH: { id: 'Sidik jari tidak cocok', en: 'The fingerprints do not match' },
  NOT_FOUND: { id: 'Sidik jari tidak ditemukan', en: 'Fingerprint not found' },
  MERGE_FAILED: {
    id: 'Dua rekaman bukan jari yang sama. Ulangi dengan jari yang sama.',
    en: 'The two captures are not the same finger. Repeat with the same finger.',
  },
  PAGE_OUT_OF_RANGE: {
    id: 'Nomor slot templat di luar kapasitas pemindai',
    en: 'Template slot is beyond the scanner capacity',
  },
  BAD_TEMPLATE: { id: 'Templat sidik jari rusak', en: 'The fingerprint template is damaged' },
  TEMPLATE_UPLOAD_FAILED: {
    id: 'Gagal mengambil templat dari pemindai. Coba lagi.',
    en: 'Could not read the template from the scanner. Try again.',
  },
  CANNOT_RECEIVE: {
    id: 'Pemindai tidak dapat menerima data. Coba lagi.',
    en: 'The scanner cannot receive data. Try again.',
  },
  IMAGE_UPLOAD_FAILED: {
    id: 'Gagal mengambil gambar dari pemindai. Coba lagi.',
    en: 'Could not read the image from the scanner. Try again.',
  },
  DELETE_FAILED: {
    id: 'Pemindai gagal menghapus templat. Coba lagi atau hubungi teknisi.',
    en: 'The scanner could not delete the template. Try again or call a technician.',
  },
  CLEAR_FAILED: {
    id: 'Pemindai gagal mengosongkan pustaka templat. Coba lagi atau hubungi teknisi.',
    en: 'The scanner could not empty its template library. Try again or call a technician.',
  },
  WRONG_PASSWORD: {
    id: 'Kata sandi pemindai salah. Hubungi teknisi.',
    en: 'Wrong scanner password. Call a technician.',
  },
  PASSWORD_REQUIRED: {
    id: 'Pemindai meminta kata sandi sebelum perintah lain. Hubungi teknisi untuk mengatur kata sandinya.',
    en: 'The scanner wants its password before any other command. Call a technician to set it.',
  },
  NO_VALID_IMAGE: {
    id: 'Belum ada gambar jari yang sah. Letakkan jari lagi.',
    en: 'No valid finger image yet. Place the finger again.',
  },
  FLASH_ERROR: {
    id: 'Memori pemindai bermasalah. Hubungi teknisi.',
    en: 'Scanner memory error. Call a technician.',
  },
  BAD_REGISTER: {
    id: 'Pengaturan pemindai tidak dikenal. Hubungi teknisi.',
    en: 'Unknown scanner setting. Call a technician.',
  },
  UNKNOWN_CONFIRMATION: {
    id: 'Pemindai menjawab dengan kode tak dikenal. Coba lagi.',
    en: 'The scanner replied with an unknown code. Try again.',
  },
  MALFORMED_PACKET: {
    id: 'Jawaban pemindai tidak lengkap. Coba lagi.',
    en: 'Incomplete reply from the scanner. Try again.',
  },
  CORRUPT_FRAME: {
    id: 'Data dari pemindai rusak di jalan. Periksa kabel lalu coba lagi.',
    en: 'Data from the scanner arrived damaged. Check the cable and try again.',
  },
  TIMEOUT: {
    id: 'Pemindai tidak menjawab. Periksa kabel lalu coba lagi.',
    en: 'The scanner does not answer. Check the cable and try again.',
  },
  IMAGE_INCOMPLETE: {
    id: 'Gambar sidik jari tidak lengkap. Coba lagi.',
    en: 'The fingerprint image is incomplete. Try again.',
  },
  DISCONNECTED: {
    id: 'Pemindai sidik jari terlepas. Pasang kembali kabelnya.',
    en: 'The fingerprint scanner is unplugged. Plug the cable back in.',
  },
  CANCELLED: { id: 'Dibatalkan', en: 'Cancelled' },
  DEVICE_NOT_FOUND: {
    id: 'Pemindai sidik jari tidak ditemukan. Periksa kabel dan port.',
    en: 'No fingerprint scanner found. Check the cable and the port.',
  },
  CLOSED: { id: 'Pemindai sudah ditutup', en: 'The scanner has been closed' },
};

/** Confirmation code (first ack payload byte) → error code, per the ZFM/R30x datasheet. */
export const CONFIRMATION_CODES: Readonly<Record<number, FingerprintErrorCode>> = {
  0x01: 'RECEIVE_ERROR',
  0x02: 'NO_FINGER',
  0x03: 'CAPTURE_FAILED',
  0x06: 'IMAGE_MESSY',
  0x07: 'TOO_FEW_FEATURES',
  0x08: 'NO_MATCH',
  0x09: 'NOT_FOUND',
  0x0a: 'MERGE_FAILED',
  0x0b: 'PAGE_OUT_OF_RANGE',
  0x0c: 'BAD_TEMPLATE',
  0x0d: 'TEMPLATE_UPLOAD_FAILED',
  0x0e: 'CANNOT_RECEIVE',
  0x0f: 'IMAGE_UPLOAD_FAILED',
  0x10: 'DELETE_FAILED',
  0x11: 'CLEAR_FAILED',
  0x13: 'WRONG_PASSWORD',
  0x15: 'NO_VALID_IMAGE',
  0x18: 'FLASH_ERROR',
  0x1a: 'BAD_REGISTER',
  /** Commands other than VfyPwd before the (non-default) password has been verified. */
  0x21: 'PASSWORD_REQUIRED',
};
