// The operator's texts of the ten-finger capture (prompts, progress, refusals).
import { defineMessages, translator } from '../../domain/i18n';
import fingerprintMessagesText from './fingerprint-messages.json' with { type: 'json' };

const TEXT = defineMessages('services/recording/fingerprint-messages', fingerprintMessagesText);

export const t = translator(TEXT);
