// What the technician's traffic view may show of the scanner's bytes: every command, ack and
// confirmation code in full, and of a data transfer (PID 0x02 … 0x08, fingerprint images and
// templates) only the first packet's header and how many bytes followed. A whole transfer
// ends in one line with its count, so an image upload does not push the commands around it
// off the screen.
// Serial chunks split packets anywhere, so each direction keeps a small framing state.
import { HEADER_0, HEADER_1, MAX_PAYLOAD, PID, PREFIX_LENGTH } from './codec';

/** Bytes shown, optionally followed by a count of bytes withheld as biometric data. */
export interface RedactedSegment {
  bytes: Uint8Array;
  withheld?: number;
  what?: 'fingerprint-data' | 'pen-report';
}

type Phase = 'scan' | 'prefix' | 'body';

class Framer {
  private phase: Phase = 'scan';
  private prefix: number[] = [];
  private remaining = 0;
  /** The packet being read is a data packet; and the last one of its transfer (PID 0x08). */
  private data = false;
  private lastOfTransfer = false;
  /** A transfer of data packets in progress: the bytes after its first header. */
  private run: { hidden: number } | null = null;
  private out: RedactedSegment[] = [];
  private kept: number[] = [];

  split(chunk: Uint8Array): RedactedSegment[] {
    for (const b of chunk) this.step(b);
    this.flushKept();
    const out = this.out;
    this.out = [];
    return out;
  }

  private keep(...bytes: number[]): void {
    this.endRun();
    this.kept.push(...bytes);
  }

  private flushKept(): void {
    if (this.kept.length > 0) this.out.push({ bytes: Uint8Array.from(this.kept) });
    this.kept = [];
  }

  private endRun(): void {
    if (!this.run) return;
    const bytes = Uint8Array.from(this.kept);
    this.kept = [];
    this.out.push({ bytes, withheld: this.run.hidden, what: 'fingerprint-data' });
    this.run = null;
  }

  /**
   * Header bytes are shown as they arrive, except inside a transfer, where the next header is
   * held until its PID says whether the transfer goes on (then it is counted, not shown).
   */
  private step(b: number): void {
    switch (this.phase) {
      case 'scan':
        if (b === HEADER_0) {
          this.prefix = [b];
          this.phase = 'prefix';
          if (!this.run) this.kept.push(b);
        } else this.keep(b);
        return;
      case 'prefix': {
        const held = this.run !== null;
        this.prefix.push(b);
        if (!held) this.kept.push(b);
        const n = this.prefix.length;
        if (n === 2 && b !== HEADER_1) {
          // Not a header after all (a new EF may start one).
          this.phase = 'scan';
          if (held) {
            this.keep(this.prefix[0]!);
            this.step(b);
          } else if (b === HEADER_0) {
            this.prefix = [b];
            this.phase = 'prefix';
          }
          return;
        }
        if (n < PREFIX_LENGTH) return;
        const pid = this.prefix[6]!;
        const len = (this.prefix[7]! << 8) | this.prefix[8]!;
        this.data =
          (pid === PID.DATA || pid === PID.END_DATA) && len >= 2 && len <= MAX_PAYLOAD + 2;
        if (this.data) {
          if (this.run) this.run.hidden += PREFIX_LENGTH;
          else this.run = { hidden: 0 };
          this.run.hidden += len;
          this.lastOfTransfer = pid === PID.END_DATA;
        } else if (held) this.keep(...this.prefix);
        if (len < 2 || len > MAX_PAYLOAD + 2) {
          this.phase = 'scan';
          return;
        }
        // Payload and checksum.
        this.remaining = len;
        this.phase = 'body';
        return;
      }
      case 'body':
        this.remaining -= 1;
        if (!this.data) this.kept.push(b);
        if (this.remaining === 0) {
          this.phase = 'scan';
          if (this.data && this.lastOfTransfer) this.endRun();
        }
        return;
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
