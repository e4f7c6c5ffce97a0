import { spawn } from 'node:child_process';

/**
 * Opens the URL in the system browser; failures are ignored (the URL is also printed).
 * Note: the URL carries the per-run secret and is briefly visible in the process list to
 * other users of this machine; the station is a single-operator desk, so we accept that.
 */
export function openInBrowser(url: string, platform: NodeJS.Platform = process.platform): void {
  const [cmd, args] =
    platform === 'darwin'
      ? ['open', [url]]
      : platform === 'win32'
        ? // `start` is a cmd builtin; the empty string is the window title it expects first.
          ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // no browser opener available; the printed URL is enough
  }
}
