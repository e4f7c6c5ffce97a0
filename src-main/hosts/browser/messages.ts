/**
 * Host-level replies (before a request reaches the station). Indonesian first; English when
 * the browser asks for it, since the host cannot know the UI locale before a call succeeds.
 */
import { defineMessages } from '../../domain/i18n';
import messagesText from './messages.json' with { type: 'json' };

const text = defineMessages('hosts/browser', messagesText);

export type HostMessage = keyof typeof text;

export function hostMessage(key: HostMessage, acceptLanguage: string | undefined): string {
  const lang = /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'id';
  return text[key][lang];
}
