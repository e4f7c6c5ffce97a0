import { cleanNumber, parseNik } from '../../domain/nik';
import { t } from '../../domain/messages';
import { formatWeekdayDay, isoDay } from '../../domain/format-date';
import { defineMessages, translator, type Locale, type Message } from '../../domain/i18n';
import messagesText from './messages.json' with { type: 'json' };
import printErrorsText from './print-errors.json' with { type: 'json' };
import statusMessagesText from './status-messages.json' with { type: 'json' };

/** Queue texts for operators, Bahasa Indonesia first. Placeholders: {name}. */
const MESSAGES = defineMessages('services/queue', messagesText);

export type QueueMessage = keyof typeof MESSAGES;

export const qmsg = translator(MESSAGES);

/** Why the receipt printer failed, by `PrintError` code (the end of a sentence). */
export const PRINT_ERRORS = defineMessages('services/queue/print-errors', printErrorsText);

export const printError = translator(PRINT_ERRORS);

const STATUS: Record<string, Message> = defineMessages('services/queue/status', statusMessagesText);
export const statusLabel = (s: string, locale: Locale): string => STATUS[s]?.[locale] ?? s;

/** 'YYYY-MM-DD' → 'Senin, 3 Maret 2025' (the card and the operator's note). */
export function formatServiceDate(date: string, locale: Locale): string {
  return formatWeekdayDay(isoDay(date), locale);
}

/** The operator-facing reason a NIK is refused, or null when it is well-formed. */
export function nikProblem(raw: string, locale: Locale): string | null {
  const r = parseNik(raw);
  if (r.ok) return null;
  const value = cleanNumber(raw);
  const bad = [...new Set([...value].filter((c) => !/\d/.test(c)))];
  return t(r.code, locale, {
    chars: bad.map((c) => `'${c}'`).join(', '),
    length: value.length,
    code: value.slice(0, 6),
    part: value.slice(6, 12),
    yy: value.slice(10, 12),
  });
}

/** Phone numbers as typed ("0812-3456 7890") → "081234567890"; null when not a phone number. */
export function normalizePhone(raw: string): string | null {
  const s = raw.replace(/[\s\-().]/g, '');
  return /^\+?\d{8,15}$/.test(s) ? s : null;
}
