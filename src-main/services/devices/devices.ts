// The station's view of its devices for the technician: one entry per device (the scanner and
// pad in use, the camera the renderer reports, and whatever else the device manager finds
// plugged in), the chosen device per modality, self-tests and the raw traffic of each device.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { DeviceEntry, DeviceState, SelfTestResult, StatusEvent } from '../../api/contract';
import type { PrinterPort } from '../../api/contract-queue';
import { fail, ok } from '../../api/reply';
import type { DeviceManager, ManagedDevice } from '../../../drivers/device-manager/manager';
import type { ByteTransport } from '../../../drivers/transport/byte-transport';
import { VENDOR_PEN_DRIVER } from '../../../drivers/device-manager/matching';
import { TrafficRegistry } from '../../../drivers/device-manager/traffic';
import { getSetting, setSetting } from '../../store/settings-repo';
import type { Audit } from '../common/audit';
import { fingerprintSelfTest, signatureSelfTest } from './self-test';
import type { SignatureTestPort } from './self-test';
import type { FingerprintDevice } from './fingerprint-device';
import type { Logger } from '../common/log';
import { defineMessages, translator, type Locale } from '../../domain/i18n';
import type { HandlersFor } from '../../api/handlers';

export type { SignatureTestPort };

export type DevicesMethod =
  | 'devices.list'
  | 'devices.choose'
  | 'devices.selfTest'
  | 'devices.reportCamera'
  | 'devices.traffic';

export type DevicesHandlers = HandlersFor<DevicesMethod>;

/** What a host hands the station (all optional: tests of other features pass nothing). */
export interface DevicesStationOptions {
  /** Enumeration + hot-plug through the driver host child process. */
  manager?: DeviceManager | null;
  /** Raw-traffic rings; the host creates it so the scanner's transport can be tapped. */
  traffic?: TrafficRegistry;
  /** The signature pad as the self-test sees it. */
  signature?: () => SignatureTestPort | null;
  /** Opens serial ports in the driver host child (the queue's thermal printer). */
  openSerial?: (path: string, baud: number) => Promise<ByteTransport>;
  /** The serial ports the driver host enumerates (the technician's printer choice). */
  listSerialPorts?: () => Promise<PrinterPort[]>;
  fingerprintFingerTimeoutMs?: number;
  signatureDrawMs?: number;
}

export interface DevicesDeps {
  db: Database;
  dataDir: string;
  now: () => Date;
  locale: () => Locale;
  audit: Audit;
  log: Logger;
  fingerprint: () => FingerprintDevice | null;
  status: () => StatusEvent;
  onStatus: (listener: (s: StatusEvent) => void) => () => void;
  emitStatus: (patch: Partial<StatusEvent>) => void;
  emitChanged: (list: DeviceEntry[]) => void;
  options?: DevicesStationOptions;
}

export interface Devices {
  handlers: DevicesHandlers;
  list(): DeviceEntry[];
  /** The last self-test of each modality (for the diagnostics export; strip images there). */
  lastSelfTests(): SelfTestResult[];
  traffic: TrafficRegistry;
  close(): void;
}

export const SIM_FINGERPRINT_ID = 'sim:fingerprint';
const LIST_REFRESH_WAIT_MS = 1500;
export const SIM_SIGNATURE_ID = 'sim:signature';
const SETTING_CHOSEN = (m: 'fingerprint' | 'signature') => `devices.chosen.${m}`;
/**
 * The choice is also kept in a small plain file next to the database: the hosts create the
 * scanner before the (encrypted) store is open, and a port path is no secret.
 */
export const CHOICE_FILE = 'device-choice.json';

export interface DeviceChoice {
  fingerprint?: string;
  signature?: string;
}

export function readDeviceChoice(dataDir: string): DeviceChoice {
  try {
    const v = JSON.parse(readFileSync(path.join(dataDir, CHOICE_FILE), 'utf8')) as unknown;
    if (!v || typeof v !== 'object') return {};
    const o = v as Record<string, unknown>;
    const pick = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
    const out: DeviceChoice = {};
    const f = pick('fingerprint');
    const s = pick('signature');
    if (f) out.fingerprint = f;
    if (s) out.signature = s;
    return out;
  } catch {
    return {};
  }
}

function writeDeviceChoice(dataDir: string, choice: DeviceChoice): void {
  const file = path.join(dataDir, CHOICE_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(choice), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}

/** A chosen device id as the hosts' `--fingerprint` understands it (path, 'simulated'). */
export function fingerprintArgFromChoice(id: string | undefined): string | undefined {
  if (!id) return undefined;
  if (id === SIM_FINGERPRINT_ID) return 'simulated';
  return id.startsWith('serial:') ? id.slice('serial:'.length) : undefined;
}

const TEXT = defineMessages('services/devices/devices', {
  simFingerprint: { id: 'Pemindai sidik jari SIMULASI', en: 'SIMULATED fingerprint scanner' },
  realFingerprint: { id: 'Modul sidik jari (ZFM/R30x)', en: 'Fingerprint module (ZFM/R30x)' },
  simSignature: { id: 'Pad tanda tangan SIMULASI', en: 'SIMULATED signature pad' },
  realSignature: { id: 'Pad tanda tangan', en: 'Signature pad' },
  camera: { id: 'Kamera', en: 'Camera' },
  probing: { id: 'Sedang diperiksa…', en: 'Being probed…' },
  silent: {
    id: 'Port ada, tetapi modul sidik jari tidak menjawab: {e}',
    en: 'Port present, but no fingerprint module answered: {e}',
  },
  inUse: { id: 'Dipakai oleh pemindai aktif', en: 'In use by the active scanner' },
  vendorPen: {
    id: 'Pena ini hanya mengirim data di halaman vendor (bukan HID Digitizer standar): belum didukung. Pakai Wacom STU atau pad pena HID standar.',
    en: 'This pen sends its data only on a vendor-specific page (not standard HID Digitizer): not supported yet. Use a Wacom STU or a standard HID pen pad.',
  },
  hostDown: {
    id: 'Proses driver perangkat berhenti; sedang dimulai ulang.',
    en: 'The device driver process stopped; restarting it.',
  },
  unknownDevice: {
    id: 'Perangkat tidak ditemukan. Muat ulang daftar perangkat.',
    en: 'Device not found. Reload the device list.',
  },
  wrongModality: {
    id: 'Perangkat ini bukan untuk {m}.',
    en: 'This device is not for {m}.',
  },
  selfTestBusy: {
    id: 'Uji mandiri {m} masih berjalan. Tunggu sampai selesai.',
    en: 'The {m} self-test is still running. Wait for it to finish.',
  },
  fingerprint: { id: 'sidik jari', en: 'fingerprints' },
  signature: { id: 'tanda tangan', en: 'signatures' },
});
const t = translator(TEXT);

interface CameraReport {
  state: 'connected' | 'missing' | 'error';
  label: string;
  width: number;
  height: number;
  frameRate: number;
  message?: string;
}

export function createDevices(deps: DevicesDeps): Devices {
  const { db, audit, log } = deps;
  const L = deps.locale;
  const opts = deps.options ?? {};
  const manager = opts.manager ?? null;
  const traffic = opts.traffic ?? new TrafficRegistry();
  const signaturePort = opts.signature ?? (() => null);
  let camera: CameraReport | null = null;
  const lastTests = new Map<'fingerprint' | 'signature', SelfTestResult>();
  const running = new Set<'fingerprint' | 'signature'>();

  const chosen = (m: 'fingerprint' | 'signature') => getSetting(db, SETTING_CHOSEN(m));
  const managed = () => manager?.list() ?? [];

  function fingerprintEntry(): DeviceEntry | null {
    const dev = deps.fingerprint();
    if (!dev) return null;
    const info = dev.info(L());
    const seen = info.path ? managed().find((d) => d.path === info.path) : undefined;
    return {
      id: info.simulated ? SIM_FINGERPRINT_ID : (seen?.id ?? `serial:${info.path ?? '?'}`),
      modality: 'fingerprint',
      name: info.simulated
        ? t(L(), 'simFingerprint')
        : (seen?.match.name ?? t(L(), 'realFingerprint')),
      vendorId: seen?.vendorId ?? null,
      productId: seen?.productId ?? null,
      serial: seen?.serial ?? null,
      firmware: info.sensor
        ? `sys 0x${info.sensor.systemId.toString(16).toUpperCase()}, cap ${info.sensor.capacity}`
        : null,
      driver: 'zfm-uart',
      path: info.simulated ? null : info.path,
      state: info.state,
      simulated: info.simulated,
      chosen: false,
      lastError: info.message,
    };
  }

  function signatureEntry(): DeviceEntry | null {
    const pad = signaturePort();
    if (!pad) return null;
    const info = pad.info(L());
    const seen = info.simulated
      ? undefined
      : managed().find((d) => d.vendorId === info.vendorId && d.productId === info.productId);
    return {
      id: info.simulated ? SIM_SIGNATURE_ID : (seen?.id ?? `hid:${info.model ?? 'pad'}`),
      modality: 'signature',
      name: info.simulated
        ? `${t(L(), 'simSignature')}${info.model ? ` (${info.model})` : ''}`
        : (info.model ?? seen?.match.name ?? t(L(), 'realSignature')),
      vendorId: info.vendorId,
      productId: info.productId,
      serial: seen?.serial ?? null,
      firmware: seen?.release != null ? `0x${seen.release.toString(16)}` : null,
      driver: seen?.match.driver ?? (info.vendorId === 0x056a ? 'wacom-stu' : 'hid-digitizer'),
      path: seen?.path ?? null,
      state: info.state,
      simulated: info.simulated,
      chosen: false,
      lastError: info.message,
    };
  }

  function managedEntry(d: ManagedDevice): DeviceEntry {
    let state: DeviceState = 'connected';
    let lastError: string | null = null;
    switch (d.probe.state) {
      case 'pending':
        state = 'pending';
        lastError = t(L(), 'probing');
        break;
      case 'silent':
        state = 'error';
        lastError = t(L(), 'silent', { e: d.probe.error });
        break;
      case 'skipped':
        lastError = t(L(), 'inUse');
        break;
      default:
    }
    if (d.match.driver === VENDOR_PEN_DRIVER) {
      state = 'error';
      lastError = t(L(), 'vendorPen');
    }
    if (manager?.hostState === 'down') lastError = t(L(), 'hostDown');
    return {
      id: d.id,
      modality: d.match.modality,
      name: d.match.name,
      vendorId: d.vendorId,
      productId: d.productId,
      serial: d.serial,
      firmware:
        d.probe.state === 'answered'
          ? `sys 0x${d.probe.systemId.toString(16).toUpperCase()}, cap ${d.probe.capacity}`
          : d.release != null
            ? `0x${d.release.toString(16)}`
            : null,
      driver: d.match.driver,
      path: d.path,
      state,
      simulated: false,
      chosen: false,
      lastError,
    };
  }

  function cameraEntry(): DeviceEntry {
    const state = camera?.state ?? deps.status().devices.camera;
    const size = camera && camera.width > 0 ? ` — ${camera.width}×${camera.height}` : '';
    const fps = camera && camera.frameRate > 0 ? ` @ ${Math.round(camera.frameRate)} fps` : '';
    return {
      id: 'camera',
      modality: 'camera',
      name: `${camera?.label || t(L(), 'camera')}${size}${fps}`,
      vendorId: null,
      productId: null,
      serial: null,
      firmware: null,
      driver: 'getUserMedia',
      path: null,
      state,
      simulated: false,
      chosen: true,
      lastError: camera?.message ?? null,
    };
  }

  function list(): DeviceEntry[] {
    const fp = fingerprintEntry();
    const sig = signatureEntry();
    const active = [fp, sig].filter((e): e is DeviceEntry => e !== null);
    const activeIds = new Set(active.map((e) => e.id));
    const others = managed()
      .filter((d) => !activeIds.has(d.id))
      .map(managedEntry);
    const all = [cameraEntry(), ...active, ...others];
    for (const m of ['fingerprint', 'signature'] as const) {
      const c = chosen(m);
      const activeOne = m === 'fingerprint' ? fp : sig;
      const target = all.find((e) => e.modality === m && e.id === c) ?? (c ? null : activeOne);
      if (target) target.chosen = true;
    }
    return all;
  }

  let lastSent = '';
  function changed(): void {
    const l = list();
    const key = JSON.stringify(l);
    if (key === lastSent) return;
    lastSent = key;
    deps.emitChanged(l);
  }

  const offStatus = deps.onStatus(() => changed());
  const onManager = () => changed();
  manager?.on('changed', onManager);
  manager?.on('host', onManager);

  function trafficKey(deviceId: string): string | null {
    if (deviceId === 'fingerprint' || deviceId === 'signature') return deviceId;
    const l = list();
    const e = l.find((x) => x.id === deviceId);
    if (!e) return traffic.has(deviceId) ? deviceId : null;
    if (e.modality === 'fingerprint' && e.id === fingerprintEntry()?.id) return 'fingerprint';
    if (e.modality === 'signature' && e.id === signatureEntry()?.id) return 'signature';
    return deviceId;
  }

  const handlers: DevicesHandlers = {
    'devices.list': () => {
      // Enumerate now rather than up to a poll period ago: the technician just plugged it in.
      // A stuck driver host must not stall the screen: after a moment, answer with what we know.
      const fresh = manager
        ? Promise.race([
            manager.refresh().catch(() => undefined),
            new Promise<void>((r) => setTimeout(r, LIST_REFRESH_WAIT_MS).unref()),
          ])
        : Promise.resolve();
      return fresh.then(() => ok(list()));
    },

    'devices.choose': (input, { actor }) => {
      const e = list().find((x) => x.id === input.deviceId);
      if (!e) return fail('NOT_FOUND', t(L(), 'unknownDevice'));
      if (e.modality !== input.modality) {
        return fail('VALIDATION', t(L(), 'wrongModality', { m: t(L(), input.modality) }));
      }
      if (e.driver === VENDOR_PEN_DRIVER) return fail('VALIDATION', t(L(), 'vendorPen'));
      db.transaction(() => {
        setSetting(db, SETTING_CHOSEN(input.modality), e.id);
        audit.record(actor, 'devices.chosen', `${input.modality}:${e.driver}`);
      })();
      try {
        writeDeviceChoice(deps.dataDir, {
          ...readDeviceChoice(deps.dataDir),
          [input.modality]: e.id,
        });
      } catch (err) {
        log.warn('device choice file not written', { error: (err as Error).message });
      }
      changed();
      return ok(null);
    },

    'devices.selfTest': async (input, { actor }) => {
      const m = input.modality;
      if (running.has(m)) return fail('CONFLICT', t(L(), 'selfTestBusy', { m: t(L(), m) }));
      running.add(m);
      try {
        const result =
          m === 'fingerprint'
            ? await fingerprintSelfTest(deps.fingerprint(), {
                locale: L(),
                now: deps.now,
                ...(opts.fingerprintFingerTimeoutMs
                  ? { fingerTimeoutMs: opts.fingerprintFingerTimeoutMs }
                  : {}),
              })
            : await signatureSelfTest(signaturePort(), {
                locale: L(),
                now: deps.now,
                ...(opts.signatureDrawMs ? { drawMs: opts.signatureDrawMs } : {}),
              });
        lastTests.set(m, result);
        audit.record(actor, 'devices.self-test', `${m}:${result.ok ? 'ok' : 'failed'}`);
        log.info('device self-test', {
          modality: m,
          ok: result.ok,
          failed: result.steps
            .filter((s) => !s.ok)
            .map((s) => s.name)
            .join(', '),
        });
        return ok(result);
      } finally {
        running.delete(m);
      }
    },

    'devices.reportCamera': (input) => {
      camera = {
        state: input.state,
        label: input.label,
        width: input.width,
        height: input.height,
        frameRate: input.frameRate,
        ...(input.message ? { message: input.message } : {}),
      };
      if (deps.status().devices.camera !== input.state) {
        deps.emitStatus({ devices: { ...deps.status().devices, camera: input.state } });
      }
      changed();
      return ok(null);
    },

    'devices.traffic': (input) => {
      const key = trafficKey(input.deviceId);
      if (key === null) return fail('NOT_FOUND', t(L(), 'unknownDevice'));
      return ok(traffic.has(key) ? traffic.ring(key).after(input.after) : []);
    },
  };

  return {
    handlers,
    list,
    lastSelfTests: () => [...lastTests.values()],
    traffic,
    close() {
      offStatus();
      manager?.off('changed', onManager);
      manager?.off('host', onManager);
    },
  };
}
