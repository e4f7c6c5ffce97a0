/** Operator-facing messages, Bahasa Indonesia first. Placeholders: {name}. */
import { defineMessages, translator } from '../../domain/i18n';
import messagesText from './messages.json' with { type: 'json' };

const MESSAGES = defineMessages('services/common/messages', messagesText);

export type MessageKey = keyof typeof MESSAGES;

export const msg = translator(MESSAGES);
