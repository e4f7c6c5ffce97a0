/**
 * Pure helpers of the waiting-room TV page: which URL shows it, and what is spoken when a number
 * is called.
 */

/** The TV is the same renderer at `#/tv` (a second window, or a browser on the TV's PC). */
export function isTvRoute(hash: string): boolean {
  return /^#\/tv(?:[/?&]|$)/.test(hash);
}

/** The TV URL for the page at `href`: same document, `#/tv` instead of whatever hash it has. */
export function tvUrl(href: string): string {
  const u = new URL(href);
  u.hash = '/tv';
  return u.toString();
}

/**
 * What the speech synthesiser says: "A-007" read as "A 7" so it says "A tujuh", not
 * "A strip nol nol tujuh".
 */
export function spokenCall(number: string, desk: string, locale: 'id' | 'en'): string {
  const m = /^([A-Za-z]+)-?0*(\d+)$/.exec(number.trim());
  const said = m ? `${m[1]!.toUpperCase()} ${m[2]!}` : number;
  return locale === 'en'
    ? `Queue number ${said}, please go to ${desk}.`
    : `Nomor antrian ${said}, silakan menuju ${desk}.`;
}
