// The fonts every PDF of the station embeds (receipt, daily report, queue cards): DejaVu Sans,
// shipped in resources/fonts with its licence. PDF's standard Helvetica only knows WinAnsi, so
// names such as "ṢALIḤ BIN ʿUMAR" printed and extracted as garbage; an embedded Unicode font
// prints every name and lets pdftotext (and screen readers) get the same text back.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * pdfkit and qrcode, loaded on first use: the login page needs neither, and loading them took
 * seconds of a start-up on a slow laptop.
 */
export async function pdfModules() {
  const [pdfkit, qrcode] = await Promise.all([import('pdfkit'), import('qrcode')]);
  return { PDFDocument: pdfkit.default, QRCode: qrcode.default };
}

/** Names to pass to `doc.font(…)` after `registerPdfFonts(doc)`. */
export const FONT = { regular: 'Rekam-Regular', bold: 'Rekam-Bold' } as const;

const FILES = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' } as const;

let fontDir: string | null = null;
let cache: { dir: string; regular: Buffer; bold: Buffer } | null = null;

/** The station sets this from its resources folder (packaged app: next to the executable). */
export function setPdfFontDir(dir: string): void {
  fontDir = dir;
}

/** resources/fonts of the source tree or of a build inside it (tests, browser host). */
function defaultFontDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources', 'fonts');
    if (existsSync(join(candidate, FILES.regular))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('PDF fonts not found (resources/fonts)');
}

function loadFonts(): { regular: Buffer; bold: Buffer } {
  const dir = fontDir && existsSync(join(fontDir, FILES.regular)) ? fontDir : defaultFontDir();
  if (cache?.dir !== dir) {
    cache = {
      dir,
      regular: readFileSync(join(dir, FILES.regular)),
      bold: readFileSync(join(dir, FILES.bold)),
    };
  }
  return cache;
}

interface FontTarget {
  registerFont(name: string, src: Buffer): unknown;
  font(name: string): unknown;
}

/** Registers the embedded fonts on a pdfkit document and selects the regular one. */
export function registerPdfFonts(doc: FontTarget): void {
  const f = loadFonts();
  doc.registerFont(FONT.regular, f.regular);
  doc.registerFont(FONT.bold, f.bold);
  doc.font(FONT.regular);
}

/** The bytes of a pdfkit document, once `end()` has been called on it. */
export function pdfBytes(doc: NodeJS.EventEmitter): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
