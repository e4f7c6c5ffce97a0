import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { app, utilityProcess } from 'electron';
import type { HostSpawner } from '../../../drivers/device-manager/host-supervisor';
import type { createLogger } from '../../services/common/log';
import { fingerprintConfigFromArgs } from '../../services/devices/fingerprint-device-config';
import {
  createSignatureDevice,
  signatureConfigFromArgs,
} from '../../services/devices/signature-device';
import { padTestPort } from '../../services/devices/signature-self-test-port';
import type { StartedDevices } from '../../services/devices/startup';

/*
 * What the Electron main process hands the station about its devices and native code: the
 * driver host's utilityProcess, the signature pad and fingerprint scanner chosen on the command
 * line, and the Electron build of better-sqlite3.
 */

export const log = (line: string) => console.log(`[rekam] ${line}`);

/**
 * The driver host runs in a utilityProcess (native device code out of the main process). It
 * is built as out/main/device-host.js (beside the main bundle, `mainDir`); without that file, enumeration is off and only the
 * in-process scanner is used.
 */
export function deviceHostSpawner(mainDir: string): HostSpawner | null {
  const entry = path.join(mainDir, 'device-host.js');
  if (!existsSync(entry)) {
    log('device host not built; device enumeration off');
    return null;
  }
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Rekam device host' });
    return {
      get pid() {
        return child.pid;
      },
      send: (m) => child.postMessage(m),
      onMessage: (l) => child.on('message', l),
      onExit: (l) => child.once('exit', (code) => l(code, null)),
      kill: () => void child.kill(),
    };
  };
}

/** `--signature auto|simulated|simulated-generic|none`, as for the browser host. */
export function signatureDevice(started: StartedDevices, logger: ReturnType<typeof createLogger>) {
  const { values } = parseArgs({
    args: process.argv.slice(1),
    strict: false,
    allowPositionals: true,
    options: { signature: { type: 'string' } },
  });
  let cfg;
  try {
    cfg = signatureConfigFromArgs(
      typeof values.signature === 'string' ? values.signature : undefined,
    );
  } catch (err) {
    log(`warning: ${(err as Error).message}; using --signature auto`);
    cfg = signatureConfigFromArgs(undefined);
  }
  const pad = createSignatureDevice(cfg, {
    log: logger,
    tap: (d) => started.tapSignature(d),
    ...(started.openHid ? { openHid: started.openHid } : {}),
    ...(started.listHid ? { listHid: started.listHid } : {}),
  });
  started.setSignature(() =>
    padTestPort({
      driver: pad.driver,
      info: pad.info,
      simulateDraw: pad.simulated ? () => pad.simulate('signature') : null,
    }),
  );
  return pad;
}

/** `--fingerprint auto|simulated|none|<path>` and `--sim-speed N`, as for the browser host. */
export function fingerprintConfig() {
  const { values } = parseArgs({
    args: process.argv.slice(1),
    strict: false,
    allowPositionals: true,
    options: { fingerprint: { type: 'string' }, 'sim-speed': { type: 'string' } },
  });
  const fp = typeof values.fingerprint === 'string' ? values.fingerprint : undefined;
  const speed = typeof values['sim-speed'] === 'string' ? values['sim-speed'] : undefined;
  try {
    return fingerprintConfigFromArgs(fp, speed);
  } catch (err) {
    log(`warning: ${(err as Error).message}; using --fingerprint auto`);
    return fingerprintConfigFromArgs(undefined, undefined);
  }
}

/**
 * better-sqlite3 built for Electron's ABI (node_modules holds the Node build the tests use).
 * Packaged: shipped by electron-builder as an extra resource. Dev: built by
 * scripts/electron-native.mjs into .electron-native/<electron version>/.
 */
export function sqliteNativeBinding(): string | undefined {
  const file = app.isPackaged
    ? path.join(process.resourcesPath, 'native', 'better_sqlite3.node')
    : path.join(
        app.getAppPath(),
        '.electron-native',
        process.versions.electron ?? '',
        'better_sqlite3.node',
      );
  if (existsSync(file)) return file;
  log(
    `warning: Electron build of better-sqlite3 not found at ${file}; run node scripts/electron-native.mjs`,
  );
  return undefined;
}
