// The station's signature pad: a real Wacom STU or HID pen pad found with node-hid, or the
// simulated pad when none is plugged in (the UI then says SIMULASI). Kept behind one small
// factory so the device manager can take over start-up later.
import { EventEmitter } from 'node:events';
import type { DeviceState, SignatureDeviceInfo } from '../../api/contract';
import { choosePad } from '../../../drivers/signature-pad/discovery';
import { SignaturePadDriver } from '../../../drivers/signature-pad/driver';
import type { DriverState, PadTarget } from '../../../drivers/signature-pad/driver';
import { SignaturePadError, isSignaturePadError } from '../../../drivers/signature-pad/errors';
import type { SignaturePadErrorCode } from '../../../drivers/signature-pad/errors';
import { SIMULATED_GENERIC_PROFILE } from '../../../drivers/signature-pad/profiles';
import { SimulatedDigitizerPad, SimulatedStuPad } from '../../../drivers/signature-pad/simulator';
import type { AnySimulatedPad } from '../../../drivers/signature-pad/simulator';
import type { HidLister } from '../../../drivers/device-manager/remote-hid';
import type { HidDevice } from '../../../drivers/transport/hid-device';
import {
  garbageReports,
  shortScript,
  signatureScript,
} from '../../../drivers/signature-pad/strokes';
import type { Logger } from '../common/log';
import type { Locale } from '../../domain/i18n';

export type SignatureMode = 'auto' | 'simulated' | 'simulated-generic' | 'none';
export type SimulationScript = 'signature' | 'short' | 'garbage' | 'unplug';

export interface SignatureDeviceConfig {
  mode: SignatureMode;
  /** Simulator pace multiplier (1 = a real pad's 200 reports/s). */
  simSpeed?: number;
  /** Simulated cable: how long an 'unplug' lasts before it is plugged back (ms at speed 1). */
  replugMs?: number;
}

export interface SignatureDevice {
  readonly simulated: boolean;
  info(locale: Locale): SignatureDeviceInfo;
  state(): DeviceState;
  driver(): SignaturePadDriver | null;
  ready(): Promise<void>;
  onState(listener: (s: DeviceState) => void): () => void;
  /** Simulated pad only: the resident's pen (resolves when the script has played). */
  simulate(script: SimulationScript): Promise<void>;
  /** The simulated pad in use (tests), null on a real pad. */
  simulatedPad(): AnySimulatedPad | null;
  /** What the pad is, stored with each signature (no personal data). */
  deviceDetails(): Record<string, unknown>;
  close(): Promise<void>;
}

const STU_VENDOR = 0x056a;

export function createSignatureDevice(
  cfg: SignatureDeviceConfig,
  deps: {
    log: Pick<Logger, 'info' | 'warn'>;
    /** Wraps each opened device (the device manager's traffic view records its reports). */
    tap?: (device: HidDevice) => HidDevice;
    /**
     * Opens a real pad by its OS path. Default: node-hid in this process; startDevices passes
     * the driver host's opener so node-hid's native I/O runs in the child.
     */
    openHid?: (path: string) => Promise<HidDevice>;
    /**
     * Lists the HID devices to pick the pad from. Default: node-hid in this process; startDevices
     * passes the driver host's lister so `devices()` runs in the child too.
     */
    listHid?: HidLister;
  },
): SignatureDevice {
  const { log } = deps;
  const tap = deps.tap ?? ((d: HidDevice) => d);
  const events = new EventEmitter();
  const speed = cfg.simSpeed && cfg.simSpeed > 0 ? cfg.simSpeed : 1;
  let simulated = cfg.mode === 'simulated' || cfg.mode === 'simulated-generic';
  let state: DeviceState = cfg.mode === 'none' ? 'missing' : 'pending';
  let errorCode: SignaturePadErrorCode | null = cfg.mode === 'none' ? 'DEVICE_NOT_FOUND' : null;
  let driver: SignaturePadDriver | null = null;
  let closed = false;
  let pad: AnySimulatedPad | null = null;
  let plugged = true;
  let replugTimer: NodeJS.Timeout | null = null;

  function setState(s: DeviceState): void {
    if (s === state) return;
    state = s;
    events.emit('state', s);
  }

  function onDriverState(s: DriverState): void {
    if (closed) return;
    if (s === 'disconnected' || s === 'reconnecting') {
      errorCode = 'DISCONNECTED';
      setState('error');
    } else if (s === 'ready') {
      errorCode = null;
      setState(simulated ? 'simulated' : 'connected');
    }
  }

  function simulatedOpen(generic: boolean) {
    return async () => {
      if (!plugged) throw new SignaturePadError('DEVICE_NOT_FOUND', 'simulated pad unplugged');
      const p = SIMULATED_GENERIC_PROFILE;
      const target: PadTarget = generic
        ? {
            kind: 'generic',
            name: p.name,
            vendorId: p.vendorId,
            productId: p.productId,
            descriptor: p.descriptor,
            widthMm: p.widthMm,
            heightMm: p.heightMm,
            reportRate: p.reportRate,
          }
        : { kind: 'stu', productId: 0x00a5 };
      pad = generic
        ? new SimulatedDigitizerPad(p, { speed })
        : new SimulatedStuPad({ productId: 0x00a5, speed });
      return { device: tap(pad), target };
    };
  }

  async function realOpen() {
    const { listHidDevices, openHidDevice, readSysfsDescriptor } = await import(
      '../../../drivers/transport/hid'
    );
    const listed = deps.listHid
      ? await deps.listHid()
      : { devices: await listHidDevices(), readDescriptor: readSysfsDescriptor };
    const found = choosePad(listed.devices, listed.readDescriptor);
    if (!found) throw new SignaturePadError('DEVICE_NOT_FOUND');
    const open = deps.openHid ?? openHidDevice;
    return { device: tap(await open(found.path)), target: found.target };
  }

  async function start(): Promise<void> {
    if (cfg.mode === 'none') return;
    try {
      if (cfg.mode === 'auto') {
        const d = new SignaturePadDriver({
          open: realOpen,
          backoff: { initialMs: 500, maxMs: 5000 },
        });
        try {
          await d.open();
          driver = d;
        } catch (e) {
          await d.close();
          if (closed) return;
          log.info('no signature pad found; using the simulator', {
            code: isSignaturePadError(e) ? e.code : 'OPEN_FAILED',
          });
          simulated = true;
        }
      }
      if (!driver) {
        const d = new SignaturePadDriver({
          open: simulatedOpen(cfg.mode === 'simulated-generic'),
          backoff: { initialMs: 200, maxMs: 1000 },
        });
        await d.open();
        driver = d;
      }
      if (closed) {
        await driver.close();
        return;
      }
      driver.on('state', onDriverState);
      driver.on('disconnected', () => log.warn('signature pad disconnected'));
      driver.on('reconnected', () => log.info('signature pad reconnected'));
      errorCode = null;
      setState(simulated ? 'simulated' : 'connected');
      const desc = driver.description();
      log.info('signature pad ready', { simulated, model: desc?.model ?? null });
    } catch (e) {
      if (closed) return;
      errorCode = isSignaturePadError(e) ? e.code : 'OPEN_FAILED';
      log.warn('signature pad unavailable', { code: errorCode });
      setState(errorCode === 'DEVICE_NOT_FOUND' ? 'missing' : 'error');
    }
  }

  const startup = start();

  async function simulate(script: SimulationScript): Promise<void> {
    if (!simulated) throw new SignaturePadError('NOT_SIMULATED');
    const p = pad;
    if (!p || !p.plugged) throw new SignaturePadError('DISCONNECTED');
    const rate = 200;
    if (script === 'signature') return p.play(signatureScript(p.size, rate));
    if (script === 'short') return p.play(shortScript(p.size, rate));
    if (script === 'garbage') return p.emitReports(garbageReports());
    // Unplug part-way through a signature; the simulated cable goes back in a moment later.
    const full = signatureScript(p.size, rate);
    const playing = p.play(full.slice(0, Math.round(full.length / 3)));
    await playing;
    plugged = false;
    p.unplug();
    replugTimer = setTimeout(
      () => {
        replugTimer = null;
        plugged = true;
      },
      Math.round((cfg.replugMs ?? 1500) / speed),
    );
  }

  return {
    get simulated() {
      return simulated;
    },
    info(locale) {
      const desc = driver?.description() ?? null;
      return {
        state,
        simulated,
        model: desc?.model ?? null,
        vendorId: desc?.vendorId ?? null,
        productId: desc?.productId ?? null,
        capability: desc
          ? {
              maxX: desc.maxX,
              maxY: desc.maxY,
              maxPressure: desc.maxPressure,
              widthMm: desc.widthMm,
              heightMm: desc.heightMm,
              reportRate: desc.reportRate,
            }
          : null,
        message: errorCode ? new SignaturePadError(errorCode).localized(locale) : null,
      };
    },
    state: () => state,
    driver: () => (closed ? null : driver),
    ready: () => startup,
    onState(listener) {
      events.on('state', listener);
      return () => events.off('state', listener);
    },
    simulate,
    simulatedPad: () => (simulated ? pad : null),
    deviceDetails() {
      const desc = driver?.description() ?? null;
      return {
        simulated,
        kind: desc?.kind ?? null,
        model: desc?.model ?? null,
        vendorId: desc?.vendorId ?? null,
        productId: desc?.productId ?? null,
        firmware: desc?.firmware ?? null,
        widthMm: desc?.widthMm ?? null,
        heightMm: desc?.heightMm ?? null,
        maxPressure: desc?.maxPressure ?? null,
        reportRate: desc?.reportRate ?? null,
        wacom: desc?.vendorId === STU_VENDOR,
      };
    },
    async close() {
      closed = true;
      if (replugTimer) clearTimeout(replugTimer);
      await startup.catch(() => undefined);
      await driver?.close();
      pad?.close();
      state = 'missing';
    },
  };
}

/** `--signature auto|simulated|simulated-generic|none` → a device config. */
export function signatureConfigFromArgs(
  value: string | undefined,
  simSpeed?: number,
): SignatureDeviceConfig {
  const mode = (value ?? 'auto').trim();
  if (mode !== 'auto' && mode !== 'simulated' && mode !== 'simulated-generic' && mode !== 'none') {
    throw new RangeError(
      `--signature needs auto, simulated, simulated-generic or none, got "${mode}"`,
    );
  }
  return { mode, ...(simSpeed !== undefined ? { simSpeed } : {}) };
}
