// Simulated signature pads implementing node-hid's device interface: a Wacom STU that answers
// the capability/information feature reports and emits real 0x34 pen reports, and a generic
// HID pen pad emitting reports laid out by its report descriptor. Reports are paced like a
// pad's USB interrupt endpoint: about 200 per second, delivered in small bursts.
import { EventEmitter } from 'node:events';
import { parseReportDescriptor } from './hid-descriptor';
import { encodePenReport, findPenLayout } from './hid-pen';
import type { PenLayout } from './hid-pen';
import type { HidDevice } from '../transport/hid-device';
import type { PadProfile } from './profiles';
import {
  STU_REPORT,
  encodeCapability,
  encodeInformation,
  encodePenData,
  stuModelFor,
} from './stu-codec';
import type { StuCapability, StuModel } from './stu-codec';
import type { ScriptSample } from './strokes';

export interface PaceOptions {
  /** Reports per second (default 200). */
  rate?: number;
  /** Burst interval in ms (default 25: 5 reports a burst at 200/s). */
  burstMs?: number;
  /** Speed-up for tests and training (default 1). */
  speed?: number;
}

/** STU capability per model, as those pads report it. */
export const STU_CAPABILITIES: Record<string, StuCapability> = {
  'STU-430': {
    maxX: 9600,
    maxY: 6000,
    maxPressure: 1023,
    screenWidth: 320,
    screenHeight: 200,
    reportRate: 200,
    resolution: 2540,
  },
  'STU-530': {
    maxX: 10800,
    maxY: 6480,
    maxPressure: 1023,
    screenWidth: 800,
    screenHeight: 480,
    reportRate: 200,
    resolution: 2540,
  },
  'STU-540': {
    maxX: 10800,
    maxY: 6480,
    maxPressure: 1023,
    screenWidth: 800,
    screenHeight: 480,
    reportRate: 200,
    resolution: 2540,
  },
};

abstract class SimulatedPad extends EventEmitter implements HidDevice {
  /** Feature reports and writes received, oldest first (for tests and the traffic view). */
  readonly received: Uint8Array[] = [];
  protected unplugged = false;
  protected closed = false;
  private queue: Uint8Array[] = [];
  private timer: NodeJS.Timeout | null = null;
  private drained: (() => void)[] = [];
  protected readonly rate: number;
  private readonly burstMs: number;

  constructor(pace: PaceOptions = {}) {
    super();
    const speed = pace.speed && pace.speed > 0 ? pace.speed : 1;
    this.rate = pace.rate ?? 200;
    this.burstMs = Math.max(1, Math.round((pace.burstMs ?? 25) / speed));
    this.perBurst = Math.max(1, Math.round((this.rate * (pace.burstMs ?? 25)) / 1000));
  }
  private readonly perBurst: number;

  get plugged(): boolean {
    return !this.unplugged && !this.closed;
  }

  protected ensureUsable(): void {
    if (this.unplugged) throw new Error('could not read from HID device');
    if (this.closed) throw new Error('device closed');
  }

  abstract getFeatureReport(reportId: number, reportLength: number): number[];

  sendFeatureReport(data: number[] | Buffer): number {
    this.ensureUsable();
    this.received.push(Uint8Array.from(data));
    return data.length;
  }

  write(values: number[] | Buffer): number {
    this.ensureUsable();
    this.received.push(Uint8Array.from(values));
    return values.length;
  }

  close(): void {
    this.closed = true;
    this.stopPacing();
  }

  /** Queues raw reports; resolves when all have been emitted (or the pad went away). */
  emitReports(reports: Uint8Array[]): Promise<void> {
    if (!this.plugged) return Promise.resolve();
    this.queue.push(...reports);
    const done = new Promise<void>((resolve) => this.drained.push(resolve));
    this.timer ??= setInterval(() => this.burst(), this.burstMs);
    return done;
  }

  private burst(): void {
    for (let i = 0; i < this.perBurst && this.queue.length > 0; i++) {
      const r = this.queue.shift()!;
      if (this.plugged) this.emit('data', Buffer.from(r));
    }
    if (this.queue.length === 0 || !this.plugged) this.stopPacing();
  }

  private stopPacing(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.queue = [];
    const waiting = this.drained;
    this.drained = [];
    for (const r of waiting) r();
  }

  /** Pen samples in millimetres → this pad's report bytes. */
  abstract encode(samples: ScriptSample[]): Uint8Array[];

  play(samples: ScriptSample[]): Promise<void> {
    return this.emitReports(this.encode(samples));
  }

  /** The cable is pulled: node-hid emits 'error' on the read thread and the device is dead. */
  unplug(): void {
    if (this.unplugged) return;
    this.unplugged = true;
    this.stopPacing();
    this.emit('error', new Error('could not read from HID device'));
  }

  abstract readonly size: { widthMm: number; heightMm: number };
}

export class SimulatedStuPad extends SimulatedPad {
  readonly model: StuModel;
  readonly capability: StuCapability;
  private sequence = 0;
  private clock = 0;
  inking = false;

  constructor(opts: { productId?: number } & PaceOptions = {}) {
    super(opts);
    const model = stuModelFor(opts.productId ?? 0x00a5);
    if (!model) throw new Error('unknown STU product id');
    this.model = model;
    this.capability = STU_CAPABILITIES[model.name]!;
  }

  get size() {
    return { widthMm: this.model.widthMm, heightMm: this.model.heightMm };
  }

  getFeatureReport(reportId: number, reportLength: number): number[] {
    this.ensureUsable();
    let r: Uint8Array;
    if (reportId === STU_REPORT.CAPABILITY) r = encodeCapability(this.capability);
    else if (reportId === STU_REPORT.INFORMATION) {
      r = encodeInformation({
        modelName: this.model.name,
        firmwareMajor: 1,
        firmwareMinor: 7,
        secureIc: 0,
        secureIcVersion: '00000000',
      });
    } else if (reportId === STU_REPORT.INKING_MODE) {
      r = Uint8Array.of(STU_REPORT.INKING_MODE, this.inking ? 1 : 0);
    } else throw new Error(`feature report 0x${reportId.toString(16)} not supported`);
    return [...r.slice(0, reportLength)];
  }

  override sendFeatureReport(data: number[] | Buffer): number {
    const n = super.sendFeatureReport(data);
    if (data[0] === STU_REPORT.INKING_MODE) this.inking = data[1] !== 0;
    return n;
  }

  encode(samples: ScriptSample[]): Uint8Array[] {
    const { maxX, maxY, maxPressure } = this.capability;
    const step = 1000 / this.rate;
    return samples.map((s) => {
      this.clock += step;
      this.sequence = (this.sequence + 1) & 0xffff;
      return encodePenData({
        inRange: s.inRange,
        tip: s.tip,
        pressure: s.tip ? Math.max(1, Math.round(s.p * maxPressure)) : 0,
        x: Math.max(0, Math.min(maxX, Math.round((s.x / this.model.widthMm) * maxX))),
        y: Math.max(0, Math.min(maxY, Math.round((s.y / this.model.heightMm) * maxY))),
        time: Math.round(this.clock) & 0xffff,
        sequence: this.sequence,
      });
    });
  }
}

export class SimulatedDigitizerPad extends SimulatedPad {
  readonly layout: PenLayout;

  constructor(
    readonly profile: PadProfile,
    pace: PaceOptions = {},
  ) {
    super({ rate: profile.reportRate, ...pace });
    this.layout = findPenLayout(parseReportDescriptor(profile.descriptor));
  }

  get size() {
    return { widthMm: this.profile.widthMm, heightMm: this.profile.heightMm };
  }

  getFeatureReport(reportId: number): number[] {
    this.ensureUsable();
    throw new Error(`feature report 0x${reportId.toString(16)} not supported`);
  }

  encode(samples: ScriptSample[]): Uint8Array[] {
    const { x, y, pressure } = this.layout;
    const toRaw = (mm: number, f: typeof x.field, per: number | null, size: number) => {
      const span = f.logicalMax - f.logicalMin;
      const v = per !== null ? mm / per : (mm / size) * span;
      return Math.max(f.logicalMin, Math.min(f.logicalMax, Math.round(v + f.logicalMin)));
    };
    return samples.map((s) =>
      encodePenReport(this.layout, {
        tip: s.tip,
        inRange: s.inRange,
        x: toRaw(s.x, x.field, this.layout.xMm, this.profile.widthMm),
        y: toRaw(s.y, y.field, this.layout.yMm, this.profile.heightMm),
        pressure: pressure && s.tip ? Math.max(1, Math.round(s.p * pressure.field.logicalMax)) : 0,
      }),
    );
  }
}

export type AnySimulatedPad = SimulatedStuPad | SimulatedDigitizerPad;
