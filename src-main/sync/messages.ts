import { defineMessages, translator } from '../domain/i18n';
import messagesText from './messages.json' with { type: 'json' };

/** Kept as a name for sync/runner.ts; it is the one `Locale` of domain/i18n. */

const TEXT = defineMessages('sync/messages', messagesText);

export const syncText = translator(TEXT);
