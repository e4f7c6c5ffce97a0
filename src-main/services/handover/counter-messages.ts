import { defineMessages, translator } from '../../domain/i18n';
import counterMessagesText from './counter-messages.json' with { type: 'json' };

/** Texts of the handover, for a clerk at the counter or on a round. */
export const HANDOVER_TEXT = defineMessages('services/handover/counter', counterMessagesText);

export const ht = translator(HANDOVER_TEXT);
