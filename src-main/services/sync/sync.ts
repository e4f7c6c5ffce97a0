// The sync.* methods and the glue between the runner and the station: persisted pause, the
// `sync.progress` event and the sync part of the `status` event.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { StatusEvent, SyncStatus } from '../../api/contract';
import { ok } from '../../api/reply';
import { getSetting, setSetting } from '../../store/settings-repo';
import type { Audit } from '../common/audit';
import type { Central } from './central';
import { baseUrl } from './central';
import type { Logger } from '../common/log';
import type { Locale } from '../../domain/i18n';
import { createSyncRunner } from '../../sync/runner';
import type { NetworkState, SyncOptions, SyncRunner } from '../../sync/runner';
import type { HandlersFor } from '../../api/handlers';

export const SETTING_SYNC_PAUSED = 'sync.paused';

export type SyncMethod = 'sync.status' | 'sync.setPaused' | 'sync.now';
export type SyncHandlers = HandlersFor<SyncMethod>;

export interface SyncServiceDeps {
  db: Database;
  now: () => Date;
  locale: () => Locale;
  audit: Audit;
  log: Logger;
  central: Central;
  stationId: () => string | null;
  emitProgress(s: SyncStatus): void;
  emitStatus(patch: Partial<StatusEvent>): void;
  housekeeping?(): void;
  options?: Partial<SyncOptions>;
}

export interface SyncService {
  handlers: SyncHandlers;
  runner: SyncRunner;
  /** Starts uploading (hosts call it; tests that do not want network traffic never do). */
  start(): void;
  stop(): void;
  wake(): void;
}

/** The status event's coarser view of the runner's state. */
export function statusSyncPart(s: SyncStatus): StatusEvent['sync'] {
  const state =
    s.state === 'paused' || s.state === 'not-configured' || s.state === 'syncing'
      ? s.state
      : 'idle';
  return { pending: s.pendingPackets, state };
}

export function createSyncService(deps: SyncServiceDeps): SyncService {
  const { db, audit } = deps;
  let lastStatusKey = '';

  const runner = createSyncRunner(
    {
      db,
      now: deps.now,
      locale: deps.locale,
      log: deps.log,
      target() {
        const t = deps.central.target();
        return t
          ? {
              url: baseUrl(t.url),
              registered: t.registered,
              tlsPin: t.tlsPin,
              verdictKeyPem: t.verdictKeyPem,
            }
          : null;
      },
      stationPrivateKeyPem: () => deps.central.stationKeys().privateKeyPem,
      onTlsMismatch: (pin) => deps.central.noteTlsMismatch(pin),
      onUnverifiedVerdict: (packetId, why) => deps.central.noteUnverifiedVerdict(packetId, why),
      stationId: deps.stationId,
      onStatus(s: SyncStatus, network: NetworkState) {
        deps.emitProgress(s);
        const part = statusSyncPart(s);
        const key = `${part.state}|${part.pending}|${network}`;
        if (key !== lastStatusKey) {
          lastStatusKey = key;
          deps.emitStatus({ sync: part, network });
        }
      },
      ...(deps.housekeeping ? { housekeeping: deps.housekeeping } : {}),
    },
    deps.options,
  );
  if (getSetting(db, SETTING_SYNC_PAUSED) === '1') runner.setPaused(true);

  const handlers: SyncHandlers = {
    'sync.status': () => ok(runner.status()),
    'sync.setPaused': (input, { actor }) => {
      db.transaction(() => {
        setSetting(db, SETTING_SYNC_PAUSED, input.paused ? '1' : '0');
        audit.record(actor, input.paused ? 'sync.paused' : 'sync.resumed', null);
      })();
      runner.setPaused(input.paused);
      return ok(runner.status());
    },
    'sync.now': () => {
      runner.wake();
      return ok(runner.status());
    },
  };

  return {
    handlers,
    runner,
    start: () => runner.start(),
    stop: () => runner.stop(),
    wake: () => runner.wake(),
  };
}
