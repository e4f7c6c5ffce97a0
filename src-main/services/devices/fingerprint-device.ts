// The station's one fingerprint scanner: a real module found on a serial port, or the simulator
// (on a socat pty pair where the OS allows, so the real driver and serial transport still do
// the work; an in-memory pair elsewhere). The service sees the same FingerprintDriver either way.
import { EventEmitter } from 'node:events';
import type { DeviceState, FingerprintDeviceInfo } from '../../api/contract';
import type { PacketSize, SystemParameters } from '../../../drivers/fingerprint/codec';
import { DEFAULT_BAUD, discoverFingerprint } from '../../../drivers/fingerprint/discovery';
import { FingerprintDriver, MAX_MODULE_BAUD } from '../../../drivers/fingerprint/driver';
import type { DriverState } from '../../../drivers/fingerprint/driver';
import { FingerprintError } from '../../../drivers/fingerprint/errors';
import { FingerprintSimulator } from '../../../drivers/fingerprint/simulator';
import type { ImageQuality } from '../../../drivers/fingerprint/synthetic';
import { createMemoryPair } from '../../../drivers/transport/byte-transport';
import type { ByteTransport } from '../../../drivers/transport/byte-transport';
import type { PtyPair } from '../../../drivers/transport/pty-pair';
import type { Logger } from '../common/log';
import type { Locale } from '../../domain/i18n';

export type FingerprintMode = 'auto' | 'simulated' | 'none';

export interface FingerprintDeviceConfig {
  /** auto: the configured path, else probe serial ports; nothing answers → simulated. */
  mode: FingerprintMode;
  /** A configured serial port (with mode 'auto', only this port is tried). */
  path?: string;
  baud?: number;
  /** Simulator pace multiplier (1 = a real module at 57,600 baud, ≈ 7 s per image). */
  simSpeed?: number;
  /** Simulator carrier: a socat pty pair (Linux with socat) or an in-memory pair. */
  simTransport?: 'auto' | 'pty' | 'memory';
  /** Packet size to negotiate; 256 moves an image fastest (fewest packet headers). */
  packetSize?: PacketSize;
  /**
   * Line speeds to move the module to at connect, fastest first (default 115,200, the most
   * R30x / ZFM / AS608 modules take; an image then needs ≈ 3.3 s instead of 6.7 s). Empty:
   * keep the rate the module answered at.
   */
  bauds?: readonly number[];
  /** Simulated resident: time to move the hand to the next finger after the prompt (ms). */
  handMoveMs?: number;
}

export type DeviceLog = Pick<Logger, 'info' | 'warn'>;

/** Hooks to play the resident and the cable in a simulated station (tests, training, demos). */
export interface SimulationControls {
  /** The quality of the next placed fingers. */
  quality: ImageQuality;
  /** The next capture gets this finger instead of the one asked for (a resident's mistake). */
  presentInstead(finger: number | null): void;
  /** The resident keeps the finger away (to test the wait timeout). */
  setAbsent(absent: boolean): void;
  unplug(): Promise<void>;
  replug(): Promise<void>;
  readonly simulator: FingerprintSimulator | null;
}

export interface FingerprintDevice {
  readonly simulated: boolean;
  info(locale: Locale): FingerprintDeviceInfo;
  state(): DeviceState;
  /** The driver once the scanner is up (null while starting, when missing or after close). */
  driver(): FingerprintDriver | null;
  /** Resolves when start-up (discovery or simulator) has finished, successfully or not. */
  ready(): Promise<void>;
  onState(listener: (s: DeviceState) => void): () => void;
  /** A capture of `finger` starts: the simulated resident places it after moving the hand. */
  beginCapture(finger: number): void;
  /** The image of `finger` is taken (or its capture ended): the simulated resident lifts it. */
  endCapture(finger: number): void;
  /** Simulated scanner only; false when the scanner is real. */
  setSimulatedQuality(q: ImageQuality): boolean;
  readonly sim: SimulationControls | null;
  /** Details of the module for storage with each finger (no personal data). */
  deviceDetails(): Record<string, unknown>;
  close(): Promise<void>;
}

const SIM_BAUD = DEFAULT_BAUD;
/** A resident needs about 1.5 s to lift one finger and put the next one down. */
export const HAND_MOVE_MS = 1500;

interface Started {
  driver: FingerprintDriver;
  params: SystemParameters;
  path: string | null;
}

export function createFingerprintDevice(
  cfg: FingerprintDeviceConfig,
  deps: {
    log: DeviceLog;
    /** Wraps every host-side transport (the device manager records raw traffic this way). */
    tap?: (t: ByteTransport) => ByteTransport;
    /**
     * Opens every serial port the scanner uses (both pty ends of the simulator too). The
     * station passes one that opens in the driver host child, so native serial I/O cannot
     * crash it; default: serialport in this process.
     */
    openSerial?: (path: string, baud: number) => Promise<ByteTransport>;
  },
): FingerprintDevice {
  const { log } = deps;
  const tap = deps.tap ?? ((t: ByteTransport) => t);
  const openSerial =
    deps.openSerial ??
    (async (path: string, baud: number): Promise<ByteTransport> =>
      (await import('../../../drivers/transport/serial')).openSerialTransport(path, baud));
  const events = new EventEmitter();
  const simSpeed = cfg.simSpeed && cfg.simSpeed > 0 ? cfg.simSpeed : 1;
  const packetSize: PacketSize = cfg.packetSize ?? 256;
  const bauds = cfg.bauds ?? [MAX_MODULE_BAUD];
  const handMoveMs = cfg.handMoveMs ?? HAND_MOVE_MS;
  let simulated = cfg.mode === 'simulated';
  let state: DeviceState = cfg.mode === 'none' ? 'missing' : 'pending';
  let message: { code: 'DEVICE_NOT_FOUND' | 'DISCONNECTED' | 'OTHER'; text?: string } | null =
    cfg.mode === 'none' ? { code: 'DEVICE_NOT_FOUND' } : null;
  let started: Started | null = null;
  let closed = false;
  let closing: Promise<void> | null = null;

  // Simulation state (also used by the reopen path after an unplug).
  let sim: FingerprintSimulator | null = null;
  let pty: PtyPair | null = null;
  let deviceEnd: ByteTransport | null = null;
  let plugged = true;
  let quality: ImageQuality = 'clear';
  let presentInstead: number | null = null;
  let absent = false;
  /** The finger the simulated resident is asked for (placed, or on its way). */
  let asked: number | null = null;
  /** The simulated module is reopening its end of the line at a new baud. */
  let simSwitching = false;

  function setState(s: DeviceState): void {
    if (s === state) return;
    state = s;
    events.emit('state', s);
  }

  function onDriverState(s: DriverState): void {
    if (closed) return;
    if (s === 'disconnected' || s === 'reconnecting') {
      message = { code: 'DISCONNECTED' };
      setState('error');
    } else if (s === 'idle' || s === 'busy') {
      message = null;
      setState(simulated ? 'simulated' : 'connected');
    }
  }

  function wire(d: FingerprintDriver): void {
    d.on('state', onDriverState);
    d.on('disconnected', () => log.warn('fingerprint scanner disconnected'));
    d.on('reconnected', () => log.info('fingerprint scanner reconnected'));
  }

  async function negotiate(d: FingerprintDriver): Promise<SystemParameters> {
    await d.handshake();
    let params = await d.readSysPara();
    if (params.packetSize !== packetSize) {
      try {
        await d.setPacketSize(packetSize);
        params = await d.readSysPara();
      } catch (e) {
        // Older modules refuse register 6; the default packet size still works, only slower.
        log.warn('packet size not negotiated', { code: (e as FingerprintError).code });
      }
    }
    const from = d.baud;
    const change = await d.negotiateBaud(bauds);
    if (change.outcome !== 'unchanged') {
      log.info('fingerprint baud negotiated', { from, baud: change.baud, outcome: change.outcome });
      params = await d.readSysPara();
    }
    return params;
  }

  // --- the simulator on the far end of a pty pair or an in-memory pair ---------------------

  async function startSimulatorOn(end: ByteTransport): Promise<void> {
    // A module keeps its packet size in flash across a power cycle; so does the simulated one.
    const keptPacketSize = sim?.currentPacketSize ?? 128;
    const keptBaud = simBaud();
    sim?.stop();
    deviceEnd = end;
    simSwitching = false;
    const devicePath = pty?.b;
    sim = new FingerprintSimulator(end, {
      baud: keptBaud,
      packetSize: keptPacketSize,
      // On a pty the module's end is reopened at the new rate, as a real UART is reprogrammed.
      ...(devicePath
        ? { openAt: async (b: number) => (deviceEnd = await openSerial(devicePath, b)) }
        : {}),
      paceSpeedup: simSpeed,
      captureMs: Math.round(300 / simSpeed),
      systemId: 0x5349, // "SI": simulated
    });
    sim.on('error', (e: unknown) => log.warn('simulator error', { message: String(e) }));
    sim.on('baud-switch', () => (simSwitching = true));
    sim.on('baud', () => (simSwitching = false));
  }

  /** The simulated module keeps its baud in flash across a power cycle, as a real one does. */
  function simBaud(): number {
    return sim?.currentBaud ?? SIM_BAUD;
  }

  async function openSimulated(): Promise<Started> {
    const usePty =
      cfg.simTransport === 'pty' ||
      (cfg.simTransport !== 'memory' &&
        (await import('../../../drivers/transport/pty-pair')).ptyPairsAvailable());
    if (usePty) {
      const { openPtyPair } = await import('../../../drivers/transport/pty-pair');
      pty = await openPtyPair();
      const hostPath = pty.a;
      await startSimulatorOn(await openSerial(pty.b, SIM_BAUD));
      const openAt = async (baud: number): Promise<ByteTransport> => {
        if (!plugged || !pty) throw new Error('simulated scanner unplugged');
        // The device end dies with the driver host child too (a crash there, not an unplug):
        // the simulated module comes back on a fresh port, as a power-cycled one would.
        if (!deviceEnd?.isOpen && !simSwitching) {
          await startSimulatorOn(await openSerial(pty.b, simBaud()));
        }
        return tap(await openSerial(hostPath, baud));
      };
      const driver = new FingerprintDriver({
        transport: tap(await openSerial(hostPath, SIM_BAUD)),
        baud: SIM_BAUD,
        openAt,
        backoff: { initialMs: 200, maxMs: 2000 },
      });
      wire(driver);
      const params = await negotiate(driver);
      return { driver, params, path: hostPath };
    }
    const [host, dev] = createMemoryPair();
    await startSimulatorOn(dev);
    // An in-memory line has no rate: a fresh pair (and a power-cycled module that kept its
    // settings) stands for the port reopened, at whatever baud the module now speaks.
    const openAt = async (): Promise<ByteTransport> => {
      if (!plugged) throw new Error('simulated scanner unplugged');
      const [h, d] = createMemoryPair();
      await startSimulatorOn(d);
      return tap(h);
    };
    const driver = new FingerprintDriver({
      transport: tap(host),
      baud: SIM_BAUD,
      openAt,
      backoff: { initialMs: 200, maxMs: 2000 },
    });
    wire(driver);
    const params = await negotiate(driver);
    return { driver, params, path: null };
  }

  async function openReal(): Promise<Started> {
    const found = await discoverFingerprint({
      ...(cfg.path ? { path: cfg.path } : {}),
      ...(cfg.baud ? { baud: cfg.baud } : {}),
      ...(deps.tap || deps.openSerial
        ? { open: async (p: string, b: number) => tap(await openSerial(p, b)) }
        : {}),
      onAttempt: (a) =>
        log.info('fingerprint probe', { path: a.path, baud: a.baud, error: a.error ?? null }),
    });
    wire(found.driver);
    const params = await negotiate(found.driver);
    return { driver: found.driver, params, path: found.path };
  }

  async function start(): Promise<void> {
    if (cfg.mode === 'none') return;
    try {
      if (cfg.mode === 'auto') {
        try {
          started = await openReal();
        } catch (e) {
          if (closed) return;
          log.info('no fingerprint module answered; using the simulator', {
            code: e instanceof FingerprintError ? e.code : 'OPEN_FAILED',
          });
          simulated = true;
        }
      }
      if (!started && !closed) started = await openSimulated();
      if (closed) {
        await started?.driver.close();
        return;
      }
      message = null;
      setState(simulated ? 'simulated' : 'connected');
      log.info('fingerprint scanner ready', {
        simulated,
        packetSize: started!.params.packetSize,
        baud: started!.driver.baud,
      });
    } catch (e) {
      if (closed) return;
      const code = e instanceof FingerprintError ? e.code : 'OPEN_FAILED';
      log.warn('fingerprint scanner unavailable', { code });
      message =
        code === 'DEVICE_NOT_FOUND'
          ? { code: 'DEVICE_NOT_FOUND' }
          : { code: 'OTHER', text: e instanceof Error ? e.message : String(e) };
      setState(code === 'DEVICE_NOT_FOUND' ? 'missing' : 'error');
    }
  }

  const startup = start();

  const controls: SimulationControls = {
    get quality() {
      return quality;
    },
    set quality(q: ImageQuality) {
      quality = q;
    },
    presentInstead(finger) {
      presentInstead = finger;
    },
    setAbsent(a) {
      absent = a;
      if (a) sim?.liftFinger();
    },
    async unplug() {
      plugged = false;
      if (pty) {
        sim?.stop();
        await deviceEnd?.close().catch(() => undefined);
        await pty.unplug();
      } else {
        sim?.injectFault('unplug');
      }
    },
    async replug() {
      plugged = true;
      if (pty) {
        await pty.replug();
        await startSimulatorOn(await openSerial(pty.b, simBaud()));
      }
      // In memory, the driver's reopen builds a fresh pair with a fresh simulator.
    },
    get simulator() {
      return sim;
    },
  };

  return {
    get simulated() {
      return simulated;
    },
    get sim() {
      return simulated ? controls : null;
    },
    info(locale) {
      const p = started?.params;
      let text: string | null = null;
      if (message?.code === 'OTHER') text = message.text ?? null;
      else if (message) text = new FingerprintError(message.code).localized(locale);
      return {
        state,
        simulated,
        path: started?.path ?? cfg.path ?? null,
        baud: started?.driver.baud ?? null,
        packetSize: started ? (started.driver.negotiatedPacketSize ?? p?.packetSize ?? null) : null,
        sensor: p
          ? { systemId: p.systemId, capacity: p.capacity, securityLevel: p.securityLevel }
          : null,
        message: text,
      };
    },
    state: () => state,
    driver: () => (closed ? null : (started?.driver ?? null)),
    ready: () => startup,
    onState(listener) {
      events.on('state', listener);
      return () => events.off('state', listener);
    },
    beginCapture(finger) {
      if (!simulated || !sim || absent) return;
      const shown = presentInstead ?? finger;
      presentInstead = null;
      asked = finger;
      // Placing the next finger lifts the one before: one hand on the sensor at a time.
      sim.placeFinger(shown, { quality, afterMs: Math.round(handMoveMs / simSpeed) });
    },
    endCapture(finger) {
      // The next finger may already be on its way (asked while this image still transferred).
      if (!simulated || asked !== finger) return;
      asked = null;
      sim?.liftFinger();
    },
    setSimulatedQuality(q) {
      if (!simulated) return false;
      quality = q;
      return true;
    },
    deviceDetails() {
      const p = started?.params;
      return {
        simulated,
        systemId: p?.systemId ?? null,
        capacity: p?.capacity ?? null,
        securityLevel: p?.securityLevel ?? null,
        packetSize: started?.driver.negotiatedPacketSize ?? null,
        baud: started?.driver.baud ?? null,
      };
    },
    close() {
      if (closing) return closing;
      closed = true;
      closing = (async () => {
        await startup.catch(() => undefined);
        await started?.driver.close().catch(() => undefined);
        sim?.stop();
        await deviceEnd?.close().catch(() => undefined);
        await pty?.close().catch(() => undefined);
        state = 'missing';
      })();
      return closing;
    },
  };
}

/**
 * `--fingerprint auto|simulated|none|<path>` and `--sim-speed N` → a device config. A path
 * means "this port only" (still discovered with a handshake, and still falling back to the
 * simulator if nothing answers there, so the UI says SIMULASI rather than failing silently).
 */
export function fingerprintConfigFromArgs(
  fingerprint: string | undefined,
  simSpeed: string | undefined,
): FingerprintDeviceConfig {
  const value = (fingerprint ?? 'auto').trim();
  const speedText = simSpeed ?? '1';
  const speed = Number(speedText);
  if (!/^\d+(\.\d+)?$/.test(speedText) || !(speed > 0) || speed > 1000) {
    throw new RangeError(`--sim-speed must be a number above 0 (up to 1000), got "${speedText}"`);
  }
  if (value === '')
    throw new RangeError('--fingerprint needs auto, simulated, none or a port path');
  if (value === 'auto' || value === 'simulated' || value === 'none') {
    return { mode: value, simSpeed: speed };
  }
  return { mode: 'auto', path: value, simSpeed: speed };
}
