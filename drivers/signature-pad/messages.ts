// Operator-facing texts for signature pad problems. They live with the driver (drivers/ never
// imports src-main/) so a typed error carries its own Bahasa Indonesia and English text.
import type { OperatorMessage } from '../../shared/operator-message';

export type SignaturePadErrorCode =
  | 'DEVICE_NOT_FOUND'
  | 'OPEN_FAILED'
  | 'DISCONNECTED'
  | 'BAD_REPORT'
  | 'BAD_DESCRIPTOR'
  | 'NO_PEN_REPORT'
  | 'UNKNOWN_MODEL'
  | 'BUSY'
  | 'NOT_SIMULATED'
  | 'CLOSED';

export const SIGNATURE_PAD_MESSAGES: Record<SignaturePadErrorCode, OperatorMessage> = {
  DEVICE_NOT_FOUND: {
    id: 'Bantalan tanda tangan tidak ditemukan. Periksa kabel USB atau hubungi teknisi.',
    en: 'No signature pad found. Check the USB cable or call a technician.',
  },
  OPEN_FAILED: {
    id: 'Bantalan tanda tangan tidak dapat dibuka. Cabut lalu pasang lagi kabelnya.',
    en: 'The signature pad could not be opened. Unplug it and plug it in again.',
  },
  DISCONNECTED: {
    id: 'Bantalan tanda tangan terputus. Pasang lagi kabelnya; stasiun menyambung sendiri.',
    en: 'The signature pad was disconnected. Plug it back in; the station reconnects by itself.',
  },
  BAD_REPORT: {
    id: 'Bantalan tanda tangan mengirim data yang tidak dikenal.',
    en: 'The signature pad sent data the station does not understand.',
  },
  BAD_DESCRIPTOR: {
    id: 'Deskripsi perangkat bantalan tanda tangan rusak. Hubungi teknisi.',
    en: "The signature pad's device description is damaged. Call a technician.",
  },
  NO_PEN_REPORT: {
    id: 'Perangkat ini bukan bantalan pena (tidak ada data pena). Hubungi teknisi.',
    en: 'This device is not a pen pad (it reports no pen data). Call a technician.',
  },
  UNKNOWN_MODEL: {
    id: 'Model bantalan tanda tangan ini belum didukung. Hubungi teknisi.',
    en: 'This signature pad model is not supported yet. Call a technician.',
  },
  BUSY: {
    id: 'Bantalan tanda tangan sedang dipakai untuk perekaman lain.',
    en: 'The signature pad is in use for another recording.',
  },
  NOT_SIMULATED: {
    id: 'Bantalan tanda tangan ini bukan simulasi.',
    en: 'This signature pad is not a simulator.',
  },
  CLOSED: {
    id: 'Bantalan tanda tangan sudah ditutup.',
    en: 'The signature pad has been closed.',
  },
};
