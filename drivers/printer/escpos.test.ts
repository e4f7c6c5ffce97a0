import { describe, expect, it } from 'vitest';
import { STATUS_OK, STATUS_PAPER_END, decode, encode, statusProblem } from './escpos';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('ESC/POS codec', () => {
  it('encodes the commands byte for byte', () => {
    expect(hex(encode([{ kind: 'init' }]))).toBe('1b40');
    expect(hex(encode([{ kind: 'align', align: 'center' }]))).toBe('1b6101');
    expect(hex(encode([{ kind: 'bold', on: true }]))).toBe('1b4501');
    expect(hex(encode([{ kind: 'size', width: 4, height: 4 }]))).toBe('1d2133');
    expect(hex(encode([{ kind: 'text', text: 'A-001\n' }]))).toBe('412d3030310a');
    expect(hex(encode([{ kind: 'feed', lines: 3 }]))).toBe('1b6403');
    expect(hex(encode([{ kind: 'cut' }]))).toBe('1d564203');
    expect(hex(encode([{ kind: 'status', n: 4 }]))).toBe('100404');
    expect(hex(encode([{ kind: 'qr', data: 'Q1', moduleSize: 6, ecc: 'M' }]))).toBe(
      [
        '1d286b0400314132 00'.replace(' ', ''),
        '1d286b0300314306',
        '1d286b0300314531',
        '1d286b0500315030' + '5131',
        '1d286b0300315130',
      ].join(''),
    );
  });

  it('replaces what code page 437 cannot print, keeping letters without accents', () => {
    expect(hex(encode([{ kind: 'text', text: 'é€' }]))).toBe('653f');
  });

  it('selects a code page with ESC t and maps accented letters into it', () => {
    const text = { kind: 'text' as const, text: 'é ü ñ € ½' };
    expect(hex(encode([{ kind: 'codepage', page: 'pc437' }, text]))).toBe(
      '1b7400' + '82 20 81 20 a4 20 3f 20 ab'.replace(/ /g, ''),
    );
    expect(hex(encode([{ kind: 'codepage', page: 'wpc1252' }, text]))).toBe(
      '1b7410' + 'e9 20 fc 20 f1 20 80 20 bd'.replace(/ /g, ''),
    );
    // Decomposed input (e + combining acute) is the same letter.
    expect(
      hex(
        encode([
          { kind: 'codepage', page: 'wpc1252' },
          { kind: 'text', text: 'e\u0301' },
        ]),
      ),
    ).toBe('1b7410e9');
    for (const page of ['pc437', 'wpc1252'] as const) {
      const cmds = [
        { kind: 'codepage' as const, page },
        { kind: 'text' as const, text: 'Café Müller ½\n' },
      ];
      expect(decode(encode(cmds)).commands).toEqual(cmds);
    }
    // An unknown table is kept as bytes, and its high bytes are not guessed.
    expect(decode(Uint8Array.of(0x1b, 0x74, 99, 0xe9)).commands).toEqual([
      { kind: 'unknown', bytes: [0x1b, 0x74, 99] },
      { kind: 'unknown', bytes: [0xe9] },
    ]);
  });

  it('decodes what it encodes, across chunk boundaries', () => {
    const cmds = [
      { kind: 'init' as const },
      { kind: 'bold' as const, on: true },
      { kind: 'size' as const, width: 2, height: 3 },
      { kind: 'text' as const, text: 'GRATIS\n' },
      { kind: 'qr' as const, data: 'QABC', moduleSize: 5, ecc: 'Q' as const },
      { kind: 'cut' as const },
    ];
    const bytes = encode(cmds);
    expect(decode(bytes)).toEqual({ commands: cmds, rest: new Uint8Array(0) });
    const first = decode(bytes.subarray(0, 18));
    expect(first.rest.length).toBeGreaterThan(0);
    const joined = new Uint8Array([...first.rest, ...bytes.subarray(18)]);
    expect(
      [...first.commands, ...decode(joined).commands].filter((c) => c.kind !== 'text'),
    ).toEqual(cmds.filter((c) => c.kind !== 'text'));
  });

  it('reads status bytes', () => {
    expect(statusProblem(1, STATUS_OK)).toBeNull();
    expect(statusProblem(4, STATUS_PAPER_END)).toBe('paper-end');
    expect(statusProblem(1, 0x1a)).toBe('offline');
    expect(statusProblem(1, 0x00)).toBe('offline');
  });
});
