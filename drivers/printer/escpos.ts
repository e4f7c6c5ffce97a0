// ESC/POS, the command language of receipt printers (Epson TM and the many 58/80 mm clones).
// Pure bytes: `encode` builds a job from commands, `decode` reads a byte stream back into
// commands (what the simulated printer does, and what tests compare).
import { CODE_PAGE_NUMBER, charOf, codePageOfNumber, textBytes } from './code-pages';
import type { CodePage } from './code-pages';

export type EscPosCommand =
  | { kind: 'init' }
  | { kind: 'align'; align: 'left' | 'center' | 'right' }
  | { kind: 'bold'; on: boolean }
  /** Character magnification 1–8 in each direction (GS !). */
  | { kind: 'size'; width: number; height: number }
  /** Selects the character table for the text that follows (ESC t n). */
  | { kind: 'codepage'; page: Exclude<CodePage, 'ascii'> }
  /** Printable text; a newline prints the line (LF). */
  | { kind: 'text'; text: string }
  | { kind: 'feed'; lines: number }
  /** QR code, model 2, module size 1–16 dots, error correction L/M/Q/H (GS ( k). */
  | { kind: 'qr'; data: string; moduleSize: number; ecc: 'L' | 'M' | 'Q' | 'H' }
  /** Feed to the cutter and cut partially (GS V 66 n). */
  | { kind: 'cut' }
  /** Real-time status request DLE EOT n (1 printer, 2 offline cause, 3 error, 4 paper). */
  | { kind: 'status'; n: 1 | 2 | 3 | 4 }
  | { kind: 'unknown'; bytes: number[] };

const ESC = 0x1b;
const GS = 0x1d;
const DLE = 0x10;
const LF = 0x0a;
const ALIGN = { left: 0, center: 1, right: 2 } as const;
const ECC = { L: 48, M: 49, Q: 50, H: 51 } as const;

/**
 * Code page 437 is every printer's default; anything outside printable ASCII becomes '?'
 * rather than a wrong glyph. Indonesian text is plain Latin, so this loses nothing on cards.
 */
export function asciiBytes(text: string): number[] {
  return [...text.normalize('NFD').replace(/[\u0300-\u036f]/g, '')].map((c) => {
    const code = c.charCodeAt(0);
    return c === '\n' ? LF : code >= 0x20 && code < 0x7f ? code : 0x3f;
  });
}

export function encode(commands: readonly EscPosCommand[]): Uint8Array {
  const out: number[] = [];
  let page: CodePage = 'ascii';
  for (const c of commands) {
    switch (c.kind) {
      case 'codepage':
        out.push(ESC, 0x74, CODE_PAGE_NUMBER[c.page]);
        page = c.page;
        break;
      case 'init':
        out.push(ESC, 0x40);
        break;
      case 'align':
        out.push(ESC, 0x61, ALIGN[c.align]);
        break;
      case 'bold':
        out.push(ESC, 0x45, c.on ? 1 : 0);
        break;
      case 'size': {
        const w = Math.min(8, Math.max(1, Math.round(c.width)));
        const h = Math.min(8, Math.max(1, Math.round(c.height)));
        out.push(GS, 0x21, ((w - 1) << 4) | (h - 1));
        break;
      }
      case 'text':
        out.push(...textBytes(c.text, page));
        break;
      case 'feed':
        out.push(ESC, 0x64, Math.min(255, Math.max(0, c.lines)));
        break;
      case 'qr': {
        const data = asciiBytes(c.data);
        if (data.length > 7089) throw new RangeError('QR data too long');
        const len = data.length + 3;
        out.push(GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0); // model 2
        out.push(GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, Math.min(16, Math.max(1, c.moduleSize)));
        out.push(GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, ECC[c.ecc]);
        out.push(GS, 0x28, 0x6b, len & 0xff, len >> 8, 0x31, 0x50, 0x30, ...data); // store
        out.push(GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30); // print
        break;
      }
      case 'cut':
        out.push(GS, 0x56, 66, 3);
        break;
      case 'status':
        out.push(DLE, 0x04, c.n);
        break;
      case 'unknown':
        out.push(...c.bytes);
        break;
    }
  }
  return Uint8Array.from(out);
}

export interface DecodeResult {
  commands: EscPosCommand[];
  /** Bytes of an incomplete command at the end, to prepend to the next chunk. */
  rest: Uint8Array;
}

/**
 * Streaming decoder for the commands `encode` writes (and unknown ESC/GS sequences, kept
 * as bytes). Consecutive printable bytes and LFs become one text command. QR set-up functions
 * are folded into the 'qr' command when the print function (fn 81) arrives.
 */
export function decode(bytes: Uint8Array): DecodeResult {
  const commands: EscPosCommand[] = [];
  let qr: { data: string; moduleSize: number; ecc: 'L' | 'M' | 'Q' | 'H' } = {
    data: '',
    moduleSize: 3,
    ecc: 'M',
  };
  let i = 0;
  let page: Exclude<CodePage, 'ascii'> | null = null;
  const need = (n: number) => i + n <= bytes.length;
  const pushText = (s: string) => {
    const last = commands[commands.length - 1];
    if (last?.kind === 'text') last.text += s;
    else commands.push({ kind: 'text', text: s });
  };
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === LF || (b >= 0x20 && b < 0x7f)) {
      pushText(String.fromCharCode(b));
      i++;
    } else if (b >= 0x80 && page && charOf(b, page)) {
      pushText(charOf(b, page)!);
      i++;
    } else if (b === ESC) {
      if (!need(2)) break;
      const op = bytes[i + 1]!;
      if (op === 0x40) {
        commands.push({ kind: 'init' });
        i += 2;
      } else if (op === 0x74) {
        if (!need(3)) break;
        const known = codePageOfNumber(bytes[i + 2]!);
        if (known) commands.push({ kind: 'codepage', page: known });
        else commands.push({ kind: 'unknown', bytes: [b, op, bytes[i + 2]!] });
        page = known;
        i += 3;
      } else if (op === 0x61 || op === 0x45 || op === 0x64) {
        if (!need(3)) break;
        const n = bytes[i + 2]!;
        if (op === 0x61)
          commands.push({
            kind: 'align',
            align: n === 1 || n === 49 ? 'center' : n === 2 || n === 50 ? 'right' : 'left',
          });
        else if (op === 0x45) commands.push({ kind: 'bold', on: (n & 1) === 1 });
        else commands.push({ kind: 'feed', lines: n });
        i += 3;
      } else {
        commands.push({ kind: 'unknown', bytes: [b, op] });
        i += 2;
      }
    } else if (b === GS) {
      if (!need(2)) break;
      const op = bytes[i + 1]!;
      if (op === 0x21) {
        if (!need(3)) break;
        const n = bytes[i + 2]!;
        commands.push({ kind: 'size', width: (n >> 4) + 1, height: (n & 0x0f) + 1 });
        i += 3;
      } else if (op === 0x56) {
        if (!need(3)) break;
        const m = bytes[i + 2]!;
        if (m >= 65) {
          if (!need(4)) break;
          i += 4;
        } else i += 3;
        commands.push({ kind: 'cut' });
      } else if (op === 0x28 && need(5) && bytes[i + 2] === 0x6b) {
        const len = bytes[i + 3]! | (bytes[i + 4]! << 8);
        if (!need(5 + len)) break;
        const body = bytes.subarray(i + 5, i + 5 + len);
        const fn = body[1];
        if (fn === 0x43) qr.moduleSize = body[2]!;
        else if (fn === 0x45) qr.ecc = (['L', 'M', 'Q', 'H'] as const)[body[2]! - 48] ?? 'M';
        else if (fn === 0x50) qr.data = String.fromCharCode(...body.subarray(3));
        else if (fn === 0x51) {
          commands.push({ kind: 'qr', ...qr });
          qr = { data: '', moduleSize: 3, ecc: 'M' };
        }
        i += 5 + len;
      } else if (op === 0x28) {
        if (!need(5)) break;
        commands.push({ kind: 'unknown', bytes: [b, op] });
        i += 2;
      } else {
        commands.push({ kind: 'unknown', bytes: [b, op] });
        i += 2;
      }
    } else if (b === DLE) {
      if (!need(3)) break;
      if (bytes[i + 1] === 0x04)
        commands.push({
          kind: 'status',
          n: Math.min(4, Math.max(1, bytes[i + 2]!)) as 1 | 2 | 3 | 4,
        });
      else commands.push({ kind: 'unknown', bytes: [b, bytes[i + 1]!, bytes[i + 2]!] });
      i += 3;
    } else {
      commands.push({ kind: 'unknown', bytes: [b] });
      i++;
    }
  }
  return { commands, rest: bytes.slice(i) };
}

/**
 * DLE EOT replies. Bits 1 and 4 are always set; n=1 bit 3 offline; n=4 bits 5–6 paper end.
 * 0x12 is "all good" for every n.
 */
export const STATUS_OK = 0x12;
export const STATUS_OFFLINE = 0x12 | 0x08;
export const STATUS_PAPER_END = 0x12 | 0x60;

export function statusProblem(n: 1 | 4, byte: number): 'offline' | 'paper-end' | null {
  if ((byte & 0x93) !== 0x12) return 'offline';
  if (n === 1 && (byte & 0x08) !== 0) return 'offline';
  if (n === 4 && (byte & 0x60) !== 0) return 'paper-end';
  return null;
}
