// Device start-up shared by both hosts: the scanner (with the technician's remembered choice
// and its traffic tapped), the driver host child process that enumerates and probes devices,
// and the device manager on top of it. Hosts inject how the child is spawned (fork here,
// Electron's utilityProcess in the desktop app) and close everything with one call.
import { DriverHost } from '../../drivers/device-manager/host-supervisor';
import type { HostSpawner } from '../../drivers/device-manager/host-supervisor';
import { DeviceManager } from '../../drivers/device-manager/manager';
import { remoteHidOpener } from '../../drivers/device-manager/remote-hid';
import type { HidOpener } from '../../drivers/device-manager/remote-hid';
import { remoteSerialOpener } from '../../drivers/device-manager/remote-serial';
import { TrafficRegistry, tapHid } from '../../drivers/device-manager/traffic';
import type { HidLike } from '../../drivers/device-manager/traffic';
import type { DevicesStationOptions } from './devices';
import { fingerprintArgFromChoice, readDeviceChoice } from './devices';
import type { SignatureTestPort } from './device-self-test';
import { createFingerprintDevice } from './fingerprint-device';
import type { FingerprintDevice, FingerprintDeviceConfig } from './fingerprint-device';
import type { Logger } from './log';
import { fingerprintTrafficRedactor } from '../../drivers/fingerprint/traffic-redactor';

export interface DeviceStartupOptions {
  dataDir: string;
  /** The host's `--fingerprint` choice; plain `auto` defers to the technician's choice. */
  fingerprint: FingerprintDeviceConfig;
  /** null: no driver host (enumeration off); the scanner still works in-process. */
  spawn: HostSpawner | null;
  log: Logger;
  pollMs?: number;
}

export interface StartedDevices {
  fingerprint: FingerprintDevice;
  traffic: TrafficRegistry;
  host: DriverHost | null;
  manager: DeviceManager | null;
  /** Pass as `openStation({ devices })`. */
  stationOptions: DevicesStationOptions;
  /** The pad for the signature self-test, once the signature module has created it. */
  setSignature(port: (() => SignatureTestPort | null) | null): void;
  /** Wraps a HID device so the pad's reports show in the traffic view. */
  tapSignature<T extends HidLike>(device: T): T;
  /**
   * Pass as `createSignatureDevice(…, { openHid })`: opens the pad in the driver host child
   * (undefined without a driver host: node-hid then runs in this process).
   */
  openHid: HidOpener | undefined;
  close(): Promise<void>;
}

/** `--fingerprint auto` (no port) + a remembered choice → that port, or the simulator. */
export function applyFingerprintChoice(
  cfg: FingerprintDeviceConfig,
  dataDir: string,
): FingerprintDeviceConfig {
  if (cfg.mode !== 'auto' || cfg.path) return cfg;
  const arg = fingerprintArgFromChoice(readDeviceChoice(dataDir).fingerprint);
  if (arg === 'simulated') return { ...cfg, mode: 'simulated' };
  return arg ? { ...cfg, path: arg } : cfg;
}

export function startDevices(opts: DeviceStartupOptions): StartedDevices {
  const traffic = new TrafficRegistry();
  const host = opts.spawn ? new DriverHost({ spawn: opts.spawn, log: opts.log }).start() : null;
  const fingerprint = createFingerprintDevice(
    applyFingerprintChoice(opts.fingerprint, opts.dataDir),
    {
      log: opts.log,
      tap: (t) => traffic.tap('fingerprint', t, fingerprintTrafficRedactor()),
      // The scanner's serial ports are opened in the driver host child: a crash in native
      // serial code then costs a reconnect, not the recording session.
      ...(host ? { openSerial: remoteSerialOpener(host) } : {}),
    },
  );
  const manager = host
    ? new DeviceManager({
        host,
        ...(opts.pollMs ? { pollMs: opts.pollMs } : {}),
        // The scanner's own port is never probed: it is already open for the scanner.
        inUse: () => {
          const p = fingerprint.info('en').path;
          return new Set(p ? [p] : []);
        },
      })
    : null;
  // Probe only once the scanner has finished its own discovery, so the two never race for a port.
  let stopped = false;
  void fingerprint.ready().then(() => {
    if (!stopped) manager?.start();
  });
  let signature: (() => SignatureTestPort | null) | null = null;
  return {
    fingerprint,
    traffic,
    host,
    manager,
    stationOptions: {
      manager,
      traffic,
      signature: () => signature?.() ?? null,
    },
    setSignature(port) {
      signature = port;
    },
    tapSignature: (device) => tapHid(device, traffic.ring('signature')),
    // Like the scanner's ports: a crash in node-hid costs the pad a reconnect, not the session.
    openHid: host ? remoteHidOpener(host) : undefined,
    async close() {
      stopped = true;
      manager?.stop();
      // The scanner first: its ports live in the driver host and close through it.
      await fingerprint.close();
      await host?.close();
    },
  };
}
