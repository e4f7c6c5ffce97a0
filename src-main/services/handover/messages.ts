/** Texts of the printed-card services, Bahasa Indonesia first. Placeholders: {name}. */
import { defineMessages, translator } from '../../domain/i18n';
import messagesText from './messages.json' with { type: 'json' };

const MESSAGES = defineMessages('services/handover', messagesText);

export const handoverText = translator(MESSAGES);
