/**
 * One Content-Security-Policy for both hosts, so the renderer cannot behave differently in
 * Electron and in the browser. Only `connect-src` differs: the browser host adds its own
 * WebSocket origins (CSP 'self' does not cover ws: in every browser).
 */
export interface CspOptions {
  /** Extra `connect-src` sources, e.g. `ws://127.0.0.1:PORT`. */
  connect?: readonly string[];
  /**
   * Development server only (Vite HMR): its React preamble is an inline script and HMR talks
   * over a WebSocket. Never set for a packaged or browser-host build.
   */
  devServerOrigin?: string;
}

export function contentSecurityPolicy(opts: CspOptions = {}): string {
  const script = ["'self'"];
  const connect = ["'self'", ...(opts.connect ?? [])];
  if (opts.devServerOrigin) {
    script.push("'unsafe-inline'");
    connect.push(opts.devServerOrigin.replace(/^http/, 'ws'));
  }
  return [
    "default-src 'self'",
    `script-src ${script.join(' ')}`,
    // Inline styles: React `style={}` props and i18n-driven layout need them; scripts stay strict.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    // mediastream: the webcam preview (getUserMedia) is attached as a MediaStream.
    "media-src 'self' blob: mediastream:",
    `connect-src ${connect.join(' ')}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Camera for our own page only; every other powerful feature off. */
export const PERMISSIONS_POLICY =
  'camera=(self), microphone=(), geolocation=(), usb=(), serial=(), hid=(), bluetooth=(), payment=(), display-capture=()';
