/**
 * Texts of the data-check messages, Bahasa Indonesia first. Written for a tired operator at
 * the end of a long queue: say what is wrong, show the value, say what to do. Placeholders
 * are `{name}`; personal data may appear here because these texts go to the screen only,
 * never to a log.
 */
import { defineMessages, format, type Locale, type Message, type MessageVars } from './i18n';
import messagesText from './messages.json' with { type: 'json' };
import fieldLabelsText from './field-labels.json' with { type: 'json' };

const catalog = defineMessages('domain/messages', messagesText);

export type MessageCode = keyof typeof catalog;
export const MESSAGE_CODES = Object.keys(catalog) as MessageCode[];

export type MessageParams = MessageVars;

export function t(code: MessageCode, locale: Locale, params: MessageParams = {}): string {
  return format(catalog[code], locale, params);
}

const fieldLabels: Record<string, Message> = defineMessages('domain/field-labels', fieldLabelsText);

export function fieldLabel(field: string, locale: Locale): string {
  return fieldLabels[field]?.[locale] ?? field;
}

/** Card values stay as printed; English adds a gloss so the operator still sees the value. */
export function sexLabel(sex: 'LAKI-LAKI' | 'PEREMPUAN', locale: Locale): string {
  if (locale === 'id') return sex;
  return sex === 'PEREMPUAN' ? 'PEREMPUAN (female)' : 'LAKI-LAKI (male)';
}
