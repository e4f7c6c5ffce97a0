// ESC/POS character code tables (ESC t n) for the letters Latin text needs beyond ASCII.
// `ascii` sends no ESC t and writes accented letters without their accent (é → e): it works on
// every printer, whatever table it starts in. The others select the table and map the letters.

export const CODE_PAGES = ['ascii', 'pc437', 'wpc1252'] as const;
export type CodePage = (typeof CODE_PAGES)[number];

/** The ESC t n number of each table (Epson numbering, followed by the common clones). */
export const CODE_PAGE_NUMBER: Record<Exclude<CodePage, 'ascii'>, number> = {
  pc437: 0,
  wpc1252: 16,
};

// Bytes 0x80–0xFF of each table, in order.
const PC437_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐' +
  '└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u00a0';
// Windows-1252: 0x80–0x9F are its own (five unassigned, kept as U+FFFD), 0xA0–0xFF are Latin-1.
const WPC1252_HIGH =
  '€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ' +
  Array.from({ length: 96 }, (_, i) => String.fromCharCode(0xa0 + i)).join('');

const HIGH: Record<Exclude<CodePage, 'ascii'>, string> = {
  pc437: PC437_HIGH,
  wpc1252: WPC1252_HIGH,
};

const encoders = new Map<CodePage, Map<string, number>>();
function encoder(page: Exclude<CodePage, 'ascii'>): Map<string, number> {
  let m = encoders.get(page);
  if (!m) {
    m = new Map();
    [...HIGH[page]].forEach((c, i) => {
      if (c !== '\ufffd' && !m!.has(c)) m!.set(c, 0x80 + i);
    });
    encoders.set(page, m);
  }
  return m;
}

/** Text → printer bytes in a table; what the table lacks loses its accent, else becomes '?'. */
export function textBytes(text: string, page: CodePage): number[] {
  const table = page === 'ascii' ? null : encoder(page);
  const out: number[] = [];
  for (const c of text.normalize('NFC')) {
    const code = c.charCodeAt(0);
    if (c === '\n') out.push(0x0a);
    else if (code >= 0x20 && code < 0x7f) out.push(code);
    else if (table?.has(c)) out.push(table.get(c)!);
    else {
      const bare = c.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      const b = bare.length === 1 ? bare.charCodeAt(0) : -1;
      out.push(b >= 0x20 && b < 0x7f ? b : 0x3f);
    }
  }
  return out;
}

/** Printer byte ≥ 0x80 → its character in a table (what the simulated printer shows). */
export function charOf(byte: number, page: Exclude<CodePage, 'ascii'>): string | null {
  const c = HIGH[page][byte - 0x80];
  return c && c !== '\ufffd' ? c : null;
}

export function codePageOfNumber(n: number): Exclude<CodePage, 'ascii'> | null {
  for (const [page, num] of Object.entries(CODE_PAGE_NUMBER)) {
    if (num === n) return page as Exclude<CodePage, 'ascii'>;
  }
  return null;
}
