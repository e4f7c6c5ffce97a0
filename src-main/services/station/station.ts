import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { methods } from '../../api/contract';
import type {
  AppInfo,
  EventName,
  EventPayloads,
  MethodName,
  SessionInfo,
  StatusEvent,
} from '../../api/contract';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { databasePath, openDatabase } from '../../store/db';
import type { KeyProvider } from '../../store/key-file';
import { schemaVersion } from '../../store/migrate';
import { getSetting, setSetting } from '../../store/settings-repo';
import { getSignature } from '../../store/signatures-repo';
import { getStation, insertStation } from '../../store/station-repo';
import { insertUser, recordLogin } from '../../store/users-repo';
import { createAccounts, passwordPolicyReply } from '../accounts/accounts';
import { createAudit } from '../common/audit';
import { createCentral, ensureStationKeys } from '../sync/central';
import { createDeskDrafts } from '../recording/desk-drafts';
import { createFinish } from '../recording/finish';
import { openHandover, retainForHandover } from '../handover/index';
import { createSealGuard } from '../recording/seal-guard';
import { createQueue } from '../queue/queue';
import { createOffice } from '../office/office';
import type { OfficeOptions } from '../office/office';
import { createApproval } from '../supervisor/approval';
import { DEFAULT_SUPERVISOR_SETTINGS } from '../../api/contract-supervisor';
import { SETTING_KEYS, createFreeze } from '../supervisor/freeze';
import { createRecap } from '../supervisor/recap';
import { runHousekeeping } from './housekeeping';
import type { HousekeepingRun } from './housekeeping';
import { createSyncService } from '../sync/sync';
import type { SyncOptions } from '../../sync/runner';
import { createDevices } from '../devices/devices';
import type { DevicesStationOptions } from '../devices/devices';
import { createDiagnostics } from '../diagnostics/diagnostics';
import { createExports } from '../exports/index';
import { openFingerprints } from '../recording/fingerprints';
import { createPhotos } from '../recording/photos';
import { openSignatures } from '../recording/signature';
import type { SignatureStationOptions } from '../recording/signature';
import type { FaceDetector } from '../../imaging/face-detector';
import type { FingerprintStationOptions } from '../recording/fingerprints';
import type { Actor } from '../common/audit';
import { newId } from '../common/ids';
import { createLogger } from '../common/log';
import type { Logger } from '../common/log';
import { msg } from '../common/messages';
import type { Locale } from '../../domain/i18n';
import type { ScryptParams } from '../accounts/passwords';
import { setPdfFontDir } from '../common/pdf-fonts';
import { createRecordings } from '../recording/recordings';
import { loadRegionNames, loadRegions } from '../recording/regions';
import type { RegionIndex, RegionNames } from '../recording/regions';
import { DEFAULT_IDLE_LOCK_MINUTES, DeskSession } from '../accounts/session';
import type { HandlerContext, HandlersFor } from '../../api/handlers';

export interface StationOptions {
  dataDir: string;
  resourcesDir: string;
  host: 'electron' | 'browser';
  version: string;
  keyProvider: KeyProvider;
  now?: () => Date;
  /** Defaults to JSON lines in `<dataDir>/logs`. */
  logger?: Logger;
  /** How often the idle lock is checked in the background (ms). */
  idleCheckMs?: number;
  /** better-sqlite3 addon built for Electron's ABI (see scripts/electron-native.mjs). */
  sqliteNativeBinding?: string;
  /** The fingerprint scanner: real, simulated or none (the default). */
  fingerprint?: FingerprintStationOptions;
  /** Face detector for photos; defaults to Human (loaded on first use), null for none. */
  faceDetector?: FaceDetector | null;
  /** The signature pad: real, simulated or none (the default). */
  signature?: SignatureStationOptions;
  /** Device manager (driver host), traffic taps and the pad for self-tests. */
  devices?: DevicesStationOptions;
  /** Sync runner tuning (tests shorten the timings). */
  sync?: Partial<SyncOptions>;
  /**
   * Password hashing cost. Leave unset (scrypt N=2^17); only test suites set a lower one
   * (TEST_ONLY_PARAMS) so they stay fast.
   */
  passwordHashing?: ScryptParams;
  /** The office hub's LAN service and the desk's link to it (issue 17). */
  office?: OfficeOptions;
}

export interface Station {
  /** Validates, checks access, runs the handler. Never throws. */
  call(method: string, input: unknown): Promise<Reply<unknown>>;
  on<E extends EventName>(event: E, listener: (p: EventPayloads[E]) => void): () => void;
  /** Merges a status change (devices, network, sync) and pushes it to listeners. */
  emitStatus(patch?: Partial<StatusEvent>): void;
  status(): StatusEvent;
  /** Starts the outbox runner (hosts do; tests that want no network traffic do not). */
  startSync(): void;
  /** Starts the office hub's LAN service or a desk's link to its hub (issue 17). */
  startOffice(): Promise<void>;
  /** The office hub's loopback address once it listens, else null. */
  officeHubUrl(): string | null;
  /**
   * Retention (in small batches, main free between them), the day's storage sample and the
   * planner's statistics. The sync runner calls it hourly; one run at a time.
   */
  housekeeping(): Promise<HousekeepingRun | null>;
  close(): void;
}

/** The unlocked session's user for non-public methods; for public ones, whoever is signed in. */
type CallContext = HandlerContext;

type Handlers = HandlersFor<MethodName>;

const SETTING_LOCALE = 'locale';
const SETTING_IDLE = 'idle_lock_minutes';

/** Names the failing fields (schema paths only — never the values sent). */
function badRequestDetail(issues: readonly { path: readonly PropertyKey[] }[]): string {
  const paths = [
    ...new Set(issues.map((i) => i.path.map(String).join('.')).filter((p) => p.length > 0)),
  ].slice(0, 3);
  return paths.length > 0 ? `: ${paths.join(', ').slice(0, 120)}` : '';
}

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * Opens the station's store and wires every contract method. Throws only at open (wrong key,
 * newer schema, unsafe key file — see StoreError); after that, `call` turns every failure into
 * a reply.
 */
export function openStation(opts: StationOptions): Station {
  const now = opts.now ?? (() => new Date());
  const log = opts.logger ?? createLogger({ dataDir: opts.dataDir, now });
  const key = opts.keyProvider.getOrCreateKey(opts.dataDir);
  const db: Database = openDatabase({
    dataDir: opts.dataDir,
    key,
    ...(opts.sqliteNativeBinding ? { nativeBinding: opts.sqliteNativeBinding } : {}),
  });

  let locale: Locale = getSetting(db, SETTING_LOCALE) === 'en' ? 'en' : 'id';
  const L = () => locale;
  const idleSetting = Number(getSetting(db, SETTING_IDLE));
  const idleLockMinutes =
    Number.isFinite(idleSetting) && idleSetting > 0 ? idleSetting : DEFAULT_IDLE_LOCK_MINUTES;

  const listeners = new Map<EventName, Set<(p: never) => void>>();
  function emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const l of listeners.get(event) ?? []) {
      try {
        (l as (p: EventPayloads[E]) => void)(payload);
      } catch (err) {
        log.error('event listener failed', { event }, err);
      }
    }
  }

  let status: StatusEvent = {
    // Honest placeholders until device, network and sync services exist.
    devices: { camera: 'pending', fingerprint: 'pending', signature: 'pending' },
    network: 'unknown',
    sync: { pending: 0, state: 'not-configured' },
  };

  let regionIndex: RegionIndex | null = null;
  let regionsFailed = false;
  function regions(): RegionIndex | null {
    if (regionIndex || regionsFailed) return regionIndex;
    try {
      regionIndex = loadRegions(opts.resourcesDir);
    } catch (err) {
      regionsFailed = true;
      log.error('region index unavailable', {}, err);
    }
    return regionIndex;
  }
  // Names alone (recap, reports, station info): the compact lookup, unless the full index is
  // already loaded. The full index is built only for the pickers and the resident checks.
  let regionNames: RegionNames | null = null;
  function regionName(code: string): string {
    if (regionIndex) return regionIndex.name(code) ?? '';
    if (!regionNames && !regionsFailed) {
      try {
        regionNames = loadRegionNames(opts.resourcesDir);
      } catch (err) {
        regionsFailed = true;
        log.error('region index unavailable', {}, err);
      }
    }
    return regionNames?.name(code) ?? '';
  }
  // Ready before the first recap: loaded shortly after start, once the login page has gone out.
  setTimeout(() => void regionName(''), 250).unref();

  setPdfFontDir(join(opts.resourcesDir, 'fonts'));
  // Checkpoints of the audit chain are signed with the station key (created at first open).
  const audit = createAudit(db, now, { stationKeys: () => ensureStationKeys(db, now) });
  const accounts = createAccounts({
    db,
    now,
    locale: L,
    audit,
    ...(opts.passwordHashing ? { hashing: opts.passwordHashing } : {}),
  });
  const recordings = createRecordings({
    db,
    now,
    locale: L,
    audit,
    regionKnown: (code) => regions()?.has(code),
  });

  const fingerprints = openFingerprints(opts.fingerprint, {
    db,
    now,
    locale: L,
    audit,
    log,
    emitProgress: (p) => emit('fingerprint.progress', p),
    onDeviceState: (fingerprint) => {
      status = { ...status, devices: { ...status.devices, fingerprint } };
      emit('status', status);
    },
  });

  const signatures = openSignatures(opts.signature, {
    db,
    now,
    locale: L,
    audit,
    log,
    emitPoints: (p) => emit('signature.points', p),
    onDeviceState: (signature) => {
      status = { ...status, devices: { ...status.devices, signature } };
      emit('status', status);
    },
  });

  const photos = createPhotos({
    db,
    now,
    locale: L,
    audit,
    log,
    ...(opts.faceDetector !== undefined ? { detector: opts.faceDetector } : {}),
  });

  const devices = createDevices({
    db,
    dataDir: opts.dataDir,
    now,
    locale: L,
    audit,
    log,
    fingerprint: () => opts.fingerprint?.instance ?? null,
    status: () => status,
    onStatus: (l) => {
      let set = listeners.get('status');
      if (!set) listeners.set('status', (set = new Set()));
      set.add(l as (p: never) => void);
      return () => set.delete(l as (p: never) => void);
    },
    emitStatus: (patch) => {
      status = { ...status, devices: { ...status.devices, ...patch.devices } };
      emit('status', status);
    },
    emitChanged: (list) => emit('devices.changed', list),
    ...(opts.devices ? { options: opts.devices } : {}),
  });

  const exportsService = createExports({
    db,
    now,
    locale: L,
    audit,
    log,
    emitProgress: (p) => emit('export.progress', p),
    kecamatanName: regionName,
  });

  const diagnostics = createDiagnostics({
    lastSelfTests: () => devices.lastSelfTests(),
    db,
    dataDir: opts.dataDir,
    now,
    locale: L,
    audit,
    log,
    app: { version: opts.version, host: opts.host, keySource: opts.keyProvider.source },
    emitProgress: (p) => emit('diagnostics.progress', p),
    // Reads other services' answers (central, sync, devices) without a second access check.
    internal: async (m, input, ctx) => (handlers[m] as Handlers[typeof m])(input, ctx),
  });

  // Keys, finishing, the outbox runner. The station key pair exists from first run.
  ensureStationKeys(db, now);
  const central = createCentral({ db, now, locale: L, audit, log, onChange: () => sync.wake() });
  const sealGuard = createSealGuard({
    db,
    locale: L,
    audit,
    verifySupervisor: (userId, password) => accounts.verifyUser(userId, password),
  });
  const deskDrafts = createDeskDrafts({ db, now });
  const finish = createFinish({
    db,
    now,
    locale: L,
    audit,
    log,
    central,
    checkPassword: (actor, password) => sealGuard.check(actor, password),
    recording: (id) => recordings.get(id),
    photo: (recordingId) => handlers['photo.get']({ recordingId }, { actor: null }),
    fingerprints: (recordingId) => fingerprints.list(recordingId),
    // Optional call: the signature module may be absent from a trimmed build or a test double.
    signature: (recordingId) =>
      handlers['signature.get']?.({ recordingId }, { actor: null }) ?? ok(null),
    storedSignature: (recordingId) => getSignature(db, recordingId),
    kecamatanName: regionName,
    onSealed: () => {
      sync.wake();
      office.recordingSealed();
    },
    onSealing: (recordingId, at) => retainForHandover(db, recordingId, at),
  });
  let closed = false;
  let housekeepingRun: Promise<HousekeepingRun | null> | null = null;
  function housekeeping(): Promise<HousekeepingRun | null> {
    housekeepingRun ??= runHousekeeping(db, now, audit, () => closed)
      .catch((err: unknown) => {
        log.error('housekeeping failed', {}, err);
        return null;
      })
      .finally(() => {
        housekeepingRun = null;
      });
    return housekeepingRun;
  }

  const sync = createSyncService({
    db,
    now,
    locale: L,
    audit,
    log,
    central,
    stationId: () => getStation(db)?.id ?? null,
    emitProgress: (s) => emit('sync.progress', s),
    emitStatus: (patch) => {
      status = { ...status, ...patch, sync: { ...status.sync, ...patch.sync } };
      emit('status', status);
    },
    housekeeping: () => void housekeeping(),
    ...(opts.sync ? { options: opts.sync } : {}),
  });

  // Issue 18: handing the printed card over, and its records' way to the centre.
  const handover = openHandover({
    db,
    now,
    locale: L,
    audit,
    log,
    central,
    kecamatanName: regionName,
    fingerprints,
    signatures,
    emitPoints: (p) => emit('signature.points', p),
  });

  // Approval queue, freeze rules, daily recap.
  const freeze = createFreeze({ db, now, locale: L, audit, onSettingsChanged: () => sync.wake() });
  const approval = createApproval({
    db,
    now,
    locale: L,
    audit,
    review: (id) => handlers['recordings.review']({ id }, { actor: null }),
    saveDraft: (actor, input) => recordings.saveDraft(actor, input),
    getRecording: (id) => recordings.get(id),
    guardNewRecording: (actor) => freeze.guardNewRecording(actor),
    onDecided: () => sync.wake(),
  });
  const recap = createRecap({
    db,
    now,
    regionName,
    freezeStatus: () => freeze.status(),
  });

  // Queue cards, calling, pre-registration lists, outreach sessions.
  const queue = createQueue({
    db,
    now,
    locale: L,
    audit,
    log,
    emit,
    ...(opts.devices?.openSerial ? { openPrinter: opts.devices.openSerial } : {}),
    ...(opts.devices?.listSerialPorts ? { listSerialPorts: opts.devices.listSerialPorts } : {}),
  });
  // Issue 17: the office hub runs the office queue on this station's queue; a paired desk
  // forwards its queue calls to the hub.
  const office = createOffice({
    db,
    now,
    locale: L,
    audit,
    log,
    version: opts.version,
    stationKeys: () => ensureStationKeys(db, now),
    queue: () => queue.handlers as never,
    regionName,
    decide: (actor, id, decision, reason) =>
      decision === 'approved'
        ? approval.approve(actor, id)
        : approval.reject(actor, id, reason ?? ''),
    ...(opts.office ? { options: opts.office } : {}),
  });

  const session = new DeskSession({
    now,
    idleLockMinutes: () => idleLockMinutes,
    onChange(info, change) {
      if (change === 'lock' && info) {
        audit.record({ id: info.user.id, username: info.user.username }, 'session.locked', null);
      }
      emit('session.changed', info);
    },
  });
  session.startTimer(opts.idleCheckMs);

  let setUp = getStation(db) !== null;
  const isSetUp = () => (setUp ||= getStation(db) !== null);
  const actorOf = (info: SessionInfo | null): Actor | null =>
    info ? { id: info.user.id, username: info.user.username } : null;

  function endSession(reason: 'logout' | 'replaced'): void {
    const s = session.current();
    if (!s) return;
    audit.record(
      { id: s.user.id, username: s.user.username },
      'logout',
      reason === 'replaced' ? 'replaced' : null,
    );
    session.end();
  }

  const handlers: Handlers = {
    'app.info': () => {
      const st = getStation(db);
      const info: AppInfo = {
        version: opts.version,
        host: opts.host,
        setupDone: st !== null,
        station: st
          ? {
              id: st.id,
              name: st.name,
              kecamatanCode: st.kecamatanCode,
              kecamatanName: regionName(st.kecamatanCode),
            }
          : null,
        locale,
      };
      return ok(info);
    },

    'setup.create': async (input) => {
      if (isSetUp()) return fail('ALREADY_SET_UP', msg(locale, 'alreadySetUp'));
      const idx = regions();
      if (idx && !idx.has(input.kecamatanCode)) {
        const text = msg(locale, 'kecamatanUnknown');
        return fail('VALIDATION', text, { kecamatanCode: text });
      }
      const { username, fullName, password } = input.supervisor;
      const weak = passwordPolicyReply(locale, password, username);
      if (weak) return weak;
      const passwordHash = await accounts.hash(password);
      const at = now();
      const user = { id: newId('U', at), username, fullName, role: 'supervisor' as const };
      const done = db.transaction(() => {
        // Re-checked inside the transaction: two setup calls may race through the hashing.
        if (getStation(db)) return false;
        const createdAt = at.toISOString();
        const stationId = newId('S', at);
        insertStation(db, {
          id: stationId,
          name: input.stationName,
          kecamatanCode: input.kecamatanCode,
          createdAt,
        });
        insertUser(db, { ...user, passwordHash, createdAt });
        setSetting(db, SETTING_LOCALE, locale);
        setSetting(db, SETTING_IDLE, String(idleLockMinutes));
        setSetting(
          db,
          SETTING_KEYS.approvalRequiredForUpload,
          DEFAULT_SUPERVISOR_SETTINGS.approvalRequiredForUpload ? '1' : '0',
        );
        recordLogin(db, user.id, createdAt);
        audit.record(user, 'setup', stationId);
        audit.record(user, 'user.created', username);
        audit.record(user, 'login.ok', username);
        return true;
      })();
      if (!done) return fail('ALREADY_SET_UP', msg(locale, 'alreadySetUp'));
      setUp = true;
      log.info('station set up', { host: opts.host });
      return ok(session.start(user));
    },

    'auth.login': async (input) => {
      if (!isSetUp()) return fail('NOT_SET_UP', msg(locale, 'notSetUp'));
      const r = await accounts.login(input.username, input.password);
      if (!r.ok) return r;
      if (session.current()) endSession('replaced');
      return ok(session.start(r.value));
    },

    'auth.logout': () => {
      endSession('logout');
      return ok(null);
    },

    'auth.unlock': async (input) => {
      if (!isSetUp()) return fail('NOT_SET_UP', msg(locale, 'notSetUp'));
      const s = session.current();
      if (!s) return fail('UNAUTHENTICATED', msg(locale, 'unauthenticated'));
      const r = await accounts.verifyUser(s.user.id, input.password);
      if (!r.ok) {
        // A locked-out or disabled account must not keep a (locked) session on the desk.
        if (r.error.code === 'ACCOUNT_LOCKED' || r.error.code === 'ACCOUNT_DISABLED') {
          endSession('logout');
        }
        return r;
      }
      if (s.locked) audit.record(actorOf(session.info()), 'session.unlocked', null);
      return ok(session.unlock()!);
    },

    'auth.session': () => ok(session.info()),

    'auth.ping': () => ok(null),

    'auth.changePassword': async (input, { actor }) => {
      const r = await accounts.changePassword(actor!, input.current, input.next);
      // Guessing the current password locks the account, and the desk's session with it.
      if (!r.ok && r.error.code === 'ACCOUNT_LOCKED') endSession('logout');
      return r;
    },

    'users.list': () => ok(accounts.list()),
    'users.create': (input, { actor }) => accounts.createUser(actor, input),
    'users.setActive': (input, { actor }) => accounts.setActive(actor!, input.userId, input.active),
    'users.resetPassword': (input, { actor }) =>
      accounts.resetPassword(actor!, input.userId, input.password),

    'regions.children': (input) => {
      const idx = regions();
      return idx
        ? ok(idx.children(input.parent))
        : fail('INTERNAL', msg(locale, 'regionsUnavailable'));
    },
    'regions.lookup': (input) => {
      const idx = regions();
      return idx ? ok(idx.lookup(input.code)) : fail('INTERNAL', msg(locale, 'regionsUnavailable'));
    },

    'recordings.saveDraft': (input, { actor }) => {
      const r =
        (input.id ? null : freeze.guardNewRecording(actor)) ?? recordings.saveDraft(actor!, input);
      if (r.ok) queue.onDraftSaved(r.value.id, r.value.nik, !input.id);
      return r;
    },
    'recordings.get': (input) => recordings.get(input.id),
    'recordings.today': (input) => ok(recordings.today(input.query)),
    'recordings.openDrafts': () => ok(recordings.openDrafts()),
    'recordings.reassign': (input, { actor }) =>
      recordings.reassign(actor!, input.recordingId, input.operatorId),

    'audit.list': (input) => ok(audit.list(input.limit ?? 100)),

    'station.info': () => {
      const path = databasePath(opts.dataDir);
      return ok({
        dataDir: opts.dataDir,
        databaseBytes: fileSize(path) + fileSize(`${path}-wal`),
        schemaVersion: schemaVersion(db),
        encrypted: true,
        keySource: opts.keyProvider.source,
        host: opts.host,
        version: opts.version,
        node: process.versions.node,
      });
    },

    'prefs.setLocale': (input, { actor }) => {
      db.transaction(() => {
        setSetting(db, SETTING_LOCALE, input.locale);
        audit.record(actor, 'prefs.locale', input.locale);
      })();
      locale = input.locale;
      return ok(null);
    },

    ...fingerprints.handlers,
    ...photos.handlers,
    ...office.wrapQueue(queue.handlers),
    ...office.handlers,
    ...signatures.handlers,
    ...diagnostics.handlers,
    ...exportsService.handlers,
    ...devices.handlers,
    ...central.handlers,
    ...finish.handlers,
    ...sync.handlers,
    ...freeze.handlers,
    ...approval.handlers,
    ...recap.handlers,
    ...handover.handlers,

    'desk.sealGuard': (_input, { actor }) => ok(sealGuard.state(actor!.id)),
    'desk.unlockSeal': (input, { actor }) =>
      sealGuard.unlock(actor!, input.username, input.password),
    'desk.draft': (_input, { actor }) => ok(deskDrafts.get(actor!.id)),
    'desk.saveDraft': (input, { actor }) => ok(deskDrafts.save(actor!.id, input)),
    'desk.clearDraft': (_input, { actor }) => ok(deskDrafts.clear(actor!.id)),
  };

  async function dispatch(method: string, input: unknown): Promise<Reply<unknown>> {
    if (typeof method !== 'string' || !Object.hasOwn(methods, method)) {
      return fail('UNKNOWN_METHOD', msg(locale, 'unknownMethod'));
    }
    const name = method as MethodName;
    const spec = methods[name];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      return fail(
        'BAD_REQUEST',
        msg(locale, 'badRequest', { detail: badRequestDetail(parsed.error.issues) }),
      );
    }
    let actor: Actor | null;
    if (spec.access === 'public') {
      const s = session.current();
      actor = s && !s.locked ? { id: s.user.id, username: s.user.username } : null;
    } else {
      if (!isSetUp()) return fail('NOT_SET_UP', msg(locale, 'notSetUp'));
      const s = session.current();
      if (!s) return fail('UNAUTHENTICATED', msg(locale, 'unauthenticated'));
      if (s.locked) return fail('SESSION_LOCKED', msg(locale, 'sessionLocked'));
      actor = { id: s.user.id, username: s.user.username };
      if (spec.access !== 'any' && !(spec.access as readonly string[]).includes(s.user.role)) {
        audit.record(actor, 'forbidden', name);
        return fail('FORBIDDEN', msg(locale, 'forbidden'));
      }
      session.touch();
    }
    const handler = handlers[name] as (
      i: unknown,
      c: CallContext,
    ) => Reply<unknown> | Promise<Reply<unknown>>;
    return handler(parsed.data, { actor });
  }

  log.info('station opened', { host: opts.host, version: opts.version, schema: schemaVersion(db) });

  return {
    async call(method, input) {
      if (closed) return fail('INTERNAL', msg(locale, 'internal'));
      try {
        return await dispatch(method, input);
      } catch (err) {
        log.error(
          'handler failed',
          { method: typeof method === 'string' ? method.slice(0, 64) : '?' },
          err,
        );
        return fail('INTERNAL', msg(locale, 'internal'));
      }
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (p: never) => void);
      return () => {
        set.delete(listener as (p: never) => void);
      };
    },
    emitStatus(patch = {}) {
      status = {
        ...status,
        ...patch,
        devices: { ...status.devices, ...patch.devices },
        sync: { ...status.sync, ...patch.sync },
      };
      emit('status', status);
    },
    status: () => status,
    startSync: () => {
      sync.start();
      handover.sender.start();
    },
    startOffice: () => office.start(),
    officeHubUrl: () => office.hubUrl(),
    housekeeping,
    close() {
      if (closed) return;
      closed = true;
      session.stopTimer();
      listeners.clear();
      // The scanner (and a simulator's pty pair) stops in the background; no DB use after this.
      sync.stop();
      void handover.close();
      void office.close();
      devices.close();
      void fingerprints.close();
      void photos.close();
      void signatures.close();
      db.close();
      log.info('station closed');
    },
  };
}
