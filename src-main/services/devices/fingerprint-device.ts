// The station's fingerprint scanner: start-up (real module, else the simulator), state, close.
import { EventEmitter } from 'node:events';
import type { DeviceState, FingerprintDeviceInfo } from '../../api/contract';
import type { PacketSize, SystemParameters } from '../../../drivers/fingerprint/codec';
import { discoverFingerprint } from '../../../drivers/fingerprint/discovery';
import { MAX_MODULE_BAUD } from '../../../drivers/fingerprint/driver';
import type { DriverState, FingerprintDriver } from '../../../drivers/fingerprint/driver';
import { FingerprintError } from '../../../drivers/fingerprint/errors';
import type { ImageQuality } from '../../../drivers/fingerprint/synthetic';
import type { ByteTransport } from '../../../drivers/transport/byte-transport';
import type { Logger } from '../common/log';
import type { Locale } from '../../domain/i18n';
import type { FingerprintDeviceConfig } from './fingerprint-device-config';
import { createSimulatedScanner } from './fingerprint-simulation';
import type { SimulationControls } from './fingerprint-simulation';

export type DeviceLog = Pick<Logger, 'info' | 'warn'>;

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
  let simulated = cfg.mode === 'simulated';
  let state: DeviceState = cfg.mode === 'none' ? 'missing' : 'pending';
  let message: { code: 'DEVICE_NOT_FOUND' | 'DISCONNECTED' | 'OTHER'; text?: string } | null =
    cfg.mode === 'none' ? { code: 'DEVICE_NOT_FOUND' } : null;
  let started: Started | null = null;
  let closed = false;
  let closing: Promise<void> | null = null;

  const simulation = createSimulatedScanner({ cfg, log, tap, openSerial, simSpeed });

  function setState(s: DeviceState): void {
    if (s === state) return;
    state = s;
    events.emit('state', s);
  }

  function onDriverState(s: DriverState): void {
    // While the module is still being negotiated (packet size, baud) it is not ready for a
    // capture: the state stays "pending" until start-up has finished and sets it.
    if (closed || !started) return;
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

  /** A driver that answers: its events wired, packet size and baud negotiated. */
  async function connect(opened: { driver: FingerprintDriver; path: string | null }) {
    wire(opened.driver);
    const params = await negotiate(opened.driver);
    return { driver: opened.driver, params, path: opened.path };
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
    return connect(found);
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
      if (!started && !closed) started = await connect(await simulation.open());
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

  return {
    get simulated() {
      return simulated;
    },
    get sim() {
      return simulated ? simulation.controls : null;
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
      if (simulated) simulation.beginCapture(finger);
    },
    endCapture(finger) {
      if (simulated) simulation.endCapture(finger);
    },
    setSimulatedQuality(q) {
      if (!simulated) return false;
      simulation.setQuality(q);
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
        await simulation.close();
        state = 'missing';
      })();
      return closing;
    },
  };
}
