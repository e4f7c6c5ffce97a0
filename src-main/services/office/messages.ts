import { defineMessages, translator } from '../../domain/i18n';
import messagesText from './messages.json' with { type: 'json' };

/** Office messages: Bahasa Indonesia first, English when the UI is switched. */
const TEXT = defineMessages('services/office', messagesText);

export type OfficeTextKey = keyof typeof TEXT;

export const omsg = translator(TEXT);
