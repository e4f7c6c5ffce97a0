import { defineMessages, translator } from '../../domain/i18n';
import roundMessagesText from './round-messages.json' with { type: 'json' };

/** Texts of the delivery rounds, Bahasa Indonesia first. */
const ROUND_TEXT = defineMessages('services/handover/rounds', roundMessagesText);

export const rt = translator(ROUND_TEXT);
