// Host-side state machine for an R30x/AS608 module: one request on the wire at a time (others
// wait in a queue), per-command timeouts, cancellation, and recovery from a yanked cable.
import { EventEmitter } from 'node:events';
import {
  COMMAND_NAMES,
  DEFAULT_ADDRESS,
  IMAGE_BYTES,
  IMAGE_HEIGHT,
  IMAGE_WIDTH,
  PID,
  REG,
  TEMPLATE_BYTES,
  buildAuraLed,
  buildDataPackets,
  buildDeletChar,
  buildDownChar,
  buildDownImage,
  buildEmpty,
  buildGenImg,
  buildGetRandomCode,
  buildHighSpeedSearch,
  buildImg2Tz,
  buildLoadChar,
  buildMatch,
  buildReadIndexTable,
  buildReadSysPara,
  buildRegModel,
  buildSearch,
  buildSetAdder,
  buildSetPwd,
  buildSetSysPara,
  buildStore,
  buildTemplateNum,
  buildUpChar,
  buildUpImage,
  buildVfyPwd,
  concatBytes,
  expectOk,
  packImage4,
  packetSizeCode,
  parseAck,
  parseIndexTable,
  parseMatchScore,
  parseRandomCode,
  parseSearchResult,
  parseSysPara,
  parseTemplateNum,
  unpackImage4,
} from './codec';
import type {
  Ack,
  AuraLedOptions,
  Packet,
  PacketSize,
  SearchResult,
  SystemParameters,
} from './codec';
import { PacketDecoder } from './decoder';
import { FingerprintError, isFingerprintError } from './errors';
import type { ByteTransport } from '../transport/byte-transport';
import { backoffMs } from '../../shared/backoff';

export type DriverState = 'idle' | 'busy' | 'disconnected' | 'reconnecting' | 'closed';

export type CaptureStatus =
  | { kind: 'waiting-finger' }
  /** GenImg answered ok: the image is in the module's buffer and the finger may lift. */
  | { kind: 'image-captured' }
  | { kind: 'uploading'; received: number; total: number }
  | { kind: 'image-ready' };

export interface DriverTimeouts {
  /** Wait for an ack to an ordinary command. */
  ackMs: number;
  /** GenImg is slower: the module exposes and checks the image before answering. */
  genImgMs: number;
  /** Longest silence between two data packets of a bulk transfer. */
  dataIdleMs: number;
  /** After a failed exchange, the line must be this quiet before the next command goes out. */
  settleMs: number;
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export interface DriverOptions {
  transport: ByteTransport;
  address?: number;
  password?: number;
  /** The line speed `transport` was opened at (default 57,600, the factory setting). */
  baud?: number;
  /** Opens the port again after an unplug; without it the driver stays 'disconnected'. */
  reopen?: () => Promise<ByteTransport>;
  /**
   * Opens the port at a given line speed: needed to change the baud (the port is reopened at
   * the new rate) and then used instead of `reopen` after an unplug, at the rate in effect.
   */
  openAt?: (baud: number) => Promise<ByteTransport>;
  backoff?: Partial<BackoffOptions>;
  timeouts?: Partial<DriverTimeouts>;
  /** This many timeouts in a row count as a lost device (USB adapter alive, module not). */
  maxConsecutiveTimeouts?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface CaptureOptions extends RequestOptions {
  /** Pause between GenImg polls while no finger is on the sensor. */
  pollMs?: number;
  /** Re-read the image this many times if the upload arrives damaged. */
  uploadRetries?: number;
  /** Progress of this capture only (the 'status' event carries every capture's progress). */
  onStatus?: (s: CaptureStatus) => void;
}

/** What a baud change ended with: the rate now in use and how it got there. */
export interface BaudChange {
  baud: number;
  outcome: 'unchanged' | 'switched' | 'refused' | 'fell-back';
}

export interface CapturedImage {
  /** 8-bit grayscale, row-major, IMAGE_WIDTH × IMAGE_HEIGHT. */
  gray: Uint8Array;
  width: number;
  height: number;
  /** performance.now() when GenImg first reported a finger, and when the image was complete. */
  fingerDownAt: number;
  imageReadyAt: number;
}

interface Exchange {
  name: string;
  /** Bytes expected in data packets after a good ack (0: ack only). */
  dataBytes: number;
  /** Probes at a new baud expect silence; their timeouts do not count as a lost device. */
  probe?: boolean;
  /** The address the ack comes from when it is not the current one (SetAdder). */
  replyAddress?: number;
  onStatus?: (s: CaptureStatus) => void;
  ack?: Ack;
  chunks: Uint8Array[];
  received: number;
  timer?: NodeJS.Timeout;
  resolve(v: { ack: Ack; data: Uint8Array }): void;
  reject(e: FingerprintError): void;
}

interface Job {
  internal: boolean;
}

const DEFAULT_TIMEOUTS: DriverTimeouts = {
  ackMs: 1000,
  genImgMs: 2500,
  dataIdleMs: 1000,
  settleMs: 40,
};
const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 5000, factor: 2 };
const MAX_SETTLE_MS = 15_000;
export const FACTORY_BAUD = 57600;
/** Highest rate R30x / ZFM / AS608 modules accept (SetSysPara register 4, N = 12). */
export const MAX_MODULE_BAUD = 115200;
/** Answers to VfyPwd at a new rate: a few tries while the module settles on it. */
const BAUD_PROBES = 3;

export class FingerprintDriver extends EventEmitter {
  private transport: ByteTransport | undefined;
  private address: number;
  private password: number;
  private readonly reopen: (() => Promise<ByteTransport>) | undefined;
  private readonly openAt: ((baud: number) => Promise<ByteTransport>) | undefined;
  private _baud: number;
  private readonly backoff: BackoffOptions;
  private readonly timeouts: DriverTimeouts;
  private readonly maxConsecutiveTimeouts: number;
  private readonly decoder: PacketDecoder;

  private _state: DriverState = 'idle';
  private tail: Promise<unknown> = Promise.resolve();
  private inflight: Exchange | undefined;
  private lastRxAt = 0;
  private needsSettle = false;
  private consecutiveTimeouts = 0;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private packetSize: PacketSize | undefined;

  constructor(opts: DriverOptions) {
    super();
    this.address = opts.address ?? DEFAULT_ADDRESS;
    this.password = opts.password ?? 0;
    this.reopen = opts.reopen;
    this.openAt = opts.openAt;
    this._baud = opts.baud ?? FACTORY_BAUD;
    this.backoff = { ...DEFAULT_BACKOFF, ...opts.backoff };
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
    this.maxConsecutiveTimeouts = opts.maxConsecutiveTimeouts ?? 3;
    this.decoder = new PacketDecoder((f) => {
      this.emit('frame-error', f);
      this.failInflight(new FingerprintError('CORRUPT_FRAME', { detail: f.reason }));
    });
    this.attach(opts.transport);
  }

  get state(): DriverState {
    return this._state;
  }

  /** The line speed the port is open at (and the module answers at). */
  get baud(): number {
    return this._baud;
  }

  /** The module address commands go to (changed by setAddress). */
  get moduleAddress(): number {
    return this.address;
  }

  /** Packet size last read from or negotiated with the module. */
  get negotiatedPacketSize(): PacketSize | undefined {
    return this.packetSize;
  }

  // --- public commands ---------------------------------------------------------------------

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

  async genImg(opts: RequestOptions = {}): Promise<void> {
    await this.command(buildGenImg(this.address), opts, this.timeouts.genImgMs);
  }

  /** UpImage: the image in the module's buffer as 8-bit grayscale. */
  async upImage(opts: CaptureOptions = {}): Promise<Uint8Array> {
    const { data } = await this.run(opts, () =>
      this.exchange('UP_IMAGE', buildUpImage(this.address), this.timeouts.ackMs, IMAGE_BYTES, {
        onStatus: opts.onStatus,
      }),
    );
    return unpackImage4(data);
  }

  /**
   * Polls GenImg until a finger is on the sensor, then uploads the image. Reports progress
   * (to `onStatus` and as 'status' events): waiting-finger (once, when the first poll finds no
   * finger), image-captured, uploading (progress), image-ready.
   */
  async captureImage(opts: CaptureOptions = {}): Promise<CapturedImage> {
    const fingerDownAt = await this.waitForImage(opts);
    const gray = await this.readImage(opts);
    return {
      gray,
      width: IMAGE_WIDTH,
      height: IMAGE_HEIGHT,
      fingerDownAt,
      imageReadyAt: performance.now(),
    };
  }

  /**
   * Polls GenImg until the module has taken an image (the finger can lift from then on: the
   * transfer needs no finger). Resolves with performance.now() at that moment.
   */
  async waitForImage(opts: CaptureOptions = {}): Promise<number> {
    const pollMs = opts.pollMs ?? 100;
    let waiting = false;
    let transientErrors = 0;
    for (;;) {
      throwIfAborted(opts.signal);
      try {
        await this.genImg(opts);
        break;
      } catch (e) {
        if (isFingerprintError(e, 'NO_FINGER')) {
          transientErrors = 0;
          if (!waiting) this.emitStatus({ kind: 'waiting-finger' }, opts.onStatus);
          waiting = true;
          await sleep(pollMs, opts.signal);
          continue;
        }
        // A damaged or lost poll reply is not worth failing a capture for; a run of them is.
        if (isFingerprintError(e) && e.retryable && e.code !== 'TIMEOUT' && ++transientErrors < 3)
          continue;
        throw e;
      }
    }
    this.emitStatus({ kind: 'image-captured' }, opts.onStatus);
    return performance.now();
  }

  /** UpImage of the image in the module's buffer, asked again if it arrives damaged. */
  async readImage(opts: CaptureOptions = {}): Promise<Uint8Array> {
    const retries = opts.uploadRetries ?? 1;
    for (let attempt = 0; ; attempt++) {
      try {
        const gray = await this.upImage(opts);
        this.emitStatus({ kind: 'image-ready' }, opts.onStatus);
        return gray;
      } catch (e) {
        // The image stays in the module's buffer, so asking again is safe.
        if (attempt < retries && isFingerprintError(e) && e.retryable) continue;
        throw e;
      }
    }
  }

  async img2Tz(buffer: 1 | 2, opts: RequestOptions = {}): Promise<void> {
    await this.command(buildImg2Tz(buffer, this.address), opts);
  }

  /** Compares char buffers 1 and 2. "No match" is an answer, not an error. */
  async match(opts: RequestOptions = {}): Promise<{ matched: boolean; score: number }> {
    const { ack } = await this.run(opts, () =>
      this.exchange('MATCH', buildMatch(this.address), this.timeouts.ackMs, 0),
    );
    if (ack.confirmation === 0x08) return { matched: false, score: safeScore(ack) };
    return { matched: true, score: parseMatchScore(expectOk(ack, 'MATCH')) };
  }

  async regModel(opts: RequestOptions = {}): Promise<void> {
    await this.command(buildRegModel(this.address), opts);
  }

  /** UpChar: the 512-byte template in a char buffer. */
  async upChar(buffer: 1 | 2, opts: RequestOptions = {}): Promise<Uint8Array> {
    const { data } = await this.run(opts, () =>
      this.exchange(
        'UP_CHAR',
        buildUpChar(buffer, this.address),
        this.timeouts.ackMs,
        TEMPLATE_BYTES,
      ),
    );
    return data;
  }

  /**
   * DownChar: puts a template (e.g. another finger of the same resident) into a char buffer, so
   * Match can compare it with a fresh capture. The module acks the command, then reads the data
   * packets; it sends nothing after them, so the next command simply queues behind.
   */
  async downChar(buffer: 1 | 2, template: Uint8Array, opts: RequestOptions = {}): Promise<void> {
    if (template.length !== TEMPLATE_BYTES) throw new RangeError('template must be 512 bytes');
    await this.sendBulk('DOWN_CHAR', buildDownChar(buffer, this.address), template, opts);
  }

  /** A command the module acks, followed by host → module data packets. */
  private async sendBulk(
    name: string,
    bytes: Uint8Array,
    data: Uint8Array,
    opts: RequestOptions,
  ): Promise<void> {
    await this.run(opts, async () => {
      const { ack } = await this.exchange(name, bytes, this.timeouts.ackMs, 0);
      expectOk(ack, name);
      const transport = this.transport;
      if (!transport?.isOpen) throw new FingerprintError('DISCONNECTED');
      // Data packets must use the module's packet size; 128 is the factory default. One write
      // for all of them: the bytes leave back to back, as the module expects them.
      const packets = buildDataPackets(data, this.packetSize ?? 128, this.address);
      await transport.write(concatBytes(packets));
    });
  }

  async templateNum(opts: RequestOptions = {}): Promise<number> {
    return parseTemplateNum(await this.command(buildTemplateNum(this.address), opts));
  }

  // --- the template library in the module's flash ------------------------------------------

  /** Store: the template in `buffer` into library page `page`. */
  async store(buffer: 1 | 2, page: number, opts: RequestOptions = {}): Promise<void> {
    await this.command(buildStore(buffer, page, this.address), opts);
  }

  /** LoadChar: the template in library page `page` into `buffer`. */
  async loadChar(buffer: 1 | 2, page: number, opts: RequestOptions = {}): Promise<void> {
    await this.command(buildLoadChar(buffer, page, this.address), opts);
  }

  /**
   * Search (or HighSpeedSearch) for the template in `buffer` among pages start ..
   * start+count-1: the best page and its score, or null when none matches ("not found" is an
   * answer, not an error).
   */
  async search(
    buffer: 1 | 2,
    start: number,
    count: number,
    opts: RequestOptions & { highSpeed?: boolean } = {},
  ): Promise<SearchResult | null> {
    const bytes = (opts.highSpeed ? buildHighSpeedSearch : buildSearch)(
      buffer,
      start,
      count,
      this.address,
    );
    const name = opts.highSpeed ? 'HIGH_SPEED_SEARCH' : 'SEARCH';
    const { ack } = await this.run(opts, () => this.exchange(name, bytes, this.timeouts.ackMs, 0));
    if (ack.confirmation === 0x09) return null;
    return parseSearchResult(expectOk(ack, name));
  }

  /** DeletChar: `count` pages from `page` on. */
  async deletChar(page: number, count = 1, opts: RequestOptions = {}): Promise<void> {
    await this.command(buildDeletChar(page, count, this.address), opts);
  }

  /** Empty: every template in the library. */
  async empty(opts: RequestOptions = {}): Promise<void> {
    await this.command(buildEmpty(this.address), opts);
  }

  /** ReadIndexTable: the used library pages of index page `indexPage` (256 pages each). */
  async readIndexTable(indexPage: number, opts: RequestOptions = {}): Promise<number[]> {
    return parseIndexTable(
      await this.command(buildReadIndexTable(indexPage, this.address), opts),
      indexPage,
    );
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
    await this.run(opts, async () => {
      const { ack } = await this.exchange(
        'SET_ADDER',
        buildSetAdder(target, this.address),
        this.timeouts.ackMs,
        0,
        { replyAddress: target },
      );
      expectOk(ack, 'SET_ADDER');
      this.address = target;
    });
  }

  /** SetPwd: the module's new password; the driver verifies with it from now on. */
  async setPassword(password: number, opts: RequestOptions = {}): Promise<void> {
    const value = password >>> 0;
    await this.run(opts, async () => {
      const { ack } = await this.exchange(
        'SET_PWD',
        buildSetPwd(value, this.address),
        this.timeouts.ackMs,
        0,
      );
      expectOk(ack, 'SET_PWD');
      this.password = value;
    });
  }

  /** DownImage: an 8-bit grayscale image into the module's image buffer (sent as 4 bits). */
  async downImage(gray: Uint8Array, opts: RequestOptions = {}): Promise<void> {
    if (gray.length !== IMAGE_WIDTH * IMAGE_HEIGHT) {
      throw new RangeError(`image must be ${IMAGE_WIDTH}×${IMAGE_HEIGHT}`);
    }
    await this.sendBulk('DOWN_IMAGE', buildDownImage(this.address), packImage4(gray), opts);
  }

  async auraLed(o: AuraLedOptions, opts: RequestOptions = {}): Promise<void> {
    await this.command(buildAuraLed(o, this.address), opts);
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

  async close(): Promise<void> {
    if (this._state === 'closed') return;
    this.setState('closed');
    clearTimeout(this.reconnectTimer);
    this.failInflight(new FingerprintError('CLOSED'));
    const t = this.transport;
    this.detach();
    await t?.close();
  }

  // --- request queue -----------------------------------------------------------------------

  private async command(bytes: Uint8Array, opts: RequestOptions, timeoutMs?: number): Promise<Ack> {
    const name = COMMAND_NAMES[bytes[9]!] ?? 'COMMAND';
    const { ack } = await this.run(opts, () =>
      this.exchange(name, bytes, timeoutMs ?? this.timeouts.ackMs, 0),
    );
    return expectOk(ack, name);
  }

  /**
   * Queues `fn` behind every earlier request. The caller's promise settles early on abort, but
   * the queue slot is held until the device has finished answering, so a late reply can never
   * be mistaken for the answer to the next command.
   */
  private run<T>(opts: RequestOptions, fn: () => Promise<T>, job: Job = { internal: false }) {
    const { signal } = opts;
    throwIfAborted(signal);
    const device = this.tail.then(async () => {
      if (this._state === 'closed') throw new FingerprintError('CLOSED');
      if (this._state === 'disconnected' || (this._state === 'reconnecting' && !job.internal)) {
        throw new FingerprintError('DISCONNECTED');
      }
      throwIfAborted(signal);
      if (this.needsSettle) await this.settle();
      if (!job.internal) this.setState('busy');
      try {
        return await fn();
      } finally {
        if (this._state === 'busy') this.setState('idle');
      }
    });
    this.tail = device.catch(() => undefined);
    if (!signal) return device;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new FingerprintError('CANCELLED'));
      signal.addEventListener('abort', onAbort, { once: true });
      device.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  }

  private exchange(
    name: string,
    bytes: Uint8Array,
    ackTimeoutMs: number,
    dataBytes: number,
    extra: Pick<Exchange, 'probe' | 'onStatus' | 'replyAddress'> = {},
  ): Promise<{ ack: Ack; data: Uint8Array }> {
    const transport = this.transport;
    if (!transport?.isOpen) return Promise.reject(new FingerprintError('DISCONNECTED'));
    return new Promise((resolve, reject) => {
      const ex: Exchange = {
        name,
        dataBytes,
        ...extra,
        chunks: [],
        received: 0,
        resolve: (v) => {
          this.finish(ex);
          this.consecutiveTimeouts = 0;
          resolve(v);
        },
        reject: (e) => {
          this.finish(ex);
          if (e.code !== 'DISCONNECTED' && e.code !== 'CLOSED') this.needsSettle = true;
          reject(e);
          if (
            e.code === 'TIMEOUT' &&
            !ex.probe &&
            ++this.consecutiveTimeouts >= this.maxConsecutiveTimeouts
          ) {
            this.lost(new Error('device stopped answering'));
          }
        },
      };
      this.inflight = ex;
      this.arm(ex, ackTimeoutMs);
      transport.write(bytes).catch((e: Error) => {
        ex.reject(new FingerprintError('DISCONNECTED', { detail: e.message }));
      });
    });
  }

  private arm(ex: Exchange, ms: number): void {
    clearTimeout(ex.timer);
    ex.timer = setTimeout(() => {
      const phase = ex.ack ? `data after ${ex.received} bytes` : 'ack';
      ex.reject(new FingerprintError('TIMEOUT', { detail: `${ex.name} ${phase}` }));
    }, ms);
  }

  private finish(ex: Exchange): void {
    clearTimeout(ex.timer);
    if (this.inflight === ex) this.inflight = undefined;
  }

  private failInflight(e: FingerprintError): void {
    this.inflight?.reject(e);
  }

  private onPacket(p: Packet): void {
    const ex = this.inflight;
    if (!ex || p.address !== (ex.replyAddress ?? this.address)) return;
    if (!ex.ack) {
      // Data packets here are leftovers of an abandoned transfer; only an ack answers us.
      if (p.pid !== PID.ACK) return;
      const ack = parseAck(p);
      ex.ack = ack;
      if (ex.dataBytes === 0 || ack.confirmation !== 0)
        return ex.resolve({ ack, data: new Uint8Array() });
      this.arm(ex, this.timeouts.dataIdleMs);
      return;
    }
    if (p.pid !== PID.DATA && p.pid !== PID.END_DATA) return;
    ex.chunks.push(p.payload);
    ex.received += p.payload.length;
    if (ex.name === 'UP_IMAGE' && (ex.chunks.length % 16 === 0 || p.pid === PID.END_DATA)) {
      this.emitStatus(
        { kind: 'uploading', received: ex.received, total: ex.dataBytes },
        ex.onStatus,
      );
    }
    if (p.pid === PID.END_DATA) {
      if (ex.received !== ex.dataBytes) {
        const code = ex.name === 'UP_IMAGE' ? 'IMAGE_INCOMPLETE' : 'TEMPLATE_UPLOAD_FAILED';
        return ex.reject(
          new FingerprintError(code, { detail: `${ex.received} of ${ex.dataBytes} bytes` }),
        );
      }
      return ex.resolve({ ack: ex.ack, data: concatBytes(ex.chunks) });
    }
    if (ex.received > ex.dataBytes) {
      return ex.reject(new FingerprintError('IMAGE_INCOMPLETE', { detail: 'too many bytes' }));
    }
    this.arm(ex, this.timeouts.dataIdleMs);
  }

  /** Waits for the line to go quiet, then forgets any half-received frame. */
  private async settle(): Promise<void> {
    const start = performance.now();
    while (performance.now() - start < MAX_SETTLE_MS) {
      const quietFor = performance.now() - this.lastRxAt;
      if (quietFor >= this.timeouts.settleMs) break;
      await sleep(this.timeouts.settleMs - quietFor + 1);
    }
    this.decoder.reset();
    this.needsSettle = false;
  }

  // --- connection ----------------------------------------------------------------------------

  private readonly onData = (bytes: Uint8Array): void => {
    this.lastRxAt = performance.now();
    for (const p of this.decoder.push(bytes)) this.onPacket(p);
  };
  private readonly onClose = (): void => this.lost(new Error('port closed'));
  private readonly onError = (e: Error): void => this.lost(e);

  private attach(t: ByteTransport): void {
    this.transport = t;
    this.decoder.reset();
    t.on('data', this.onData);
    t.on('close', this.onClose);
    t.on('error', this.onError);
  }

  private detach(): void {
    const t = this.transport;
    if (!t) return;
    t.off('data', this.onData);
    t.off('close', this.onClose);
    t.off('error', this.onError);
    this.transport = undefined;
  }

  private lost(cause: Error): void {
    if (this._state === 'closed' || this._state === 'disconnected') return;
    const t = this.transport;
    this.detach();
    t?.close().catch(() => undefined);
    if (this._state === 'reconnecting') {
      // tryReconnect is waiting on this port; its failure path schedules the next attempt.
      this.failInflight(new FingerprintError('DISCONNECTED', { detail: cause.message }));
      return;
    }
    this.setState('disconnected');
    this.failInflight(new FingerprintError('DISCONNECTED', { detail: cause.message }));
    this.emit('disconnected', cause);
    this.scheduleReconnect(0);
  }

  private scheduleReconnect(attempt: number): void {
    if ((!this.reopen && !this.openAt) || this._state === 'closed') return;
    const { initialMs: baseMs, maxMs, factor } = this.backoff;
    const delay = backoffMs(attempt + 1, { baseMs, maxMs, factor });
    this.emit('reconnecting', { attempt: attempt + 1, delayMs: delay });
    this.reconnectTimer = setTimeout(() => void this.tryReconnect(attempt), delay);
  }

  private async tryReconnect(attempt: number): Promise<void> {
    if (this._state === 'closed' || (!this.reopen && !this.openAt)) return;
    this.setState('reconnecting');
    this.consecutiveTimeouts = 0;
    try {
      const t = await this.openAgain();
      if (this._state !== 'reconnecting') {
        await t.close();
        return;
      }
      this.attach(t);
      this.needsSettle = false;
      await this.run(
        {},
        () =>
          this.exchange(
            'VFY_PWD',
            buildVfyPwd(this.password, this.address),
            this.timeouts.ackMs,
            0,
          ),
        { internal: true },
      ).then(({ ack }) => expectOk(ack, 'VFY_PWD'));
      if (this._state !== 'reconnecting') return;
      this.setState('idle');
      this.emit('reconnected');
    } catch (_e) {
      if ((this._state as DriverState) === 'closed') return;
      const t = this.transport;
      this.detach();
      await t?.close().catch(() => undefined);
      this.setState('disconnected');
      this.scheduleReconnect(attempt + 1);
    }
  }

  private openAgain(): Promise<ByteTransport> {
    if (this.openAt) return this.openAt(this._baud);
    if (this.reopen) return this.reopen();
    return Promise.reject(new FingerprintError('DISCONNECTED'));
  }

  private setState(s: DriverState): void {
    if (this._state === s) return;
    this._state = s;
    this.emit('state', s);
  }

  private emitStatus(s: CaptureStatus, onStatus?: (s: CaptureStatus) => void): void {
    onStatus?.(s);
    this.emit('status', s);
  }
}

function validBaud(baud: number): boolean {
  return Number.isInteger(baud) && baud % 9600 === 0 && baud >= 9600 && baud / 9600 <= 12;
}

function safeScore(ack: Ack): number {
  return ack.data.length >= 2 ? parseMatchScore(ack) : 0;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new FingerprintError('CANCELLED');
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new FingerprintError('CANCELLED'));
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(new FingerprintError('CANCELLED'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
