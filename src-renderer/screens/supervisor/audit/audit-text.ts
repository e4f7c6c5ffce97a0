import type { TFunction } from 'i18next';

/** The audit action as a sentence; an action this build does not know stays as its key. */
export function auditSentence(t: TFunction, action: string): string {
  return t(`auditAction.${action}`, { defaultValue: action });
}

// Station ids (recordings, cards, sessions) are a 1–2 letter prefix and 26 Crockford base-32
// characters (src-main/services/common/ids.ts).
const ID = /^([A-Z]{1,2})([0-9A-HJKMNP-TV-Z]{26})$/;

/** A target fit for secondary text: ids shortened to prefix + last 6 characters (enough to tell
 * rows apart; the full id is in the tooltip), usernames and file names as they are. */
export function auditTargetLabel(target: string | null): string | null {
  if (!target) return null;
  const id = ID.exec(target);
  return id ? `${id[1]}…${target.slice(-6)}` : target;
}
