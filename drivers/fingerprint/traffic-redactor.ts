// What the technician's traffic view may show of the scanner's bytes: every header, length,
// command, confirmation code and checksum — but never the payload of a data packet (PID 0x02 /
// 0x08), which carries fingerprint images and templates. Serial chunks split packets anywhere,
// so each direction keeps a small framing state across chunks.
import { HEADER_0, HEADER_1, MAX_PAYLOAD, PID, PREFIX_LENGTH } from './codec';

export type RedactedSegment =
  | { bytes: Uint8Array }
  | { withheld: number; what: 'fingerprint-data' | 'pen-report' };

type Phase = 'scan' | 'prefix' | 'payload' | 'sum';

class Framer {
  private phase: Phase = 'scan';
  private prefix: number[] = [];
  private remaining = 0;
  private secret = false;

  /** Splits a chunk into kept bytes and withheld runs, in order. */
  split(data: Uint8Array): RedactedSegment[] {
    const out: RedactedSegment[] = [];
    let runStart = 0;
    let runSecret = false;
    const flush = (end: number) => {
      if (end <= runStart) return;
      out.push(
        runSecret
          ? { withheld: end - runStart, what: 'fingerprint-data' }
          : { bytes: data.slice(runStart, end) },
      );
      runStart = end;
    };
    for (let i = 0; i < data.length; i++) {
      const secret = this.step(data[i]!);
      if (secret !== runSecret) {
        flush(i);
        runSecret = secret;
      }
    }
    flush(data.length);
    return out;
  }

  /** Advances over one byte; true when that byte is data-packet payload. */
  private step(b: number): boolean {
    switch (this.phase) {
      case 'scan':
        if (b === HEADER_0) {
          this.prefix = [b];
          this.phase = 'prefix';
        }
        return false;
      case 'prefix': {
        this.prefix.push(b);
        const n = this.prefix.length;
        if (n === 2 && b !== HEADER_1) {
          this.prefix = b === HEADER_0 ? [b] : [];
          this.phase = b === HEADER_0 ? 'prefix' : 'scan';
          return false;
        }
        if (n < PREFIX_LENGTH) return false;
        const pid = this.prefix[6]!;
        const len = (this.prefix[7]! << 8) | this.prefix[8]!;
        if (len < 2 || len > MAX_PAYLOAD + 2) {
          this.phase = 'scan';
          return false;
        }
        this.secret = pid === PID.DATA || pid === PID.END_DATA;
        this.remaining = len - 2;
        this.phase = this.remaining > 0 ? 'payload' : 'sum';
        if (this.phase === 'sum') this.remaining = 2;
        return false;
      }
      case 'payload':
        this.remaining -= 1;
        if (this.remaining === 0) {
          this.phase = 'sum';
          this.remaining = 2;
        }
        return this.secret;
      case 'sum':
        this.remaining -= 1;
        if (this.remaining === 0) this.phase = 'scan';
        return false;
    }
  }
}

/** A redactor for one scanner connection: separate framing per direction. */
export function fingerprintTrafficRedactor(): (
  dir: 'tx' | 'rx',
  data: Uint8Array,
) => RedactedSegment[] {
  const framers = { tx: new Framer(), rx: new Framer() };
  return (dir, data) => framers[dir].split(data);
}
