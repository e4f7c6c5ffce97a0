import { chmodSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forkSpawner } from '../../../drivers/device-manager/host-supervisor';
import { startDevices } from '../../services/devices/startup';
import { createLogger } from '../../services/common/log';
import { createSignatureDevice } from '../../services/devices/signature-device';
import { padTestPort } from '../../services/devices/signature-self-test-port';
import { TEST_ONLY_PARAMS } from '../../services/accounts/passwords';
import { openStation } from '../../services/station/station';
import { fileKeyProvider } from '../../store/key-file';
import { USAGE, UsageError, canOpenBrowser, parseBrowserHostArgs } from './cli';
import { openInBrowser } from './open-url';
import { startBrowserServer } from './server';

// Entry of the browser host: built as out/main/browser-host.js (`npm run start:browser` runs it
// with plain Node, nothing transpiled at start), or from source with `npx tsx
// src-main/hosts/browser/main.ts`.
const here = path.dirname(fileURLToPath(import.meta.url));
const built = !import.meta.url.endsWith('.ts');
const repoRoot = built ? path.resolve(here, '..', '..') : path.resolve(here, '..', '..', '..');

const log = (line: string) => process.stderr.write(`[rekam-browser] ${line}\n`);

async function main(): Promise<number> {
  let args;
  try {
    args = parseBrowserHostArgs(process.argv.slice(2), repoRoot);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(USAGE);
    return 0;
  }

  // 0700: the folder holds the database and, for this host, its key file.
  const created = mkdirSync(args.dataDir, { recursive: true, mode: 0o700 });
  if (created && process.platform !== 'win32') chmodSync(args.dataDir, 0o700);

  const version = (
    JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }
  ).version;
  // The host owns the scanner so it can wait for it (and a simulator's socat) to stop on exit.
  const logger = createLogger({ dataDir: args.dataDir });
  // Enumeration, probing and the scanner's serial I/O run in a child process (a native crash
  // must not end the desk); the child is restarted and the scanner reconnects by itself.
  const devices = startDevices({
    dataDir: args.dataDir,
    fingerprint: args.fingerprint,
    // Built: the driver host's bundle next to this one (the same the desktop app runs).
    spawn: built ? forkSpawner(path.join(here, 'device-host.js')) : forkSpawner(),
    log: logger,
  });
  const fingerprint = devices.fingerprint;
  const signature = createSignatureDevice(args.signature, {
    log: logger,
    tap: (d) => devices.tapSignature(d),
    ...(devices.openHid ? { openHid: devices.openHid } : {}),
    ...(devices.listHid ? { listHid: devices.listHid } : {}),
  });
  devices.setSignature(() =>
    padTestPort({
      driver: signature.driver,
      info: signature.info,
      simulateDraw: signature.simulated ? () => signature.simulate('signature') : null,
    }),
  );
  let station;
  try {
    station = openStation({
      dataDir: args.dataDir,
      resourcesDir: path.join(repoRoot, 'resources'),
      host: 'browser',
      version,
      keyProvider: fileKeyProvider,
      logger,
      fingerprint: { instance: fingerprint },
      signature: { instance: signature },
      devices: devices.stationOptions,
      office: {
        makeHub: args.office.makeHub,
        hubPort: args.office.hubPort,
        hubHost: args.office.hubHost,
        helloMs: args.office.helloMs,
      },
      ...(args.testFastPasswords ? { passwordHashing: TEST_ONLY_PARAMS } : {}),
    });
  } catch (err) {
    await Promise.all([devices.close(), signature.close()]);
    throw err;
  }

  let server;
  try {
    server = await startBrowserServer({
      station,
      rendererDir: args.rendererDir,
      port: args.port,
      log,
    });
  } catch (err) {
    station.close();
    await Promise.all([devices.close(), signature.close()]);
    const code = (err as NodeJS.ErrnoException).code;
    process.stderr.write(
      code === 'EADDRINUSE'
        ? `Port ${args.port} sudah dipakai program lain / port already in use. Pakai --port lain.\n`
        : `Host peramban gagal dimulai / browser host failed to start: ${code ?? (err as Error).message}\n`,
    );
    return 1;
  }

  // The outbox runner starts once the host is up; station.close() stops it.
  station.startSync();
  // The office hub's LAN service (or a desk's link to its hub); a station works alone without.
  try {
    await station.startOffice();
  } catch (err) {
    log(
      `office hub did not start: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  const hubUrl = station.officeHubUrl();
  if (hubUrl) process.stdout.write(`REKAM_HUB=${hubUrl}\n`);

  process.stdout.write(
    `Rekam (host peramban / browser host) siap di ${server.origin} — buka tautan berikut / open this link:\n` +
      `REKAM_URL=${server.url}\n`,
  );
  log(`data dir: ${args.dataDir}`);
  void fingerprint.ready().then(() => {
    const fp = fingerprint.info('en');
    log(
      `fingerprint scanner: ${fp.simulated ? 'SIMULATED' : fp.state}${fp.path ? ` on ${fp.path}` : ''}`,
    );
  });
  if (args.open && canOpenBrowser()) openInBrowser(server.url);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // Second Ctrl+C: the operator wants out now; SQLite's WAL keeps the data consistent.
      process.exit(130);
    }
    stopping = true;
    log(`${signal}: shutting down`);
    server
      .close()
      .catch(() => {})
      .finally(() => {
        try {
          station.close();
        } finally {
          void Promise.all([devices.close(), signature.close()]).finally(() => process.exit(0));
        }
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return -1; // keep running
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: unknown) => {
    // Startup errors (wrong key, newer database…) carry no personal data; show their text.
    process.stderr.write(
      `Host peramban gagal dimulai / browser host failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exit(1);
  },
);
