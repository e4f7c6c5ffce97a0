// The device side of the protocol: answers like an R30x/AS608 module over any ByteTransport (a
// serial port on the far end of a pty pair, or an in-memory pair). It paces its output at the
// configured baud so timings seen by the driver are the ones a real module produces. This file
// is the module's shell: options, the public controls tests and the CLI use, the port, and
// dispatch of each command to its group (sim-session, sim-capture, sim-library).
import { EventEmitter } from 'node:events';
import { CMD, COMMAND_NAMES, PID, buildAck } from './codec';
import type { Packet, PacketSize } from './codec';
import { PacketDecoder } from './decoder';
import { CAPTURE_COMMANDS, receiveHostData } from './sim-capture';
import { FingerModel } from './sim-finger';
import { LIBRARY_COMMANDS } from './sim-library';
import { createModuleState } from './sim-module';
import type { CommandTable, ModuleState, SimContext, SimulatorOptions } from './sim-module';
import { SESSION_COMMANDS } from './sim-session';
import { SimWire } from './sim-wire';
import type { FaultKind } from './sim-wire';
import type { ImageQuality } from './synthetic';
import type { ByteTransport } from '../transport/byte-transport';

export { templateScore } from './sim-finger';
export type { SimulatorOptions } from './sim-module';
export type { FaultKind } from './sim-wire';

const COMMANDS: CommandTable = { ...SESSION_COMMANDS, ...CAPTURE_COMMANDS, ...LIBRARY_COMMANDS };

export class FingerprintSimulator extends EventEmitter {
  private readonly m: ModuleState;
  private readonly fingers: FingerModel;
  private readonly wire: SimWire;
  private readonly ctx: SimContext;
  private readonly openAt: SimulatorOptions['openAt'];
  private readonly decoder: PacketDecoder;
  private work: Promise<void> = Promise.resolve();

  /** Counters for tests and the bench. */
  readonly stats = { commands: 0, bytesOut: 0, imagesSent: 0 };

  constructor(transport: ByteTransport, opts: SimulatorOptions = {}) {
    super();
    this.m = createModuleState(opts);
    this.openAt = opts.openAt;
    this.fingers = new FingerModel(opts.personSeed ?? 1, opts.autoFingers);
    this.wire = new SimWire(transport, {
      pace: opts.pace,
      paceSpeedup: opts.paceSpeedup,
      paceIntervalMs: opts.paceIntervalMs,
      baud: () => this.m.baud,
      onFault: (kind) => this.emit('fault', kind),
      stats: this.stats,
    });
    this.ctx = {
      m: this.m,
      fingers: this.fingers,
      ack: (confirmation, data = []) =>
        this.wire.enqueue(buildAck(confirmation, data, this.m.address)),
      reply: (packet) => this.wire.enqueue(packet),
      emit: (event, ...args) => this.emit(event, ...args),
      sendMs: (bytes) => this.wire.sendMs(bytes),
      switchLine: async () => {
        await this.wire.drained();
        if (this.openAt) await this.reopenAt(this.openAt, this.m.baud);
      },
      stats: this.stats,
    };
    this.decoder = new PacketDecoder(() => {
      // A real module answers a garbled command with "receive error".
      this.ctx.ack(0x01);
    });
    transport.on('data', this.onData);
    transport.on('close', this.onClose);
  }

  /** The module address (SetAdder changes it; commands to any other address are ignored). */
  get address(): number {
    return this.m.address;
  }

  /** The finger on the sensor now (null when none, or while it is still on its way). */
  get fingerOnSensor(): number | null {
    return this.fingers.present?.finger ?? null;
  }

  /** Pages of the template library that hold a template, ascending. */
  get libraryPages(): number[] {
    return [...this.m.library.keys()].sort((a, b) => a - b);
  }

  get currentBaud(): number {
    return this.m.baud;
  }

  get currentPacketSize(): PacketSize {
    return this.m.packetSize;
  }

  /** The image in the module's buffer (what the last GenImg or DownImage left there). */
  get lastImage(): Uint8Array | null {
    return this.m.image?.gray ?? null;
  }

  /** Puts `finger` (1..10) on the sensor; GenImg answers "no finger" until `afterMs` elapse. */
  placeFinger(finger: number, opts: { quality?: ImageQuality; afterMs?: number } = {}): void {
    this.fingers.place(finger, opts);
  }

  liftFinger(): void {
    this.fingers.lift();
  }

  /**
   * checksum / drop strike the next outgoing packet (or the one `afterPackets` later), `count`
   * times; stall stops all answers until resume(); unplug closes the stream like a yanked cable.
   */
  injectFault(kind: FaultKind, opts: { afterPackets?: number; count?: number } = {}): void {
    if (kind === 'stall') {
      this.wire.stalled = true;
      this.wire.clearQueue();
    } else if (kind === 'unplug') {
      this.wire.clearQueue();
      this.emit('unplug');
      void this.wire.transport.close();
    } else {
      this.wire.addFault(kind, opts.afterPackets ?? 0, opts.count ?? 1);
    }
  }

  clearFaults(): void {
    this.wire.clearFaults();
  }

  resume(): void {
    this.wire.stalled = false;
  }

  /** Detaches from the transport without closing it. */
  stop(): void {
    this.wire.stopped = true;
    this.wire.clearQueue();
    this.wire.transport.off('data', this.onData);
    this.wire.transport.off('close', this.onClose);
  }

  /** Resolves once every queued byte has been handed to the transport. */
  async flushed(): Promise<void> {
    await this.work;
    await this.wire.drained();
  }

  /** Closes the module's end of the line and opens it again at `baud`. */
  private async reopenAt(
    openAt: (baud: number) => Promise<ByteTransport>,
    baud: number,
  ): Promise<void> {
    const old = this.wire.transport;
    this.emit('baud-switch', baud);
    old.off('data', this.onData);
    old.off('close', this.onClose);
    this.decoder.reset();
    await old.close().catch(() => undefined);
    let fresh: ByteTransport;
    try {
      fresh = await openAt(baud);
    } catch (e) {
      this.emit('error', e);
      return;
    }
    this.wire.transport = fresh;
    if (this.wire.stopped) {
      await fresh.close().catch(() => undefined);
      return;
    }
    fresh.on('data', this.onData);
    fresh.on('close', this.onClose);
  }

  private readonly onData = (bytes: Uint8Array): void => {
    if (this.wire.silent) return;
    for (const packet of this.decoder.push(bytes)) {
      if (packet.address !== this.address) continue;
      if (packet.pid === PID.DATA || packet.pid === PID.END_DATA) {
        receiveHostData(this.m, packet);
        continue;
      }
      if (packet.pid !== PID.COMMAND) continue;
      // Commands are handled strictly one after another, as on the module's single MCU.
      this.work = this.work
        .then(() => this.handle(packet))
        .catch((e: unknown) => {
          this.emit('error', e);
        });
    }
  };

  private readonly onClose = (): void => {
    this.wire.clearQueue();
    this.emit('closed');
  };

  private async handle(packet: Packet): Promise<void> {
    if (this.wire.silent) return;
    const code = packet.payload[0] ?? -1;
    this.stats.commands++;
    this.emit('command', COMMAND_NAMES[code] ?? `0x${code.toString(16)}`);
    // A module with a password set answers nothing but VfyPwd until it has been verified.
    if (this.m.password !== 0 && !this.m.verified && code !== CMD.VFY_PWD) {
      return this.ctx.ack(0x21);
    }
    const handler = COMMANDS[code];
    if (!handler) return this.ctx.ack(0x01);
    await handler(this.ctx, packet.payload.subarray(1));
  }
}
