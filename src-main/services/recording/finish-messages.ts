// The operator's texts of the review and seal step (finish.ts).
import { defineMessages, translator } from '../../domain/i18n';
import finishMessagesText from './finish-messages.json' with { type: 'json' };

const TEXT = defineMessages('services/recording/finish-messages', finishMessagesText);

export const t = translator(TEXT);
