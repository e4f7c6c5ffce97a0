// The fingerprint.* handlers over the capture queue and finger records; the station's wiring.
import type { DeviceState, FingerException, FingerprintSet } from '../../api/contract';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import type { HandlersFor } from '../../api/handlers';
import { findRecording } from '../../store/recordings-repo';
import type { RecordingRow } from '../../store/recordings-repo';
import type { Actor } from '../common/audit';
import { msg } from '../common/messages';
import { createFingerprintDevice } from '../devices/fingerprint-device';
import type { FingerprintDevice } from '../devices/fingerprint-device';
import type { FingerprintDeviceConfig } from '../devices/fingerprint-device-config';
import { createCaptures } from './fingerprint-capture';
import type { FingerprintsDeps } from './fingerprint-capture';
import { t } from './fingerprint-messages';
import { clearFinger, storeException } from './fingerprint-records';
import { buildSet } from './fingerprint-set';

export type FingerprintMethod =
  | 'fingerprint.device'
  | 'fingerprint.list'
  | 'fingerprint.capture'
  | 'fingerprint.cancel'
  | 'fingerprint.setException'
  | 'fingerprint.clear'
  | 'fingerprint.simulate';

export type FingerprintHandlers = HandlersFor<FingerprintMethod>;

export interface Fingerprints {
  handlers: FingerprintHandlers;
  list(recordingId: string): Reply<FingerprintSet>;
  /** Whether a capture is running (for the station's status and tests). */
  busy(): boolean;
  /** The scanner behind the service (the handover's 1:1 check uses it between recordings). */
  readonly device: FingerprintDevice;
  close(): Promise<void>;
}

export function createFingerprints(deps: FingerprintsDeps): Fingerprints {
  const { db, device } = deps;
  const captures = createCaptures(deps);

  /** The caller's own draft, or the reply that says why not. */
  function ownDraft(actor: Actor, recordingId: string): Reply<RecordingRow> {
    const L = deps.locale();
    const rec = findRecording(db, recordingId);
    if (!rec) return fail('NOT_FOUND', msg(L, 'recordingNotFound'));
    if (rec.operatorId !== actor.id) return fail('FORBIDDEN', t(L, 'notOwner'));
    if (rec.status !== 'draft') return fail('CONFLICT', msg(L, 'recordingNotDraft'));
    return ok(rec);
  }

  function guardFinger(actor: Actor, recordingId: string, finger: number): Reply<null> {
    const own = ownDraft(actor, recordingId);
    if (!own.ok) return own;
    if (captures.inFlight(recordingId, finger)) return fail('CONFLICT', t(deps.locale(), 'busy'));
    return ok(null);
  }

  function setException(
    actor: Actor,
    input: { recordingId: string; finger: number; kind: FingerException; reason: string },
  ): Reply<FingerprintSet> {
    const { recordingId, finger } = input;
    const g = guardFinger(actor, recordingId, finger);
    if (!g.ok) return g;
    return db.transaction((): Reply<FingerprintSet> => {
      const stored = storeException(deps, actor, deps.locale(), input);
      return stored.ok ? ok(buildSet(db, recordingId)) : stored;
    })();
  }

  function clear(actor: Actor, recordingId: string, finger: number): Reply<FingerprintSet> {
    const g = guardFinger(actor, recordingId, finger);
    if (!g.ok) return g;
    return db.transaction((): Reply<FingerprintSet> => {
      clearFinger(deps, actor, recordingId, finger);
      return ok(buildSet(db, recordingId));
    })();
  }

  function list(recordingId: string): Reply<FingerprintSet> {
    if (!findRecording(db, recordingId)) {
      return fail('NOT_FOUND', msg(deps.locale(), 'recordingNotFound'));
    }
    return ok(buildSet(db, recordingId));
  }

  const handlers: FingerprintHandlers = {
    'fingerprint.device': () => ok(device.info(deps.locale())),
    'fingerprint.list': (input) => list(input.recordingId),
    'fingerprint.capture': async (input, { actor }) => {
      const own = ownDraft(actor!, input.recordingId);
      if (!own.ok) return own;
      return captures.capture(actor!, input.recordingId, input.finger);
    },
    'fingerprint.cancel': (input) => {
      captures.cancel(input.finger);
      return ok(null);
    },
    'fingerprint.setException': (input, { actor }) => setException(actor!, input),
    'fingerprint.clear': (input, { actor }) => clear(actor!, input.recordingId, input.finger),
    'fingerprint.simulate': (input) =>
      device.setSimulatedQuality(input.quality)
        ? ok(null)
        : fail('CONFLICT', t(deps.locale(), 'notSimulated')),
  };

  return {
    handlers,
    list,
    busy: captures.busy,
    device,
    async close() {
      captures.close();
      await device.close();
    },
  };
}

/** What a host tells the station about its scanner. */
export interface FingerprintStationOptions {
  /** Default: no scanner (tests of other features); hosts pass their CLI/setting choice. */
  device?: FingerprintDeviceConfig;
  /** An already created device (tests that play the resident or pull the cable). */
  instance?: FingerprintDevice;
  waitFingerMs?: number;
}

/**
 * The station's wiring: creates the device from the host's choice, reports its state in the
 * status event (the status bar then says SIMULASI for a simulated scanner) and returns the
 * service with its handlers.
 */
export function openFingerprints(
  opts: FingerprintStationOptions | undefined,
  deps: Omit<FingerprintsDeps, 'device' | 'waitFingerMs'> & {
    onDeviceState: (s: DeviceState) => void;
  },
): Fingerprints {
  const device =
    opts?.instance ?? createFingerprintDevice(opts?.device ?? { mode: 'none' }, { log: deps.log });
  // Without any scanner choice (tests of other features) the status bar keeps its honest
  // "not available yet"; a host always states its choice, and then the real state shows.
  const report = opts?.instance !== undefined || opts?.device !== undefined;
  if (report) deps.onDeviceState(device.state());
  const off = report ? device.onState((s) => deps.onDeviceState(s)) : () => undefined;
  const service = createFingerprints({
    ...deps,
    device,
    ...(opts?.waitFingerMs !== undefined ? { waitFingerMs: opts.waitFingerMs } : {}),
  });
  return {
    ...service,
    close: async () => {
      off();
      await service.close();
    },
  };
}
