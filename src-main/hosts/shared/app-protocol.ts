import { readFile } from 'node:fs/promises';
import { resolveStaticFile } from './static-files';
import { APP_HOST, APP_SCHEME } from './app-url';
import { PERMISSIONS_POLICY, contentSecurityPolicy } from './csp';

/**
 * The `app://rekam/…` handler behind Electron's `protocol.handle`: Request in, Response out,
 * no Electron types, so the conformance tests drive it directly. It maps only files inside
 * the renderer output (the browser host's resolver: dot segments, encoded separators, NUL,
 * backslashes and symlinks out of the root are refused), with the MIME type from the file
 * extension and the CSP as a response header. The Electron CSP has no `ws:` source: the
 * renderer talks to main over IPC only.
 */

/** The privilege set registered before `app.ready` (Electron's `CustomScheme` shape). */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: {
    // A real origin (app://rekam), relative URLs and the same-origin policy like https.
    standard: true,
    // A secure context: getUserMedia (the webcam) needs one.
    secure: true,
    // fetch() of our own assets (the face detector's models and wasm).
    supportFetchAPI: true,
    // Service workers, CORS bypass and streaming stay off: the renderer needs none of them.
    allowServiceWorkers: false,
    bypassCSP: false,
    corsEnabled: false,
    stream: false,
    codeCache: true,
  },
} as const;

export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Permissions-Policy': PERMISSIONS_POLICY,
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export function createAppProtocolHandler(
  rendererDir: string,
): (request: Request) => Promise<Response> {
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return refuse(400);
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404);
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
    // Chromium normalises `/../` before we see it; the raw pathname still goes through the
    // resolver, which refuses encoded dot segments and anything resolving outside the root.
    const found = await resolveStaticFile(rendererDir, url.pathname);
    if (!found) return refuse(404);
    const body = request.method === 'HEAD' ? null : await readFile(found.file);
    return new Response(body, {
      status: 200,
      headers: {
        ...APP_RESPONSE_HEADERS,
        'Content-Type': found.contentType,
        'Content-Length': String(found.size),
      },
    });
  };
}

function refuse(status: 400 | 404 | 405): Response {
  return new Response(null, { status, headers: APP_RESPONSE_HEADERS });
}
