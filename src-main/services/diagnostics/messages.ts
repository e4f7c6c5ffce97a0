// The technician's texts of the diagnostics checks and bundle (network problems, sync state,
// the export's progress steps).
import { defineMessages, translator } from '../../domain/i18n';
import messagesText from './messages.json' with { type: 'json' };

const TEXT = defineMessages('services/diagnostics/messages', messagesText);

export type TextKey = keyof typeof TEXT;
export const say = translator(TEXT);
