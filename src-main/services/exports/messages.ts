import { defineMessages, translator } from '../../domain/i18n';
import messagesText from './messages.json' with { type: 'json' };

const TEXT = defineMessages('services/exports', messagesText);
export type ExportTextKey = keyof typeof TEXT;

export const et = translator(TEXT);

export const STATUS_LABEL: Record<string, string> = {
  draft: 'Draf',
  sealed: 'Disegel',
  approved: 'Disetujui',
  rejected: 'Ditolak',
  uploaded: 'Terkirim',
};

export const CENTRAL_LABEL: Record<string, string> = {
  received: 'Diterima pusat',
  duplicate: 'Duplikat',
  rejected: 'Ditolak pusat',
  'print-ready': 'Siap cetak',
};
