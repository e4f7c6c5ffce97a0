// Talking to the module at all: VfyPwd (the handshake), its system parameters (packet size,
// baud), its address and password, its random generator, and moving the link to another line
// speed (SetSysPara register 4, the port reopened at the new rate, a fall-back if it stays silent).
import {
  REG,
  buildGetRandomCode,
  buildReadSysPara,
  buildSetAdder,
  buildSetPwd,
  buildSetSysPara,
  buildVfyPwd,
  packetSizeCode,
  parseRandomCode,
  parseSysPara,
} from './codec';
import type { PacketSize, SystemParameters } from './codec';
import { ConnectionLink } from './driver-connection';
import { FingerprintError, isFingerprintError } from './errors';
import type { BaudChange, RequestOptions } from './driver-types';
import type { ByteTransport } from '../transport/byte-transport';

/** Answers to VfyPwd at a new rate: a few tries while the module settles on it. */
const BAUD_PROBES = 3;

export abstract class SessionCommands extends ConnectionLink {
  /** VfyPwd: proves the module is there and speaks this protocol at this baud. */
  async handshake(opts: RequestOptions = {}): Promise<void> {
    await this.command(buildVfyPwd(this.password, this.address), opts);
  }

  async readSysPara(opts: RequestOptions = {}): Promise<SystemParameters> {
    const p = parseSysPara(await this.command(buildReadSysPara(this.address), opts));
    this.packetSize = p.packetSize;
    return p;
  }

  /** SetSysPara register 6, then reads back to make sure the module took it. */
  async setPacketSize(size: PacketSize, opts: RequestOptions = {}): Promise<void> {
    await this.command(buildSetSysPara(REG.PACKET_SIZE, packetSizeCode(size), this.address), opts);
    const p = await this.readSysPara(opts);
    if (p.packetSize !== size) {
      throw new FingerprintError('BAD_REGISTER', { detail: `packet size stayed ${p.packetSize}` });
    }
  }

  /** GetRandomCode: 32 bits from the module's random generator. */
  async getRandomCode(opts: RequestOptions = {}): Promise<number> {
    return parseRandomCode(await this.command(buildGetRandomCode(this.address), opts));
  }

  /**
   * SetAdder: the module takes `newAddress` at once (its ack already comes from there); every
   * later command goes to it.
   */
  async setAddress(newAddress: number, opts: RequestOptions = {}): Promise<void> {
    const target = newAddress >>> 0;
    await this.command(buildSetAdder(target, this.address), opts, {
      replyAddress: target,
      then: () => {
        this.address = target;
      },
    });
  }

  /** SetPwd: the module's new password; the driver verifies with it from now on. */
  async setPassword(password: number, opts: RequestOptions = {}): Promise<void> {
    const value = password >>> 0;
    await this.command(buildSetPwd(value, this.address), opts, {
      then: () => {
        this.password = value;
      },
    });
  }

  /**
   * Moves the link to the fastest rate in `candidates` (highest first) that both ends manage:
   * SetSysPara register 4 (the module answers at the old rate, then switches), the port is
   * reopened at the new rate and VfyPwd must answer there. A module that refuses the register
   * keeps the current rate; one that stays silent at the new rate is looked for again at the
   * old one (it did not switch), and the next candidate is tried. Only if the module answers at
   * neither rate does this fail, with DISCONNECTED.
   */
  async negotiateBaud(
    candidates: readonly number[],
    opts: RequestOptions = {},
  ): Promise<BaudChange> {
    const openAt = this.openAt;
    const wanted = [...new Set(candidates)].filter((b) => b > this._baud).sort((a, b) => b - a);
    if (!openAt || wanted.length === 0) return { baud: this._baud, outcome: 'unchanged' };
    return this.run(opts, async () => {
      let outcome: BaudChange['outcome'] = 'unchanged';
      for (const target of wanted) {
        if (!validBaud(target)) continue;
        outcome = await this.switchBaud(openAt, target);
        if (outcome === 'switched') return { baud: target, outcome };
      }
      return { baud: this._baud, outcome };
    });
  }

  /**
   * Moves the link to exactly `baud` (up or down), as negotiateBaud does for one candidate:
   * 'refused' or 'fell-back' leave the link at the old rate, still working.
   */
  async setBaud(baud: number, opts: RequestOptions = {}): Promise<BaudChange> {
    if (!validBaud(baud)) throw new RangeError('baud must be N × 9600 with N 1–12');
    const openAt = this.openAt;
    if (baud === this._baud) return { baud, outcome: 'unchanged' };
    if (!openAt) throw new Error('setBaud needs openAt to reopen the port');
    return this.run(opts, async () => {
      const outcome = await this.switchBaud(openAt, baud);
      return { baud: this._baud, outcome };
    });
  }

  /** One SetSysPara register 4 and the port reopened at `target` (or back at the old rate). */
  private async switchBaud(
    openAt: (baud: number) => Promise<ByteTransport>,
    target: number,
  ): Promise<BaudChange['outcome']> {
    const from = this._baud;
    try {
      const { ack } = await this.exchange(
        'SET_SYS_PARA',
        buildSetSysPara(REG.BAUD, target / 9600, this.address),
        this.timeouts.ackMs,
        0,
      );
      if (ack.confirmation !== 0) return 'refused';
    } catch (e) {
      // A lost or garbled reply: whether the module switched is found out by asking.
      if (!isFingerprintError(e) || e.code === 'DISCONNECTED' || e.code === 'CLOSED') throw e;
      await this.settle();
    }
    if (await this.reopenAndProbe(openAt, target)) return 'switched';
    // Silent at the new rate: the module (or the adapter) did not take it. Back to the old.
    if (!(await this.reopenAndProbe(openAt, from))) {
      throw new FingerprintError('DISCONNECTED', {
        detail: `no answer at ${target} or ${from} baud after SetSysPara`,
      });
    }
    return 'fell-back';
  }

  /** Closes the port, opens it at `baud` and checks that VfyPwd answers there. */
  private async reopenAndProbe(
    openAt: (baud: number) => Promise<ByteTransport>,
    baud: number,
  ): Promise<boolean> {
    const old = this.transport;
    this.detach();
    await old?.close().catch(() => undefined);
    let fresh: ByteTransport;
    try {
      fresh = await openAt(baud);
    } catch {
      return false;
    }
    this.attach(fresh);
    this._baud = baud;
    for (let i = 0; i < BAUD_PROBES; i++) {
      try {
        const { ack } = await this.exchange(
          'VFY_PWD',
          buildVfyPwd(this.password, this.address),
          this.timeouts.ackMs,
          0,
          { probe: true },
        );
        // Any well-formed answer (even "wrong password") proves the module speaks this rate.
        if (ack) return true;
      } catch {
        // Garbage or silence while the far end changes speed; settle and ask again.
      }
      await this.settle();
    }
    return false;
  }
}

function validBaud(baud: number): boolean {
  return Number.isInteger(baud) && baud % 9600 === 0 && baud >= 9600 && baud / 9600 <= 12;
}
