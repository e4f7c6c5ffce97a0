/**
 * The app's own origin and the rule for "is this URL our page". The Electron host serves the
 * renderer as `app://rekam/…` (a privileged custom scheme, see app-protocol.ts), never from
 * file://, and uses this one rule for navigation, permission and IPC-sender checks, so tests
 * can reach it without loading Electron.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'rekam';
/** Origin of the renderer in Electron: what a `standard` scheme gives `app://rekam/…`. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The document the windows load; the renderer routes with the hash (`#/tv`, `#/operator/…`). */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

export interface AppUrlOptions {
  /** Origin of the Vite dev server (`ELECTRON_RENDERER_URL`), development only. */
  devServerUrl?: string;
}

export function createAppUrlMatcher(opts: AppUrlOptions = {}): (url: string) => boolean {
  const devOrigin = opts.devServerUrl ? safeUrl(opts.devServerUrl)?.origin : undefined;
  return (url: string) => {
    const u = safeUrl(url);
    if (!u) return false;
    if (devOrigin)
      return u.origin === devOrigin && (u.protocol === 'http:' || u.protocol === 'https:');
    // WHATWG URL gives custom schemes an opaque origin ('null'), so compare the parts. Query
    // and hash are the renderer's own routing state; the document must be our index.
    return (
      u.protocol === `${APP_SCHEME}:` &&
      u.host === APP_HOST &&
      !u.username &&
      !u.password &&
      (u.pathname === '/' || u.pathname === '/index.html')
    );
  };
}

/** True for any URL on the app's origin (a script, an image), not only the index document. */
export function isAppOrigin(url: string): boolean {
  const u = safeUrl(url);
  return !!u && u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
}

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
