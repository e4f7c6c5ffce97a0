// The technician's texts of the device list, the device choice and the self-tests.
import { defineMessages, translator } from '../../domain/i18n';
import messagesText from './messages.json' with { type: 'json' };

const TEXT = defineMessages('services/devices/messages', messagesText);

export const t = translator(TEXT);
