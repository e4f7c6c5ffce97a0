// The device side of the protocol: answers like an R30x/AS608 module over any ByteTransport (a
// serial port on the far end of a pty pair, or an in-memory pair). It paces its output at the
// configured baud so timings seen by the driver are the ones a real module produces.
import { EventEmitter } from 'node:events';
import {
  CMD,
  COMMAND_NAMES,
  DEFAULT_ADDRESS,
  IMAGE_BYTES,
  PACKET_SIZES,
  PID,
  REG,
  TEMPLATE_BYTES,
  buildAck,
  buildDataPackets,
  concatBytes,
  encodeIndexTable,
  encodeSysPara,
  packImage4,
  readU16,
  readU32,
  u16,
  u32,
  unpackImage4,
} from './codec';
import type { Packet, PacketSize } from './codec';
import { PacketDecoder } from './decoder';
import {
  applyPose,
  captureMinutiae,
  decodeTemplate,
  encodeTemplate,
  matchMinutiae,
  randomPose,
} from './minutiae';
import type { Pose } from './minutiae';
import {
  fingerGeometry,
  mulberry32,
  syntheticFingerprint,
  syntheticFingerprintAsync,
} from './synthetic';
import type { ImageQuality } from './synthetic';
import type { ByteTransport } from '../transport/byte-transport';

export type FaultKind = 'checksum' | 'drop' | 'stall' | 'unplug';

export interface SimulatorOptions {
  address?: number;
  password?: number;
  baud?: number;
  packetSize?: PacketSize;
  securityLevel?: number;
  capacity?: number;
  systemId?: number;
  /** Distinguishes "residents": the same finger of two seeds gives different ridges. */
  personSeed?: number;
  /** Pace output at baud/10 bytes per second (default true). */
  pace?: boolean;
  /** Multiplies the paced rate; tests use it to keep realistic code paths but finish faster. */
  paceSpeedup?: number;
  /** How often the pacer releases a chunk (ms). */
  paceIntervalMs?: number;
  /** Time the module spends on GenImg with a finger present (real ones: 100–500 ms). */
  captureMs?: number;
  /**
   * Demo mode for the CLI: fingers 1..10 are presented in turn; after each image upload the
   * finger is lifted for `noFingerMs` before the next one lands.
   */
  autoFingers?: { quality: ImageQuality; noFingerMs: number };
  /**
   * Reopens the module's side of the line at a new rate after SetSysPara register 4 (a pty
   * end is reopened like a real port would be reprogrammed). Without it only the pacing
   * follows the new rate (in-memory pairs have no rate).
   */
  openAt?: (baud: number) => Promise<ByteTransport>;
  /** The highest N (× 9600) register 4 accepts; real R30x / AS608 modules take 12. */
  maxBaudMultiplier?: number;
  /** Acks register 4 but keeps its rate (seen on clones): the host must fall back. */
  ignoresBaudChange?: boolean;
}

interface FingerOnSensor {
  finger: number;
  quality: ImageQuality;
  presentAt: number;
}

interface CapturedImage {
  finger: number;
  quality: ImageQuality;
  gray: Uint8Array;
  /** How the finger landed; null for an image sent down by the host (no finger behind it). */
  pose: Pose | null;
}

interface PendingFault {
  kind: 'checksum' | 'drop';
  /** Outgoing packets to let through before this one strikes. */
  skip: number;
  count: number;
}

/** The data packets of a DownImage go to the image buffer, not a char buffer. */
const DOWN_IMAGE_BUFFER = 0;
const MATCH_THRESHOLD = 50;

export class FingerprintSimulator extends EventEmitter {
  private _address: number;
  private password: number;
  private baud: number;
  private packetSize: PacketSize;
  private securityLevel: number;
  private readonly capacity: number;
  private readonly systemId: number;
  private readonly personSeed: number;
  private readonly pace: boolean;
  private readonly paceSpeedup: number;
  private readonly paceIntervalMs: number;
  private readonly captureMs: number;
  private readonly autoFingers: SimulatorOptions['autoFingers'];
  private readonly openAt: SimulatorOptions['openAt'];
  private readonly maxBaudMultiplier: number;
  private readonly ignoresBaudChange: boolean;
  private transport: ByteTransport;
  private readonly decoder: PacketDecoder;
  private readonly imageCache = new Map<string, Uint8Array>();
  /** Images being painted in the background for fingers on their way to the sensor. */
  private readonly painting = new Map<string, Promise<Uint8Array>>();

  private verified = false;
  /** The template library in flash: page → template. */
  private readonly library = new Map<number, Uint8Array>();
  private readonly random: () => number;
  private finger: FingerOnSensor | null = null;
  private autoIndex = 1;
  private image: CapturedImage | null = null;
  private readonly charBuffers = new Map<number, Uint8Array>();
  private captureCount = 0;
  private templateCount = 0;
  private readonly geometry = new Map<number, ReturnType<typeof fingerGeometry>>();
  private faults: PendingFault[] = [];
  /** A DownChar / DownImage in progress: data packets from the host go into this buffer. */
  private downChar: { buffer: number; chunks: Uint8Array[]; received: number } | null = null;
  private stalled = false;
  private stopped = false;

  // Pacer state: bytes queued and the "wire clock" of the current burst.
  private queue: Uint8Array[] = [];
  private burstStart = 0;
  private burstSent = 0;
  private pumpTimer: NodeJS.Timeout | undefined;
  private work: Promise<void> = Promise.resolve();

  /** Counters for tests and the bench. */
  readonly stats = { commands: 0, bytesOut: 0, imagesSent: 0 };

  constructor(transport: ByteTransport, opts: SimulatorOptions = {}) {
    super();
    this.transport = transport;
    this.openAt = opts.openAt;
    this.maxBaudMultiplier = opts.maxBaudMultiplier ?? 12;
    this.ignoresBaudChange = opts.ignoresBaudChange ?? false;
    this._address = opts.address ?? DEFAULT_ADDRESS;
    this.password = opts.password ?? 0;
    this.baud = opts.baud ?? 57600;
    this.packetSize = opts.packetSize ?? 128;
    this.securityLevel = opts.securityLevel ?? 3;
    this.capacity = opts.capacity ?? 300;
    this.systemId = opts.systemId ?? 0;
    this.personSeed = opts.personSeed ?? 1;
    this.random = mulberry32(0x5eed ^ this.personSeed);
    this.pace = opts.pace ?? true;
    this.paceSpeedup = opts.paceSpeedup ?? 1;
    this.paceIntervalMs = opts.paceIntervalMs ?? 8;
    this.captureMs = opts.captureMs ?? 0;
    this.autoFingers = opts.autoFingers;
    if (this.autoFingers) {
      this.finger = { finger: 1, quality: this.autoFingers.quality, presentAt: Date.now() };
    }
    this.decoder = new PacketDecoder(() => {
      // A real module answers a garbled command with "receive error".
      this.enqueueReply(buildAck(0x01, [], this.address));
    });
    transport.on('data', this.onData);
    transport.on('close', this.onClose);
  }

  /** The module address (SetAdder changes it; commands to any other address are ignored). */
  get address(): number {
    return this._address;
  }

  /** The finger on the sensor now (null when none, or while it is still on its way). */
  get fingerOnSensor(): number | null {
    return this.finger && Date.now() >= this.finger.presentAt ? this.finger.finger : null;
  }

  /** Pages of the template library that hold a template, ascending. */
  get libraryPages(): number[] {
    return [...this.library.keys()].sort((a, b) => a - b);
  }

  get currentBaud(): number {
    return this.baud;
  }

  get currentPacketSize(): PacketSize {
    return this.packetSize;
  }

  /** Puts `finger` (1..10) on the sensor; GenImg answers "no finger" until `afterMs` elapse. */
  placeFinger(finger: number, opts: { quality?: ImageQuality; afterMs?: number } = {}): void {
    this.finger = {
      finger,
      quality: opts.quality ?? 'clear',
      presentAt: Date.now() + (opts.afterMs ?? 0),
    };
    this.prepare(this.finger);
  }

  liftFinger(): void {
    this.finger = null;
  }

  /**
   * checksum / drop strike the next outgoing packet (or the one `afterPackets` later), `count`
   * times; stall stops all answers until resume(); unplug closes the stream like a yanked cable.
   */
  injectFault(kind: FaultKind, opts: { afterPackets?: number; count?: number } = {}): void {
    if (kind === 'stall') {
      this.stalled = true;
      this.clearQueue();
    } else if (kind === 'unplug') {
      this.clearQueue();
      this.emit('unplug');
      void this.transport.close();
    } else {
      this.faults.push({ kind, skip: opts.afterPackets ?? 0, count: opts.count ?? 1 });
    }
  }

  clearFaults(): void {
    this.faults = [];
  }

  resume(): void {
    this.stalled = false;
  }

  /** Closes the module's end of the line and opens it again at `baud`. */
  private async reopenAt(
    openAt: (baud: number) => Promise<ByteTransport>,
    baud: number,
  ): Promise<void> {
    const old = this.transport;
    this.emit('baud-switch', baud);
    old.off('data', this.onData);
    old.off('close', this.onClose);
    this.decoder.reset();
    await old.close().catch(() => undefined);
    try {
      this.transport = await openAt(baud);
    } catch (e) {
      this.emit('error', e);
      return;
    }
    if (this.stopped) {
      await this.transport.close().catch(() => undefined);
      return;
    }
    this.transport.on('data', this.onData);
    this.transport.on('close', this.onClose);
  }

  /** Detaches from the transport without closing it. */
  stop(): void {
    this.stopped = true;
    this.clearQueue();
    this.transport.off('data', this.onData);
    this.transport.off('close', this.onClose);
  }

  /** Resolves once every queued byte has been handed to the transport. */
  async flushed(): Promise<void> {
    await this.work;
    await this.drained();
  }

  private async drained(): Promise<void> {
    while (this.queue.length > 0 && !this.stopped && !this.stalled) {
      await new Promise((r) => setTimeout(r, 2));
    }
  }

  private readonly onData = (bytes: Uint8Array): void => {
    if (this.stalled || this.stopped) return;
    for (const packet of this.decoder.push(bytes)) {
      if (packet.address !== this.address) continue;
      if (packet.pid === PID.DATA || packet.pid === PID.END_DATA) {
        this.onHostData(packet);
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

  /** Host → module bulk data (DownChar): collected until the end packet, then stored. */
  private onHostData(packet: Packet): void {
    const d = this.downChar;
    if (!d) return;
    d.chunks.push(packet.payload.slice());
    d.received += packet.payload.length;
    if (packet.pid !== PID.END_DATA) return;
    this.downChar = null;
    const t = concatBytes(d.chunks);
    if (d.buffer === DOWN_IMAGE_BUFFER) {
      // An image from the host: no finger behind it, so Img2Tz finds no minutiae of one.
      if (d.received === IMAGE_BYTES) {
        this.image = { finger: 0, quality: 'clear', gray: unpackImage4(t), pose: null };
      }
      return;
    }
    if (d.received === TEMPLATE_BYTES) this.charBuffers.set(d.buffer, t);
  }

  private readonly onClose = (): void => {
    this.clearQueue();
    this.emit('closed');
  };

  private async handle(packet: Packet): Promise<void> {
    if (this.stalled || this.stopped) return;
    const code = packet.payload[0] ?? -1;
    const p = packet.payload.subarray(1);
    this.stats.commands++;
    this.emit('command', COMMAND_NAMES[code] ?? `0x${code.toString(16)}`);
    const ack = (confirmation: number, data: ArrayLike<number> = []) =>
      this.enqueueReply(buildAck(confirmation, data, this._address));
    // A module with a password set answers nothing but VfyPwd until it has been verified.
    if (this.password !== 0 && !this.verified && code !== CMD.VFY_PWD) return ack(0x21);
    switch (code) {
      case CMD.VFY_PWD: {
        const ok = p.length >= 4 && readU32(p, 0) === this.password;
        this.verified = ok;
        return ack(ok ? 0x00 : 0x13);
      }
      case CMD.SET_PWD:
        if (p.length < 4) return ack(0x01);
        this.password = readU32(p, 0);
        return ack(0x00);
      case CMD.READ_SYS_PARA: {
        const status = (this.verified ? 0x04 : 0) | (this.image ? 0x08 : 0);
        return ack(
          0x00,
          encodeSysPara({
            status,
            systemId: this.systemId,
            capacity: this.capacity,
            securityLevel: this.securityLevel,
            address: this.address,
            packetSizeCode: PACKET_SIZES.indexOf(this.packetSize),
            baudMultiplier: this.baud / 9600,
          }),
        );
      }
      case CMD.SET_SYS_PARA:
        return this.setSysPara(p[0] ?? 0, p[1] ?? 0, ack);
      case CMD.GEN_IMG:
        return this.genImg(ack);
      case CMD.UP_IMAGE: {
        if (!this.image) return ack(0x0f);
        ack(0x00);
        const packets = buildDataPackets(
          packImage4(this.image.gray),
          this.packetSize,
          this.address,
        );
        for (const pk of packets) this.enqueueReply(pk);
        this.stats.imagesSent++;
        if (this.autoFingers) {
          // The finger lifts once the image is out; count the pause from then.
          const bytes = packets.reduce((n, pk) => n + pk.length, 0);
          const sendMs = this.pace ? (bytes / this.rate) * 1000 : 0;
          this.autoIndex = (this.autoIndex % 10) + 1;
          this.finger = {
            finger: this.autoIndex,
            quality: this.autoFingers.quality,
            presentAt: Date.now() + sendMs + this.autoFingers.noFingerMs,
          };
        }
        return;
      }
      case CMD.IMG2TZ: {
        const buffer = p[0] ?? 0;
        if (buffer !== 1 && buffer !== 2) return ack(0x01);
        if (!this.image) return ack(0x15);
        const template = this.makeTemplate(this.image);
        // An image from the host has no finger the simulator knows: no minutiae in it.
        if (!template) return ack(0x07);
        this.charBuffers.set(buffer, template);
        return ack(0x00);
      }
      case CMD.MATCH: {
        const a = this.charBuffers.get(1);
        const b = this.charBuffers.get(2);
        if (!a || !b) return ack(0x08, [0, 0]);
        const score = templateScore(a, b);
        return ack(score >= MATCH_THRESHOLD ? 0x00 : 0x08, [score >> 8, score & 0xff]);
      }
      case CMD.REG_MODEL: {
        const a = this.charBuffers.get(1);
        const b = this.charBuffers.get(2);
        if (!a || !b || templateScore(a, b) < MATCH_THRESHOLD) return ack(0x0a);
        this.charBuffers.set(2, a.slice());
        return ack(0x00);
      }
      case CMD.UP_CHAR: {
        const t = this.charBuffers.get(p[0] ?? 0);
        if (!t) return ack(0x0d);
        ack(0x00);
        for (const pk of buildDataPackets(t, this.packetSize, this.address)) this.enqueueReply(pk);
        return;
      }
      case CMD.DOWN_CHAR: {
        const buffer = p[0] ?? 0;
        if (buffer !== 1 && buffer !== 2) return ack(0x01);
        this.downChar = { buffer, chunks: [], received: 0 };
        return ack(0x00);
      }
      case CMD.DOWN_IMAGE:
        this.downChar = { buffer: DOWN_IMAGE_BUFFER, chunks: [], received: 0 };
        return ack(0x00);
      case CMD.STORE: {
        const t = this.charBuffers.get(p[0] ?? 0);
        const page = readU16(p, 1);
        if (p.length < 3) return ack(0x01);
        if (page >= this.capacity) return ack(0x0b);
        if (!t) return ack(0x0c);
        this.library.set(page, t.slice());
        return ack(0x00);
      }
      case CMD.LOAD_CHAR: {
        const buffer = p[0] ?? 0;
        const page = readU16(p, 1);
        if (p.length < 3 || (buffer !== 1 && buffer !== 2)) return ack(0x01);
        if (page >= this.capacity) return ack(0x0b);
        const t = this.library.get(page);
        if (!t) return ack(0x0c);
        this.charBuffers.set(buffer, t.slice());
        return ack(0x00);
      }
      case CMD.SEARCH:
      case CMD.HIGH_SPEED_SEARCH: {
        if (p.length < 5) return ack(0x01);
        const probe = this.charBuffers.get(p[0] ?? 0);
        const start = readU16(p, 1);
        const end = Math.min(this.capacity, start + readU16(p, 3));
        let best = { page: 0, score: 0 };
        if (probe) {
          for (const [page, t] of this.library) {
            if (page < start || page >= end) continue;
            const score = templateScore(probe, t);
            if (score > best.score) best = { page, score };
          }
        }
        if (best.score < MATCH_THRESHOLD) return ack(0x09, [0, 0, 0, 0]);
        return ack(0x00, [...u16(best.page), ...u16(best.score)]);
      }
      case CMD.DELET_CHAR: {
        if (p.length < 4) return ack(0x01);
        const page = readU16(p, 0);
        const count = readU16(p, 2);
        if (count === 0 || page + count > this.capacity) return ack(0x10);
        for (let i = page; i < page + count; i++) this.library.delete(i);
        return ack(0x00);
      }
      case CMD.EMPTY:
        this.library.clear();
        return ack(0x00);
      case CMD.READ_INDEX_TABLE:
        if (p.length < 1) return ack(0x01);
        return ack(0x00, encodeIndexTable(this.library.keys(), p[0]!));
      case CMD.TEMPLATE_NUM:
        return ack(0x00, u16(this.library.size));
      case CMD.GET_RANDOM_CODE:
        return ack(0x00, u32(Math.floor(this.random() * 0x100000000)));
      case CMD.SET_ADDER: {
        if (p.length < 4) return ack(0x01);
        // The new address is in force at once: the ack already carries it.
        this._address = readU32(p, 0);
        this.emit('address', this._address);
        return ack(0x00);
      }
      case CMD.AURA_LED:
        if (p.length < 4) return ack(0x01);
        this.emit('led', { control: p[0], speed: p[1], colour: p[2], count: p[3] });
        return ack(0x00);
      default:
        return ack(0x01);
    }
  }

  private async setSysPara(
    register: number,
    value: number,
    ack: (c: number) => void,
  ): Promise<void> {
    if (register === REG.BAUD && value >= 1 && value <= this.maxBaudMultiplier) {
      ack(0x00);
      if (this.ignoresBaudChange) return;
      // The new rate is in flash at once (a power cycle keeps it); the line itself switches
      // after the reply has left at the old rate.
      this.baud = value * 9600;
      await this.drained();
      if (this.openAt) await this.reopenAt(this.openAt, this.baud);
      this.emit('baud', this.baud);
    } else if (register === REG.SECURITY && value >= 1 && value <= 5) {
      this.securityLevel = value;
      ack(0x00);
    } else if (register === REG.PACKET_SIZE && value <= 3) {
      this.packetSize = PACKET_SIZES[value]!;
      ack(0x00);
    } else {
      ack(0x1a);
    }
  }

  private async genImg(ack: (c: number) => void): Promise<void> {
    const f = this.finger;
    if (!f || Date.now() < f.presentAt) return ack(0x02);
    const start = performance.now();
    // Painting the synthetic image is the simulator's cost, not the module's: it normally
    // happened in the background while the hand moved; only what is left of it counts.
    const finger = await (this.painting.get(imageKey(f)) ?? this.imageFor(f));
    // Every capture lands a little differently: position, rotation, pressure, sensor noise.
    const rand = mulberry32(0xc0ffee + ++this.captureCount + this.personSeed * 7919);
    const pose = randomPose(rand);
    const gray = applyPose(finger, pose, rand);
    const rest = this.captureMs - (performance.now() - start);
    if (rest > 0) await new Promise((r) => setTimeout(r, rest));
    this.image = { finger: f.finger, quality: f.quality, gray, pose };
    this.emit('captured', { finger: f.finger, quality: f.quality, gray });
    ack(0x00);
  }

  /** Starts painting the image of a finger about to be placed, without blocking the line. */
  private prepare(f: FingerOnSensor): void {
    const key = imageKey(f);
    if (this.imageCache.has(key) || this.painting.has(key)) return;
    const p = syntheticFingerprintAsync(f.finger, f.quality, this.personSeed).then((img) => {
      this.imageCache.set(key, img);
      this.painting.delete(key);
      return img;
    });
    this.painting.set(key, p);
  }

  private imageFor(f: FingerOnSensor): Uint8Array {
    const key = imageKey(f);
    let img = this.imageCache.get(key);
    if (!img) {
      img = syntheticFingerprint(f.finger, f.quality, this.personSeed);
      this.imageCache.set(key, img);
    }
    return img;
  }

  /**
   * Img2Tz: the minutiae of the finger in the image buffer as this capture placed them (some
   * missed, a few spurious, by quality), or null for an image without a known finger.
   */
  private makeTemplate(img: CapturedImage): Uint8Array | null {
    if (!img.pose || img.finger < 1) return null;
    let geo = this.geometry.get(img.finger);
    if (!geo) {
      geo = fingerGeometry(img.finger, this.personSeed);
      this.geometry.set(img.finger, geo);
    }
    const rand = mulberry32(0x7e3a + ++this.templateCount + this.personSeed * 104729);
    const touched = img.quality === 'partial' ? geo.touched : undefined;
    return encodeTemplate(captureMinutiae(geo.minutiae, img.pose, img.quality, rand, touched));
  }

  /** The image in the module's buffer (what the last GenImg or DownImage left there). */
  get lastImage(): Uint8Array | null {
    return this.image?.gray ?? null;
  }

  // --- output pacing and fault injection ---------------------------------------------------

  private enqueueReply(packet: Uint8Array): void {
    if (this.stalled || this.stopped) return;
    this.queue.push(this.applyFaults(packet));
    this.pump();
  }

  private applyFaults(packet: Uint8Array): Uint8Array {
    const f = this.faults[0];
    if (!f) return packet;
    if (f.skip > 0) {
      f.skip--;
      return packet;
    }
    if (--f.count <= 0) this.faults.shift();
    this.emit('fault', f.kind);
    if (f.kind === 'checksum') {
      const out = packet.slice();
      out[out.length - 1]! ^= 0x5a;
      return out;
    }
    // Drop a few bytes from the middle, as an overrun UART does.
    const mid = Math.floor(packet.length / 2);
    return new Uint8Array([...packet.subarray(0, mid - 2), ...packet.subarray(mid + 3)]);
  }

  private clearQueue(): void {
    this.queue = [];
    clearTimeout(this.pumpTimer);
    this.pumpTimer = undefined;
  }

  private get rate(): number {
    return (this.baud / 10) * this.paceSpeedup;
  }

  private pump = (): void => {
    if (this.pumpTimer !== undefined && this.pumpTimer !== null) return;
    if (!this.pace) {
      const all = this.queue;
      this.queue = [];
      for (const chunk of all) this.send(chunk);
      return;
    }
    const now = performance.now();
    // Continue the burst if the wire has not gone idle since; otherwise start a fresh one.
    if (now > this.burstStart + (this.burstSent / this.rate) * 1000) {
      this.burstStart = now;
      this.burstSent = 0;
    }
    this.release();
  };

  private release = (): void => {
    this.pumpTimer = undefined;
    if (this.stopped || this.stalled) return;
    const now = performance.now();
    let allowed = Math.floor(((now - this.burstStart) / 1000) * this.rate) - this.burstSent;
    const parts: Uint8Array[] = [];
    let n = 0;
    while (allowed > 0 && this.queue.length > 0) {
      const head = this.queue[0]!;
      if (head.length <= allowed) {
        parts.push(head);
        this.queue.shift();
        allowed -= head.length;
        n += head.length;
      } else {
        parts.push(head.subarray(0, allowed));
        this.queue[0] = head.subarray(allowed);
        n += allowed;
        allowed = 0;
      }
    }
    if (n > 0) {
      this.burstSent += n;
      this.send(parts.length === 1 ? parts[0]! : concatBytes(parts));
    }
    if (this.queue.length > 0) {
      const nextBytes = Math.min(
        this.queue[0]!.length,
        Math.ceil((this.rate * this.paceIntervalMs) / 1000),
      );
      const due = this.burstStart + ((this.burstSent + nextBytes) / this.rate) * 1000;
      this.pumpTimer = setTimeout(
        this.release,
        Math.max(1, Math.min(this.paceIntervalMs, due - now)),
      );
    }
  };

  private send(bytes: Uint8Array): void {
    if (!this.transport.isOpen) return;
    this.stats.bytesOut += bytes.length;
    this.transport.write(bytes).catch(() => {
      // The far end vanished mid-write: the close event will follow.
    });
  }
}

const imageKey = (f: { finger: number; quality: ImageQuality }) => `${f.finger}:${f.quality}`;

/** Match score 0..300 like real modules: the two templates' minutiae, aligned and paired. */
export function templateScore(a: Uint8Array, b: Uint8Array): number {
  const ma = decodeTemplate(a);
  const mb = decodeTemplate(b);
  return ma && mb ? matchMinutiae(ma, mb) : 0;
}
