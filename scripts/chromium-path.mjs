import { existsSync } from 'node:fs';

/** The Chromium the e2e tests drive: $REKAM_CHROMIUM, else the usual system locations. */
export function chromiumPath() {
  if (process.env.REKAM_CHROMIUM) return process.env.REKAM_CHROMIUM;
  const candidates = [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  ];
  return candidates.find((p) => existsSync(p)) ?? null;
}
