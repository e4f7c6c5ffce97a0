// Device start-up shared by both hosts: the scanner (with the technician's remembered choice
// and its traffic tapped), the driver host child process that enumerates and probes devices,
// and the device manager on top of it. Hosts inject how the child is spawned (fork here,
// Electron's utilityProcess in the desktop app) and close everything with one call.
import { DriverHost } from '../../../drivers/device-manager/host-supervisor';
import type { HostSpawner } from '../../../drivers/device-manager/host-supervisor';
import { DeviceManager } from '../../../drivers/device-manager/manager';
import { remoteHidLister, remoteHidOpener } from '../../../drivers/device-manager/remote-hid';
import type { HidLister, HidOpener } from '../../../drivers/device-manager/remote-hid';
import { remoteSerialOpener } from '../../../drivers/device-manager/remote-serial';
import { TrafficRegistry, tapHid } from '../../../drivers/device-manager/traffic';
import type { HidLike } from '../../../drivers/device-manager/traffic';
import type { PrinterPort } from '../../api/contract-queue';
import type { DevicesStationOptions } from './devices';
import { fingerprintArgFromChoice, readDeviceChoice } from './device-choice';
import type { SignatureTestPort } from './self-test';
import { createFingerprintDevice } from './fingerprint-device';
import type { FingerprintDevice } from './fingerprint-device';
import type { FingerprintDeviceConfig } from './fingerprint-device-config';
import type { Logger } from '../common/log';
import { fingerprintTrafficRedactor } from '../../../drivers/fingerprint/traffic-redactor';

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
  /** Pass as `createSignatureDevice(…, { listHid })`: `--signature auto`'s list, in the child. */
  listHid: HidLister | undefined;
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
  const openSerial = host ? remoteSerialOpener(host) : undefined;
  const fingerprint = createFingerprintDevice(
    applyFingerprintChoice(opts.fingerprint, opts.dataDir),
    {
      log: opts.log,
      tap: (t) => traffic.tap('fingerprint', t, fingerprintTrafficRedactor()),
      // The scanner's serial ports are opened in the driver host child: a crash in native
      // serial code then costs a reconnect, not the recording session.
      ...(openSerial ? { openSerial } : {}),
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
      // The queue's thermal printer: its port opens in the child like the scanner's, at each
      // print, so a port chosen on the technician screen is used by the next print.
      ...(openSerial ? { openSerial } : {}),
      ...(host ? { listSerialPorts: () => serialPorts(host) } : {}),
    },
    setSignature(port) {
      signature = port;
    },
    tapSignature: (device) => tapHid(device, traffic.ring('signature')),
    // Like the scanner's ports: a crash in node-hid costs the pad a reconnect, not the session.
    openHid: host ? remoteHidOpener(host) : undefined,
    listHid: host ? remoteHidLister(host) : undefined,
    async close() {
      stopped = true;
      manager?.stop();
      // The scanner first: its ports live in the driver host and close through it.
      await fingerprint.close();
      await host?.close();
    },
  };
}

/** Serial ports as the driver host child enumerates them (serialport's list runs there). */
async function serialPorts(host: DriverHost): Promise<PrinterPort[]> {
  const { devices } = await host.request('enumerate', {});
  return devices
    .filter((d) => d.kind === 'serial')
    .map((d) => {
      const ids =
        d.vendorId !== null && d.productId !== null
          ? `${hex4(d.vendorId)}:${hex4(d.productId)}`
          : null;
      const label = [d.manufacturer, ids].filter(Boolean).join(' ');
      return { path: d.path, label: label || null };
    });
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');
