// The operator's texts of the review and seal step (finish.ts).
import { defineMessages, translator } from '../../domain/i18n';

const TEXT = defineMessages('services/recording/finish-messages', {
  missingPhoto: { id: 'Foto belum diterima.', en: 'The photo is not accepted yet.' },
  missingFingers: {
    id: 'Sidik jari belum lengkap ({n} dari 10).',
    en: 'Fingerprints are not complete ({n} of 10).',
  },
  missingSignature: {
    id: 'Tanda tangan belum ada (atau catat alasan tidak dapat menandatangani).',
    en: 'No signature yet (or record why the resident cannot sign).',
  },
  cannotFinish: {
    id: 'Perekaman belum bisa diselesaikan: {list}',
    en: 'The recording cannot be finished yet: {list}',
  },
  noCentralKey: {
    id: 'Kunci server pusat belum dipasang di stasiun ini, jadi paket tidak bisa disegel. Hubungi teknisi. Data perekaman tetap tersimpan.',
    en: 'The central server key is not installed on this station, so the packet cannot be sealed. Call the technician. The recording stays saved.',
  },
  tooLarge: {
    id: 'Paket terlalu besar ({kb} KB, batas {max} KB). Hubungi teknisi.',
    en: 'The packet is too large ({kb} KB, limit {max} KB). Call the technician.',
  },
  sealFailed: {
    id: 'Paket gagal disegel: {detail} Hubungi teknisi.',
    en: 'The packet could not be sealed: {detail} Call the technician.',
  },
  notSealed: {
    id: 'Perekaman ini belum disegel, jadi belum ada bukti perekaman.',
    en: 'This recording is not sealed yet, so there is no receipt.',
  },
  notOwner: {
    id: 'Perekaman ini dibuat oleh operator lain.',
    en: 'This recording belongs to another operator.',
  },
});

export const t = translator(TEXT);
