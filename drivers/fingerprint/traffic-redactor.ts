// What the technician's traffic view may show of the scanner's bytes: commands and acks whose
// checksum is right, in full; of a data transfer (PID 0x02 … 0x08: fingerprint images and
// templates) only the first header and a byte count, as one line, so an image upload does not
// push the commands around it off the screen. Anything else — bytes outside a packet, a packet
// that does not check out — is counted, not shown: after a framing slip the next bytes could be
// image data, and nothing that is not known to be a command or an ack leaves this file.
// Serial chunks split packets anywhere, so each direction keeps a small framing state.
import { HEADER_0, HEADER_1, MAX_PAYLOAD, PID, PREFIX_LENGTH, checksum } from './codec';

export type WithheldKind = 'fingerprint-data' | 'unframed' | 'pen-report';

/** Bytes shown, optionally followed by a count of bytes withheld. */
export interface RedactedSegment {
  bytes: Uint8Array;
  withheld?: number;
  what?: WithheldKind;
}

type Phase = 'scan' | 'prefix' | 'body';

class Framer {
  private phase: Phase = 'scan';
  private prefix: number[] = [];
  private body: number[] = [];
  private remaining = 0;
  /** The packet being read is a data packet; and the last one of its transfer (PID 0x08). */
  private data = false;
  private lastOfTransfer = false;
  /** Bytes being withheld: a data transfer (after its first header) or unframed bytes. */
  private hidden: { count: number; what: WithheldKind } | null = null;
  private kept: number[] = [];
  private out: RedactedSegment[] = [];

  split(chunk: Uint8Array): RedactedSegment[] {
    for (const b of chunk) this.step(b);
    // A transfer in progress stays one line across chunks; everything else is shown now.
    if (this.hidden?.what !== 'fingerprint-data') this.endHidden();
    const out = this.out;
    this.out = [];
    return out;
  }

  private show(bytes: number[]): void {
    this.endHidden();
    this.kept.push(...bytes);
  }

  private hide(count: number, what: WithheldKind): void {
    if (this.hidden && this.hidden.what !== what) this.endHidden();
    if (this.hidden) this.hidden.count += count;
    else this.hidden = { count, what };
  }

  /** Emits what was shown, with the withheld count after it on the same line. */
  private endHidden(): void {
    if (this.kept.length === 0 && !this.hidden) return;
    this.out.push({
      bytes: Uint8Array.from(this.kept),
      ...(this.hidden ? { withheld: this.hidden.count, what: this.hidden.what } : {}),
    });
    this.kept = [];
    this.hidden = null;
  }

  private step(b: number): void {
    switch (this.phase) {
      case 'scan':
        if (b === HEADER_0) {
          this.prefix = [b];
          this.phase = 'prefix';
        } else this.hide(1, 'unframed');
        return;
      case 'prefix': {
        this.prefix.push(b);
        const n = this.prefix.length;
        if (n === 2 && b !== HEADER_1) {
          // Not a header after all (a new EF may start one).
          this.hide(1, 'unframed');
          this.phase = 'scan';
          this.step(b);
          return;
        }
        if (n < PREFIX_LENGTH) return;
        const pid = this.prefix[6]!;
        const len = (this.prefix[7]! << 8) | this.prefix[8]!;
        if (len < 2 || len > MAX_PAYLOAD + 2) {
          this.hide(PREFIX_LENGTH, 'unframed');
          this.phase = 'scan';
          return;
        }
        this.data = pid === PID.DATA || pid === PID.END_DATA;
        if (this.data) {
          // The first header of a transfer is shown; the rest of it is counted.
          if (this.hidden?.what === 'fingerprint-data') this.hidden.count += PREFIX_LENGTH;
          else {
            this.show(this.prefix);
            this.hidden = { count: 0, what: 'fingerprint-data' };
          }
          this.lastOfTransfer = pid === PID.END_DATA;
        }
        this.body = [];
        this.remaining = len;
        this.phase = 'body';
        return;
      }
      case 'body':
        this.remaining -= 1;
        if (this.data) this.hidden!.count += 1;
        else this.body.push(b);
        if (this.remaining > 0) return;
        this.phase = 'scan';
        if (this.data) {
          if (this.lastOfTransfer) this.endHidden();
          return;
        }
        this.endPacket();
        return;
    }
  }

  /** A command or ack: shown when its checksum is right, counted as unframed otherwise. */
  private endPacket(): void {
    const pid = this.prefix[6]!;
    const payload = Uint8Array.from(this.body.slice(0, -2));
    const sum = (this.body.at(-2)! << 8) | this.body.at(-1)!;
    if (checksum(pid, payload) === sum) this.show([...this.prefix, ...this.body]);
    else this.hide(PREFIX_LENGTH + this.body.length, 'unframed');
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
