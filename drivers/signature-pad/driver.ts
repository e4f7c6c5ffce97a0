// Signature pad state machine: open (read what the pad is), one signing session at a time,
// pen reports → samples in millimetres, and reconnect with backoff after an unplug.
import { EventEmitter } from 'node:events';
import { SignaturePadError, isSignaturePadError } from './errors';
import { parseReportDescriptor } from './hid-descriptor';
import { decodePenReport, findPenLayout } from './hid-pen';
import type { PenLayout } from './hid-pen';
import type { HidDevice } from '../transport/hid-device';
import { backoffMs } from '../../shared/backoff';
import {
  STU_LENGTH,
  STU_REPORT,
  STU_VENDOR_ID,
  decodeCapability,
  decodeInformation,
  decodePenData,
  encodeClearScreen,
  encodeInkingMode,
  stuModelFor,
  stuToMm,
} from './stu-codec';
import type { StuCapability, StuModel } from './stu-codec';

/** What to talk to: a Wacom STU (by product id) or a generic HID digitizer (by descriptor). */
export type PadTarget =
  | { kind: 'stu'; productId: number }
  | {
      kind: 'generic';
      name: string;
      vendorId: number;
      productId: number;
      descriptor: Uint8Array;
      widthMm: number;
      heightMm: number;
      /** The size comes from a shipped profile and wins over the descriptor's physical range. */
      sizeFromProfile?: boolean;
      reportRate: number;
    };

export interface PadDescription {
  kind: 'stu' | 'generic';
  model: string;
  vendorId: number;
  productId: number;
  firmware: string | null;
  maxX: number;
  maxY: number;
  maxPressure: number;
  widthMm: number;
  heightMm: number;
  reportRate: number;
}

/** One pen sample: millimetres from the top-left, pressure 0–1, ms on the pad's clock. */
export interface PadSample {
  x: number;
  y: number;
  p: number;
  tip: boolean;
  inRange: boolean;
  t: number;
}

export type DriverState = 'closed' | 'opening' | 'ready' | 'disconnected' | 'reconnecting';

export interface SignaturePadDriverOptions {
  /** Opens (or reopens, after an unplug) the device. Throws when it is not there. */
  open: () => Promise<{ device: HidDevice; target: PadTarget }>;
  backoff?: { initialMs: number; maxMs: number };
  /** Host clock (ms), for pads without their own timing. */
  now?: () => number;
}

export interface PadSession {
  /** Blanks the pad's screen; the ink drawn so far is gone on the pad too. */
  clear(): Promise<void>;
  end(): Promise<void>;
  readonly active: boolean;
}

interface Opened {
  device: HidDevice;
  target: PadTarget;
  desc: PadDescription;
  decode: (report: Uint8Array) => PadSample | null;
  detach: () => void;
}

function stuDecoder(cap: StuCapability, model: StuModel, now: () => number) {
  // The 0x34 time counter is a u16 in ms: unwrap it into a running clock.
  let last: number | null = null;
  let base = 0;
  return (report: Uint8Array): PadSample | null => {
    const d = decodePenData(report);
    if (!d) return null;
    let t: number;
    if (d.time !== null) {
      if (last !== null && d.time < last) base += 0x10000;
      last = d.time;
      t = base + d.time;
    } else {
      t = now();
    }
    const mm = stuToMm(d, cap, model);
    return { ...mm, tip: d.tip, inRange: d.inRange, t };
  };
}

function genericDecoder(
  layout: PenLayout,
  size: { widthMm: number; heightMm: number },
  now: () => number,
) {
  return (report: Uint8Array): PadSample | null => {
    const r = decodePenReport(layout, report, size);
    if (!r) return null;
    return { x: r.x, y: r.y, p: r.p, tip: r.tip, inRange: r.inRange, t: now() };
  };
}

const toBytes = (a: number[] | Buffer) => (a instanceof Uint8Array ? a : Uint8Array.from(a));

/**
 * Events: 'state' (DriverState), 'sample' (PadSample, only during a session), 'garbage'
 * (count of undecodable reports so far), 'disconnected', 'reconnected'.
 */
export class SignaturePadDriver extends EventEmitter {
  private opened: Opened | null = null;
  private st: DriverState = 'closed';
  private session: { active: boolean } | null = null;
  private closedForGood = false;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private garbage = 0;
  private readonly now: () => number;

  constructor(private readonly opts: SignaturePadDriverOptions) {
    super();
    this.now = opts.now ?? (() => performance.now());
  }

  get state(): DriverState {
    return this.st;
  }

  get garbageCount(): number {
    return this.garbage;
  }

  description(): PadDescription | null {
    return this.opened?.desc ?? null;
  }

  private setState(s: DriverState): void {
    if (s === this.st) return;
    this.st = s;
    this.emit('state', s);
  }

  /** Opens the pad and reads what it is. Throws a SignaturePadError. */
  async open(): Promise<PadDescription> {
    if (this.closedForGood) throw new SignaturePadError('CLOSED');
    this.setState('opening');
    try {
      this.opened = await this.attach();
    } catch (e) {
      this.setState('closed');
      throw e;
    }
    this.setState('ready');
    return this.opened.desc;
  }

  private async attach(): Promise<Opened> {
    let got: { device: HidDevice; target: PadTarget };
    try {
      got = await this.opts.open();
    } catch (e) {
      if (isSignaturePadError(e)) throw e;
      throw new SignaturePadError('OPEN_FAILED', e instanceof Error ? e.message : String(e));
    }
    const { device, target } = got;
    try {
      const { desc, decode } = await this.describe(device, target);
      const onData = (data: Buffer) => this.onReport(data);
      const onError = (err: unknown) => this.onDeviceError(err);
      device.on('data', onData);
      device.on('error', onError);
      const detach = () => {
        device.removeListener('data', onData);
        device.removeListener('error', onError);
      };
      return { device, target, desc, decode, detach };
    } catch (e) {
      try {
        device.close();
      } catch {
        // Already gone.
      }
      throw e;
    }
  }

  private async describe(device: HidDevice, target: PadTarget) {
    if (target.kind === 'stu') {
      const model = stuModelFor(target.productId);
      if (!model)
        throw new SignaturePadError('UNKNOWN_MODEL', `pid 0x${target.productId.toString(16)}`);
      const cap = decodeCapability(
        toBytes(await device.getFeatureReport(STU_REPORT.CAPABILITY, STU_LENGTH.CAPABILITY)),
      );
      let firmware: string | null = null;
      let name = model.name;
      try {
        const info = decodeInformation(
          toBytes(await device.getFeatureReport(STU_REPORT.INFORMATION, STU_LENGTH.INFORMATION)),
        );
        firmware = `${info.firmwareMajor}.${info.firmwareMinor}`;
        if (info.modelName) name = info.modelName;
      } catch {
        // Information is nice to have; the capability is what the driver needs.
      }
      const desc: PadDescription = {
        kind: 'stu',
        model: name,
        vendorId: STU_VENDOR_ID,
        productId: target.productId,
        firmware,
        maxX: cap.maxX,
        maxY: cap.maxY,
        maxPressure: cap.maxPressure,
        widthMm: model.widthMm,
        heightMm: model.heightMm,
        reportRate: cap.reportRate,
      };
      return { desc, decode: stuDecoder(cap, model, this.now) };
    }
    const parsed = findPenLayout(parseReportDescriptor(target.descriptor));
    // Some descriptors declare a wrong physical size (see profiles.ts); a profile is measured.
    const layout = target.sizeFromProfile ? { ...parsed, xMm: null, yMm: null } : parsed;
    const fx = layout.x.field;
    const fy = layout.y.field;
    const widthMm =
      layout.xMm !== null ? (fx.logicalMax - fx.logicalMin) * layout.xMm : target.widthMm;
    const heightMm =
      layout.yMm !== null ? (fy.logicalMax - fy.logicalMin) * layout.yMm : target.heightMm;
    const pf = layout.pressure?.field;
    const desc: PadDescription = {
      kind: 'generic',
      model: target.name,
      vendorId: target.vendorId,
      productId: target.productId,
      firmware: null,
      maxX: fx.logicalMax,
      maxY: fy.logicalMax,
      maxPressure: pf ? pf.logicalMax : 1,
      widthMm,
      heightMm,
      reportRate: target.reportRate,
    };
    return { desc, decode: genericDecoder(layout, { widthMm, heightMm }, this.now) };
  }

  private onReport(data: Buffer): void {
    const o = this.opened;
    if (!o) return;
    let sample: PadSample | null;
    try {
      sample = o.decode(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    } catch {
      sample = null;
    }
    if (!sample) {
      // Other reports (buttons, vendor data) and line noise are counted, never fatal.
      this.garbage += 1;
      this.emit('garbage', this.garbage);
      return;
    }
    if (this.session?.active) this.emit('sample', sample);
  }

  private onDeviceError(err: unknown): void {
    const o = this.opened;
    if (!o) return;
    o.detach();
    try {
      o.device.close();
    } catch {
      // The device is gone; closing may fail.
    }
    this.opened = null;
    this.setState('disconnected');
    this.emit('disconnected', err);
    this.scheduleReconnect(1);
  }

  private scheduleReconnect(failures: number): void {
    if (this.closedForGood) return;
    const delay = backoffMs(failures, {
      baseMs: this.opts.backoff?.initialMs ?? 500,
      maxMs: this.opts.backoff?.maxMs ?? 5000,
    });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.setState('reconnecting');
      void this.attach().then(
        async (o) => {
          if (this.closedForGood) {
            o.detach();
            o.device.close();
            return;
          }
          this.opened = o;
          this.setState('ready');
          // A session in progress gets its pad back in the same mode.
          if (this.session?.active) await this.startInking().catch(() => undefined);
          this.emit('reconnected', o.desc);
        },
        () => {
          if (this.closedForGood) return;
          this.setState('disconnected');
          this.scheduleReconnect(failures + 1);
        },
      );
    }, delay);
  }

  private async send(report: Uint8Array): Promise<void> {
    const o = this.opened;
    if (!o) throw new SignaturePadError('DISCONNECTED');
    if (o.target.kind !== 'stu') return; // generic pads have no screen to drive
    try {
      await o.device.sendFeatureReport(Buffer.from(report));
    } catch (e) {
      throw new SignaturePadError('DISCONNECTED', e instanceof Error ? e.message : String(e));
    }
  }

  private async startInking(): Promise<void> {
    await this.send(encodeClearScreen());
    await this.send(encodeInkingMode(true));
  }

  /** Starts the one signing session: clears the pad and turns inking on. */
  async beginSession(): Promise<PadSession> {
    if (this.closedForGood) throw new SignaturePadError('CLOSED');
    if (this.session?.active) throw new SignaturePadError('BUSY');
    if (!this.opened) throw new SignaturePadError('DISCONNECTED');
    await this.startInking();
    const s = { active: true };
    this.session = s;
    return {
      get active() {
        return s.active;
      },
      clear: async () => {
        if (!s.active) return;
        await this.send(encodeClearScreen());
      },
      end: async () => {
        if (!s.active) return;
        s.active = false;
        if (this.session === s) this.session = null;
        if (this.opened) {
          try {
            await this.send(encodeInkingMode(false));
            await this.send(encodeClearScreen());
          } catch {
            // Unplugged meanwhile: nothing left to switch off.
          }
        }
      },
    };
  }

  async close(): Promise<void> {
    this.closedForGood = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.session) this.session.active = false;
    this.session = null;
    const o = this.opened;
    this.opened = null;
    if (o) {
      o.detach();
      try {
        o.device.close();
      } catch {
        // Already gone.
      }
    }
    this.setState('closed');
  }
}
