/**
 * Photo messages for operators, Bahasa Indonesia first. Placeholders: {name}. The texts in
 * messages.json come in groups: input guards (frame*), face, exposure, sharpness, background
 * (with the colour and parity words), glasses, and the photo flow.
 */
import { defineMessages, translator } from '../domain/i18n';
import messagesText from './messages.json' with { type: 'json' };

const MESSAGES = defineMessages('imaging/messages', messagesText);

export type PhotoMessageKey = keyof typeof MESSAGES;

export const photoMsg = translator(MESSAGES);
