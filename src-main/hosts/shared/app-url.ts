import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Decides whether a URL is the app's own page. Used by the Electron host for navigation,
 * permission and IPC-sender checks, so one function holds the rule and tests can reach it
 * without loading Electron.
 */
export interface AppUrlOptions {
  /** Absolute path of the built `index.html` (packaged and `electron .` runs). */
  indexFile?: string;
  /** Origin of the Vite dev server (`ELECTRON_RENDERER_URL`), development only. */
  devServerUrl?: string;
}

export function createAppUrlMatcher(opts: AppUrlOptions): (url: string) => boolean {
  const devOrigin = opts.devServerUrl ? safeUrl(opts.devServerUrl)?.origin : undefined;
  const indexFile = opts.indexFile ? path.resolve(opts.indexFile) : undefined;
  return (url: string) => {
    const u = safeUrl(url);
    if (!u) return false;
    if (devOrigin)
      return u.origin === devOrigin && (u.protocol === 'http:' || u.protocol === 'https:');
    if (!indexFile || u.protocol !== 'file:' || u.host !== '') return false;
    try {
      // Query and hash are the renderer's own routing state; the document must be our index.
      const file = fileURLToPath(new URL(u.pathname, 'file://'));
      return samePath(file, indexFile);
    } catch {
      return false;
    }
  };
}

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

function samePath(a: string, b: string): boolean {
  const na = path.resolve(a);
  const nb = path.resolve(b);
  // Windows and default macOS volumes are case-insensitive.
  return process.platform === 'linux' ? na === nb : na.toLowerCase() === nb.toLowerCase();
}
