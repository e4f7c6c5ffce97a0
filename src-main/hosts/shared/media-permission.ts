/**
 * The only device permission the renderer ever gets: the webcam (video, no audio) for the
 * app's own page. Fingerprint scanners and signature pads are driven from main, so the
 * renderer needs no HID, serial or USB access at all.
 */
export interface PermissionAsk {
  permission: string;
  /** URL (request handler) or origin (check handler) of the asking frame. */
  url: string;
  /** Request handler: `details.mediaTypes`; check handler: `[details.mediaType]`. */
  mediaTypes: readonly string[] | undefined;
  fromAppWindow: boolean;
}

export function allowPermission(ask: PermissionAsk, isAppUrl: (url: string) => boolean): boolean {
  if (ask.permission !== 'media' || !ask.fromAppWindow) return false;
  const types = ask.mediaTypes ?? [];
  if (types.length === 0 || !types.every((t) => t === 'video')) return false;
  return isAppUrl(ask.url);
}
