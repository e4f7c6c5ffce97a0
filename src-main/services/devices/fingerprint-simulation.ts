// The simulated scanner: the simulator on a pty or in-memory pair; the simulated resident, cable.
import { DEFAULT_BAUD } from '../../../drivers/fingerprint/discovery';
import { FingerprintDriver } from '../../../drivers/fingerprint/driver';
import { FingerprintSimulator } from '../../../drivers/fingerprint/simulator';
import type { ImageQuality } from '../../../drivers/fingerprint/synthetic';
import { createMemoryPair } from '../../../drivers/transport/byte-transport';
import type { ByteTransport } from '../../../drivers/transport/byte-transport';
import type { PtyPair } from '../../../drivers/transport/pty-pair';
import type { Logger } from '../common/log';
import type { FingerprintDeviceConfig } from './fingerprint-device-config';

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

const SIM_BAUD = DEFAULT_BAUD;
/** A resident needs about 1.5 s to lift one finger and put the next one down. */
export const HAND_MOVE_MS = 1500;

export interface SimulatedScanner {
  /** Starts the simulator and a driver talking to it (not yet negotiated). */
  open(): Promise<{ driver: FingerprintDriver; path: string | null }>;
  readonly controls: SimulationControls;
  /** A capture of `finger` starts: the simulated resident places it after moving the hand. */
  beginCapture(finger: number): void;
  /** The image of `finger` is taken (or its capture ended): the simulated resident lifts it. */
  endCapture(finger: number): void;
  setQuality(q: ImageQuality): void;
  /** Stops the simulator and closes its end of the line (after the driver closed). */
  close(): Promise<void>;
}

export function createSimulatedScanner(opts: {
  cfg: FingerprintDeviceConfig;
  log: Pick<Logger, 'warn'>;
  tap: (t: ByteTransport) => ByteTransport;
  openSerial: (path: string, baud: number) => Promise<ByteTransport>;
  /** Simulator pace multiplier (1 = a real module). */
  simSpeed: number;
}): SimulatedScanner {
  const { cfg, log, tap, openSerial, simSpeed } = opts;
  const handMoveMs = cfg.handMoveMs ?? HAND_MOVE_MS;
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

  async function open(): Promise<{ driver: FingerprintDriver; path: string | null }> {
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
      return { driver, path: hostPath };
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
    return { driver, path: null };
  }

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
    open,
    controls,
    beginCapture(finger) {
      if (!sim || absent) return;
      const shown = presentInstead ?? finger;
      presentInstead = null;
      asked = finger;
      // Placing the next finger lifts the one before: one hand on the sensor at a time.
      sim.placeFinger(shown, { quality, afterMs: Math.round(handMoveMs / simSpeed) });
    },
    endCapture(finger) {
      // The next finger may already be on its way (asked while this image still transferred).
      if (asked !== finger) return;
      asked = null;
      sim?.liftFinger();
    },
    setQuality(q) {
      quality = q;
    },
    async close() {
      sim?.stop();
      await deviceEnd?.close().catch(() => undefined);
      await pty?.close().catch(() => undefined);
    },
  };
}
