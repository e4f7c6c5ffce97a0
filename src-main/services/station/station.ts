// The station: opens the encrypted store, wires every capability's service to the others and
// to the events, and answers the contract's methods through one dispatcher (dispatch.ts).
// Longer than 400 lines: it is the one place where every capability is wired to the others; each
// wiring is a few lines, and spreading them over files would hide the order they depend on.
import { join } from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { fail, ok } from '../../api/reply';
import type { Locale } from '../../domain/i18n';
import { openDatabase } from '../../store/db';
import { schemaVersion } from '../../store/migrate';
import { getSetting } from '../../store/settings-repo';
import { getSignature } from '../../store/signatures-repo';
import { getStation } from '../../store/station-repo';
import { createAccounts } from '../accounts/accounts';
import { DEFAULT_IDLE_LOCK_MINUTES, DeskSession } from '../accounts/session';
import { createAudit } from '../common/audit';
import { createLogger } from '../common/log';
import { msg } from '../common/messages';
import { setPdfFontDir } from '../common/pdf-fonts';
import { createDevices } from '../devices/devices';
import { createDiagnostics } from '../diagnostics/diagnostics';
import { createExports } from '../exports/index';
import { createOffice } from '../office/office';
import { createQueue } from '../queue/queue';
import { createDeskDrafts } from '../recording/desk-drafts';
import { openFingerprints } from '../recording/fingerprints';
import { createFinish } from '../recording/finish';
import { openHandover, retainForHandover } from '../handover/index';
import { createPhotos } from '../recording/photos';
import { createRecordings } from '../recording/recordings';
import { createSealGuard } from '../recording/seal-guard';
import { openSignatures } from '../recording/signature';
import { createApproval } from '../supervisor/approval';
import { createFreeze } from '../supervisor/freeze';
import { createRecap } from '../supervisor/recap';
import { createCentral, ensureStationKeys } from '../sync/central';
import { createSyncService } from '../sync/sync';
import { createCardArrival } from '../handover/card-arrival';
import { createDispatch } from './dispatch';
import type { Handlers } from './dispatch';
import { createStationEvents } from './events';
import { runHousekeeping } from './housekeeping';
import type { HousekeepingRun } from './housekeeping';
import { createInfoHandlers } from './info-handlers';
import { createRegionCache } from './region-cache';
import { SETTING_IDLE, SETTING_LOCALE, createSessionHandlers } from './session-handlers';
import type { Station, StationOptions } from './types';

export type { Station, StationOptions };

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

  const events = createStationEvents(log);
  const { emit } = events;
  const regionCache = createRegionCache(opts.resourcesDir, log);
  const { regions, regionName } = regionCache;

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
    onDeviceState: (fingerprint) => events.updateStatus({ devices: { fingerprint } }),
  });

  const signatures = openSignatures(opts.signature, {
    db,
    now,
    locale: L,
    audit,
    log,
    emitPoints: (p) => emit('signature.points', p),
    onDeviceState: (signature) => events.updateStatus({ devices: { signature } }),
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
    status: events.status,
    onStatus: (l) => events.on('status', l),
    emitStatus: (patch) => events.updateStatus(patch.devices ? { devices: patch.devices } : {}),
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
    regionName,
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
    emitStatus: (patch) => events.updateStatus(patch),
    housekeeping: () => void housekeeping(),
    ...(opts.sync ? { options: opts.sync } : {}),
  });

  // Approval queue, freeze rules, daily recap.
  // Printed cards from the centre's print feed, the arrival check.
  const cards = createCardArrival({
    db,
    now,
    locale: L,
    audit,
    log,
    central,
    stationId: () => getStation(db)?.id ?? null,
    regionName,
  });

  // Handing the printed card over, and its records' way to the centre.
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
  // The office hub runs the office queue on this station's queue; a paired desk
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

  const sessionPart = createSessionHandlers({
    db,
    now,
    locale: L,
    idleLockMinutes,
    host: opts.host,
    audit,
    log,
    accounts,
    session,
    regions,
  });

  const handlers: Handlers = {
    ...sessionPart.handlers,
    ...createInfoHandlers({
      db,
      dataDir: opts.dataDir,
      host: opts.host,
      version: opts.version,
      keySource: opts.keyProvider.source,
      audit,
      locale: L,
      setLocale: (l) => {
        locale = l;
      },
      regions: regionCache,
    }),

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
    ...cards.handlers,
    ...handover.handlers,

    'desk.sealGuard': (_input, { actor }) => ok(sealGuard.state(actor!.id)),
    'desk.unlockSeal': (input, { actor }) =>
      sealGuard.unlock(actor!, input.username, input.password),
    'desk.draft': (_input, { actor }) => ok(deskDrafts.get(actor!.id)),
    'desk.saveDraft': (input, { actor }) => ok(deskDrafts.save(actor!.id, input)),
    'desk.clearDraft': (_input, { actor }) => ok(deskDrafts.clear(actor!.id)),
  };

  const dispatch = createDispatch({
    locale: L,
    session,
    audit,
    isSetUp: sessionPart.isSetUp,
    handlers: () => handlers,
  });

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
    on: events.on,
    emitStatus: events.updateStatus,
    status: events.status,
    startSync: () => {
      sync.start();
      cards.start();
      handover.sender.start();
    },
    startOffice: () => office.start(),
    officeHubUrl: () => office.hubUrl(),
    housekeeping,
    close() {
      if (closed) return;
      closed = true;
      session.stopTimer();
      events.clear();
      // The scanner (and a simulator's pty pair) stops in the background; no DB use after this.
      sync.stop();
      cards.stop();
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
