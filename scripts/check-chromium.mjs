// The e2e suite drives a system Chromium (Playwright cannot download browsers offline).
// Say exactly how to get one when it is missing, instead of failing with a stack trace.
import { existsSync } from 'node:fs';
import { chromiumPath } from './chromium-path.mjs';

const found = chromiumPath();
if (found && existsSync(found)) {
  process.exit(0);
}
console.error(`
E2E tests need a system Chromium and none was found.
  Debian/Ubuntu:  sudo apt-get install -y chromium      (then /usr/bin/chromium is used)
  Fedora:         sudo dnf install -y chromium
  macOS:          brew install --cask chromium
  Windows:        install Chrome or Chromium
Or point REKAM_CHROMIUM at any Chromium/Chrome binary:
  REKAM_CHROMIUM=/path/to/chrome npm test
`);
process.exit(1);
