/**
 * The waiting-room TV window: the only second window the Electron host opens, and
 * the little it may do. Kept free of Electron types so the rules are unit-tested.
 */

/** What the TV page may call: the public board (numbers and desk names only). */
export const TV_METHODS: ReadonlySet<string> = new Set(['queue.board']);
/** What the TV page is sent. */
export const TV_EVENTS: ReadonlySet<string> = new Set(['queue.called', 'queue.changed']);

/** A window.open request for the app's own `#/tv` page (and nothing else) opens the TV window. */
export function isTvWindowUrl(url: string, isAppUrl: (url: string) => boolean): boolean {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (u.hash !== '#/tv' || u.username || u.password) return false;
  u.hash = '';
  return isAppUrl(u.toString());
}
