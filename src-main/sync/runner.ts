// The outbox runner: uploads sealed packets to the centre over tus, one or two at a time, and
// asks the centre for its verdict on each. Everything it needs to resume lives in the outbox
// row (the tus upload URL, attempts, next attempt time), so a network drop, an app restart or a
// crash resumes from the server's offset. It never spins: with nothing due it sleeps on an
// unref'd timer until the next due time, or until `wake()` (sync.now, a new packet, new config).
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { DefaultHttpStack, Upload } from 'tus-js-client';
import type { HttpRequest } from 'tus-js-client';
import type { CentralStatus, SyncStatus } from '../api/contract';
import { checkVerdict, stationRequestHeaders } from '../packets/index';
import type { SignedVerdict } from '../packets/index';
import {
  dueUploads,
  markAttemptFailed,
  markSent,
  nextDueAt,
  markRecordingUploaded,
  outboxTotals,
  packetBytes,
  requeue,
  setCentralStatus,
  setVerifiedVerdict,
  setUploadUrl,
  statusPollCandidates,
  touchChecked,
} from '../store/outbox-repo';
import type { OutboxRow } from '../store/outbox-repo';
import { backoffMs } from './backoff';
import {
  CentralTlsError,
  ReplyShapeError,
  ReplyTooLargeError,
  createCentralClient,
  parseReply,
  uploadUrlAllowed,
} from './central-http';
import type { CentralClient } from './central-http';
import { packetStatusReplySchema } from './central-replies';
import { RateMeter } from './rate';
import { syncText } from './messages';
import type { SyncLocale } from './messages';

export interface SyncTarget {
  url: string;
  registered: boolean;
  /** SPKI SHA-256 of the centre's TLS key (null: plain http on loopback). */
  tlsPin: string | null;
  /** The centre's Ed25519 verdict key. */
  verdictKeyPem: string;
}

export interface SyncOptions {
  /** Uploads in flight at once: two keeps a slow link busy across round trips. */
  concurrency: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** No upload progress for this long → the connection is dead (a blackhole): abort, retry. */
  stallMs: number;
  /** Timeout of the small JSON requests (status polls). */
  requestTimeoutMs: number;
  /** How soon to ask again for the verdict of a packet the centre has all bytes of. */
  verdictPollMs: number;
  /** How often to ask whether received packets became print-ready. */
  printReadyPollMs: number;
  /** A sent packet the centre still does not know after this long is uploaded again. */
  lostAfterMs: number;
  /** How often housekeeping (retention) runs. */
  housekeepingMs: number;
  random: () => number;
}

export const DEFAULT_SYNC_OPTIONS: SyncOptions = {
  concurrency: 2,
  backoffBaseMs: 2_000,
  backoffMaxMs: 5 * 60_000,
  stallMs: 20_000,
  requestTimeoutMs: 15_000,
  verdictPollMs: 3_000,
  printReadyPollMs: 15 * 60_000,
  lostAfterMs: 2 * 60_000,
  housekeepingMs: 60 * 60_000,
  random: Math.random,
};

export type NetworkState = 'online' | 'offline' | 'unknown';

export interface SyncDeps {
  db: Database;
  now: () => Date;
  locale: () => SyncLocale;
  log: {
    info(m: string, f?: Record<string, unknown>): void;
    warn(m: string, f?: Record<string, unknown>, e?: unknown): void;
  };
  /** The centre's base URL and whether this station is registered there; null: not configured. */
  target(): SyncTarget | null;
  stationId(): string | null;
  /** Status changed (throttled for progress). */
  onStatus(status: SyncStatus, network: NetworkState): void;
  /** The centre acknowledged a packet (received, duplicate, print-ready) or rejected it. */
  onVerdict?(recordingId: string, packetId: string, status: CentralStatus): void;
  housekeeping?(): void;
  /** The station's signing key (status requests are signed so the centre answers only us). */
  stationPrivateKeyPem(): string;
  /** A TLS key other than the pinned one was met (null: the pinned one works again). */
  onTlsMismatch?(seenPin: string | null): void;
  /** A verdict was refused: unsigned, badly signed, or for another packet/station. */
  onUnverifiedVerdict?(packetId: string, why: string): void;
}

export interface SyncRunner {
  start(): void;
  /** Aborts uploads in flight (the server keeps their bytes) and stops every timer. */
  stop(): void;
  /** Try now: clears the offline backoff and runs a pass. */
  wake(): void;
  setPaused(paused: boolean): void;
  status(): SyncStatus;
  network(): NetworkState;
}

interface InFlight {
  row: OutboxRow;
  upload: Upload;
  sent: number;
  lastProgressAt: number;
  watchdog: NodeJS.Timeout;
  settled: boolean;
}

type Failure =
  | { kind: 'network'; detail: string }
  | { kind: 'tls'; error: CentralTlsError }
  | { kind: 'location' }
  | { kind: 'server'; status: number }
  | { kind: 'client'; status: number }
  | { kind: 'gone'; status: number }
  | { kind: 'locked'; status: number };

/** A tus request to somewhere other than the configured centre's files path. */
export class UploadUrlRefusedError extends Error {
  constructor() {
    super('upload URL is not under the central files path');
    this.name = 'UploadUrlRefusedError';
  }
}

function classify(err: unknown): Failure {
  const e = err as {
    originalRequest?: { getMethod(): string } | null;
    originalResponse?: { getStatus(): number } | null;
    causingError?: unknown;
    message?: string;
  };
  let cause: unknown = e.causingError ?? err;
  while (cause && !(cause instanceof CentralTlsError) && (cause as { cause?: unknown }).cause) {
    cause = (cause as { cause?: unknown }).cause;
  }
  if (cause instanceof CentralTlsError) return { kind: 'tls', error: cause };
  if (cause instanceof UploadUrlRefusedError) return { kind: 'location' };
  const status = e.originalResponse?.getStatus();
  if (typeof status !== 'number' || status === 0) {
    return { kind: 'network', detail: 'no connection' };
  }
  // 404/410 on *create* is a wrong path or a centre refusing: a client error, not "gone".
  const creating = e.originalRequest?.getMethod() === 'POST';
  if ((status === 404 || status === 410) && !creating) return { kind: 'gone', status };
  if (status === 409 || status === 423) return { kind: 'locked', status };
  if (status >= 500) return { kind: 'server', status };
  return { kind: 'client', status };
}

export function createSyncRunner(deps: SyncDeps, options: Partial<SyncOptions> = {}): SyncRunner {
  const o: SyncOptions = { ...DEFAULT_SYNC_OPTIONS, ...options };
  const { db } = deps;
  const clock = () => deps.now().getTime();
  let client: { key: string; c: CentralClient } | null = null;
  /** Reply shapes already logged: a centre sending garbage fills no log. */
  const loggedShapes = new Set<string>();
  /** Consecutive failures the centre answered (5xx, 4xx, garbage): every retry path backs off. */
  let centreFailures = 0;
  let centreUntil = 0;

  /** One pinned client per (URL, pin); a new configuration closes the old connections. */
  function clientFor(t: SyncTarget): CentralClient {
    const key = `${t.url}|${t.tlsPin ?? ''}`;
    if (client?.key !== key) {
      client?.c.close();
      client = {
        key,
        c: createCentralClient({ url: t.url, pin: t.tlsPin, timeoutMs: o.requestTimeoutMs }),
      };
    }
    return client.c;
  }

  /** The centre answered but not usefully: back off the whole runner (jittered, capped). */
  function centreTrouble(): number {
    centreFailures += 1;
    const wait = backoffMs(
      centreFailures,
      { baseMs: o.backoffBaseMs, maxMs: o.backoffMaxMs },
      o.random,
    );
    centreUntil = Math.max(centreUntil, clock() + wait);
    return wait;
  }

  function centreFine(): void {
    centreFailures = 0;
    centreUntil = 0;
  }

  function logShapeOnce(what: string, detail: string): void {
    const key = `${what}|${detail}`;
    if (loggedShapes.has(key) || loggedShapes.size > 200) return;
    loggedShapes.add(key);
    deps.log.warn('central reply refused', { what, detail });
  }

  let started = false;
  let stopped = false;
  let paused = false;
  let timer: NodeJS.Timeout | null = null;
  let timerAt = 0;
  const inFlight = new Map<string, InFlight>();
  let polling = false;
  /** Consecutive network-level failures; the whole runner backs off, not each packet. */
  let networkFailures = 0;
  let offlineUntil = 0;
  let network: NetworkState = 'unknown';
  let lastSuccessAt: string | null = null;
  let lastError: string | null = null;
  let lastHousekeeping = 0;
  const meter = new RateMeter();
  let lastEmit = 0;
  let emitTimer: NodeJS.Timeout | null = null;

  const L = () => deps.locale();

  function computeStatus(): SyncStatus {
    const totals = outboxTotals(db);
    let inFlightSent = 0;
    for (const f of inFlight.values()) inFlightSent += f.sent;
    const remaining = Math.max(0, totals.pendingBytes - inFlightSent);
    const t = deps.target();
    let state: SyncStatus['state'];
    if (paused) state = 'paused';
    else if (!t || !t.registered) state = 'not-configured';
    else if (inFlight.size > 0) state = 'syncing';
    else if (clock() < offlineUntil && network === 'offline') state = 'offline';
    else if (lastError && totals.pendingPackets > 0) state = 'error';
    else state = totals.pendingPackets > 0 && totals.pendingBytes > 0 ? 'syncing' : 'idle';
    const rate = meter.rate(clock());
    return {
      state,
      pendingPackets: totals.pendingPackets,
      pendingBytes: remaining,
      sentBytes: meter.sent,
      etaSeconds:
        rate && rate > 0 && remaining > 0
          ? Math.ceil(remaining / rate)
          : remaining === 0
            ? 0
            : null,
      lastSuccessAt,
      lastError,
    };
  }

  function emitNow(): void {
    if (stopped) return;
    lastEmit = clock();
    if (emitTimer) {
      clearTimeout(emitTimer);
      emitTimer = null;
    }
    try {
      deps.onStatus(computeStatus(), network);
    } catch (err) {
      deps.log.warn('sync status listener failed', {}, err);
    }
  }

  /** Progress fires per socket write; the renderer needs a few updates a second at most. */
  function emitThrottled(): void {
    if (stopped || emitTimer) return;
    const wait = Math.max(0, 250 - (clock() - lastEmit));
    if (wait === 0) return emitNow();
    emitTimer = setTimeout(emitNow, wait);
    emitTimer.unref();
  }

  function schedule(ms: number): void {
    if (stopped || !started) return;
    const at = Date.now() + Math.max(0, ms);
    if (timer && timerAt <= at) return;
    if (timer) clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(
      () => {
        timer = null;
        pass();
      },
      Math.max(0, ms),
    );
    // The runner must never keep the app (or a test) alive on its own.
    timer.unref();
  }

  function goOffline(detail: string): void {
    networkFailures += 1;
    const wait = backoffMs(
      networkFailures,
      { baseMs: o.backoffBaseMs, maxMs: o.backoffMaxMs },
      o.random,
    );
    offlineUntil = clock() + wait;
    if (network !== 'offline')
      deps.log.warn('central unreachable, backing off', { ms: wait, detail });
    network = 'offline';
    lastError = syncText(L(), 'offline');
  }

  function goOnline(): void {
    networkFailures = 0;
    offlineUntil = 0;
    network = 'online';
  }

  function pass(): void {
    if (stopped || !started) return;
    try {
      passInner();
    } catch (err) {
      // A store error (disk full, closed DB) must not kill the runner's timer chain.
      deps.log.warn('sync pass failed', {}, err);
      schedule(o.backoffBaseMs);
    }
  }

  function passInner(): void {
    const now = clock();
    if (deps.housekeeping && now - lastHousekeeping >= o.housekeepingMs) {
      lastHousekeeping = now;
      try {
        deps.housekeeping();
      } catch (err) {
        deps.log.warn('housekeeping failed', {}, err);
      }
    }
    const t = deps.target();
    if (paused || !t || !t.registered) {
      emitNow();
      // Woken by setPaused / config change; an hourly tick still runs housekeeping.
      schedule(o.housekeepingMs);
      return;
    }
    const holdUntil = Math.max(offlineUntil, centreUntil);
    if (now < holdUntil) {
      emitNow();
      schedule(holdUntil - now);
      return;
    }
    const free = o.concurrency - inFlight.size;
    if (free > 0) {
      const rows = dueUploads(db, new Date(now).toISOString(), free, [...inFlight.keys()]);
      for (const row of rows) startUpload(row, t);
    }
    if (!polling) void pollVerdicts(t);
    // Next wake-up: the next due packet, the next verdict poll, or housekeeping.
    let next = o.housekeepingMs - (now - lastHousekeeping);
    const due = nextDueAt(db, [...inFlight.keys()]);
    if (due !== null && inFlight.size < o.concurrency) {
      next = Math.min(next, due === '' ? 0 : Math.max(0, Date.parse(due) - now));
    }
    const candidates = statusPollCandidates(db, 1);
    if (candidates[0]) {
      next = Math.min(next, candidates[0].state === 'sent' ? o.verdictPollMs : o.printReadyPollMs);
    }
    schedule(Math.max(next, 50));
    emitNow();
  }

  function startUpload(row: OutboxRow, target: SyncTarget): void {
    const bytes = packetBytes(db, row.packetId);
    const stationId = deps.stationId();
    if (!bytes || !stationId) return;
    const entry = {
      row,
      sent: 0,
      lastProgressAt: clock(),
      settled: false,
    } as InFlight;
    const c = clientFor(target);
    const endpoint = `${c.baseUrl}/files/`;
    if (row.uploadUrl && !uploadUrlAllowed(row.uploadUrl, endpoint)) {
      // Stored before the centre moved, or written by someone else: never follow it.
      setUploadUrl(db, row.packetId, null);
      entry.row = { ...row, uploadUrl: null };
    }
    const upload = new Upload(bytes, {
      endpoint,
      ...(entry.row.uploadUrl ? { uploadUrl: entry.row.uploadUrl } : {}),
      // Every tus request goes through the pinned agent and only to the centre's files path
      // (the Location header included): checked before a byte is sent.
      httpStack: new DefaultHttpStack({ agent: c.agent }),
      onBeforeRequest(req: HttpRequest) {
        const creating = req.getMethod() === 'POST' && req.getURL() === endpoint;
        if (!creating && !uploadUrlAllowed(req.getURL(), endpoint)) {
          throw new UploadUrlRefusedError();
        }
      },
      uploadSize: bytes.length,
      metadata: {
        packetId: row.packetId,
        stationId,
        filename: `${row.packetId}.rkmp`,
        filetype: 'application/octet-stream',
      },
      // The runner owns retries (with backoff shared across packets and persisted state).
      retryDelays: null,
      storeFingerprintForResuming: false,
      removeFingerprintOnSuccess: false,
      onUploadUrlAvailable() {
        if (stopped || entry.settled) return;
        // Persisted at once: after a crash the next run resumes this very upload.
        if (upload.url && upload.url !== entry.row.uploadUrl) {
          setUploadUrl(db, row.packetId, upload.url);
          entry.row = { ...entry.row, uploadUrl: upload.url };
        }
      },
      onProgress(sent) {
        if (stopped || entry.settled) return;
        if (sent > entry.sent) meter.add(sent - entry.sent, clock());
        entry.sent = Math.max(entry.sent, sent);
        entry.lastProgressAt = clock();
        goOnline();
        emitThrottled();
      },
      onSuccess() {
        settle(entry, null);
      },
      onError(err) {
        settle(entry, err);
      },
    });
    entry.upload = upload;
    entry.watchdog = setInterval(
      () => {
        if (entry.settled || stopped) return;
        if (clock() - entry.lastProgressAt > o.stallMs) {
          void upload.abort(false).catch(() => undefined);
          settle(entry, { stalled: true });
        }
      },
      Math.max(50, Math.floor(o.stallMs / 4)),
    );
    entry.watchdog.unref();
    inFlight.set(row.packetId, entry);
    upload.start();
  }

  function settle(entry: InFlight, err: unknown): void {
    if (entry.settled) return;
    entry.settled = true;
    clearInterval(entry.watchdog);
    inFlight.delete(entry.row.packetId);
    if (stopped) return;
    const id = entry.row.packetId;
    const at = deps.now().toISOString();
    try {
      if (err === null) {
        goOnline();
        centreFine();
        deps.onTlsMismatch?.(null);
        markSent(db, id, at);
        lastSuccessAt = at;
        lastError = null;
        deps.log.info('packet uploaded', { packetId: id, bytes: entry.row.size });
      } else {
        const f: Failure = (err as { stalled?: boolean }).stalled
          ? { kind: 'network', detail: 'stalled' }
          : classify(err);
        const later = (ms: number) => new Date(clock() + ms).toISOString();
        if (f.kind === 'network') {
          goOffline(f.detail);
          markAttemptFailed(db, id, f.detail, new Date(offlineUntil).toISOString());
        } else if (f.kind === 'tls') {
          // Not "offline": the technician must act (compare the key by phone, re-pin or not).
          goOffline('tls');
          lastError = syncText(
            L(),
            f.error.problem === 'pin-mismatch' ? 'pinMismatch' : 'untrusted',
          );
          if (f.error.problem === 'pin-mismatch') deps.onTlsMismatch?.(f.error.seenPin);
          markAttemptFailed(db, id, `TLS ${f.error.problem}`, new Date(offlineUntil).toISOString());
        } else {
          // The centre answered, but not with success: every such path backs off, with jitter,
          // runner-wide (so a queue of 500 packets does not multiply the request rate).
          goOnline();
          const wait = centreTrouble();
          let note: string;
          if (f.kind === 'gone') {
            // A stored upload the centre lost or expired: start it over (same packet id).
            setUploadUrl(db, id, null);
            note = `upload gone (HTTP ${f.status})`;
          } else if (f.kind === 'location') {
            setUploadUrl(db, id, null);
            note = 'upload URL refused';
            logShapeOnce('tus Location', 'not under the central files path');
          } else {
            note = f.kind === 'locked' ? `upload locked (HTTP ${f.status})` : `HTTP ${f.status}`;
            lastError = syncText(L(), f.kind === 'server' ? 'serverError' : 'refused', {
              status: String(f.status),
            });
          }
          markAttemptFailed(db, id, note, later(wait));
          deps.log.warn('packet upload failed', { packetId: id, detail: note, retryMs: wait });
        }
      }
    } catch (e) {
      deps.log.warn('outbox update failed', { packetId: id }, e);
    }
    schedule(0);
    emitNow();
  }

  async function pollVerdicts(t: SyncTarget): Promise<void> {
    polling = true;
    try {
      const now = clock();
      const rows = statusPollCandidates(db, 25).filter((r) =>
        r.state === 'sent'
          ? true
          : !r.centralCheckedAt || now - Date.parse(r.centralCheckedAt) >= o.printReadyPollMs,
      );
      for (const r of rows) {
        if (stopped) return;
        const answer = await askCentral(t, r.packetId);
        if (stopped) return;
        const at = deps.now().toISOString();
        if (answer === 'network') {
          goOffline('status poll');
          break;
        }
        goOnline();
        if (answer === 'trouble') {
          centreTrouble();
          break;
        }
        if (answer === 'unknown') {
          touchChecked(db, r.packetId, at);
          if (r.state === 'sent' && r.sentAt && clock() - Date.parse(r.sentAt) > o.lostAfterMs) {
            deps.log.warn('centre does not know an uploaded packet; sending again', {
              packetId: r.packetId,
            });
            requeue(db, r.packetId);
          }
          continue;
        }
        const verdict = answer;
        const why = checkVerdict(
          verdict,
          { stationId: deps.stationId() ?? '', packetId: r.packetId },
          t.verdictKeyPem,
        );
        if (why !== 'ok') {
          // Never acted on: the recording keeps its state and retention keeps its data.
          deps.log.warn('central verdict refused', { packetId: r.packetId, why });
          deps.onUnverifiedVerdict?.(r.packetId, why);
          touchChecked(db, r.packetId, at);
          centreTrouble();
          continue;
        }
        centreFine();
        const status = verdict.status as CentralStatus;
        const reason = verdict.reason === null ? null : verdict.reason.slice(0, 300);
        if (status !== r.centralStatus || r.state === 'sent' || !r.verdictVerified) {
          db.transaction(() => {
            setCentralStatus(db, r.packetId, status, reason, at);
            if (status === 'received' || status === 'duplicate') {
              setVerifiedVerdict(db, r.packetId, JSON.stringify(verdict));
            }
            if (status !== 'rejected') {
              markRecordingUploaded(db, r.recordingId, at);
            }
          })();
          deps.log.info('central verdict', { packetId: r.packetId, status });
          deps.onVerdict?.(r.recordingId, r.packetId, status);
        } else {
          touchChecked(db, r.packetId, at);
        }
      }
    } catch (err) {
      deps.log.warn('status poll failed', {}, err);
      centreTrouble();
    } finally {
      polling = false;
      emitNow();
    }
  }

  /**
   * One status request, signed by the station key, read with the 64 KiB cap and checked with
   * zod: a verdict to verify, 'unknown' (404), 'network' (no answer) or 'trouble' (anything else).
   */
  async function askCentral(
    t: SyncTarget,
    packetId: string,
  ): Promise<SignedVerdict | 'unknown' | 'network' | 'trouble'> {
    const stationId = deps.stationId();
    if (!stationId) return 'trouble';
    const path = `/api/packets/${encodeURIComponent(packetId)}`;
    let reply;
    try {
      reply = await clientFor(t).request(path, {
        headers: stationRequestHeaders(
          'GET',
          path,
          stationId,
          deps.stationPrivateKeyPem(),
          deps.now(),
        ),
        timeoutMs: o.requestTimeoutMs,
      });
    } catch (err) {
      if (err instanceof CentralTlsError) {
        if (err.problem === 'pin-mismatch') deps.onTlsMismatch?.(err.seenPin);
        lastError = syncText(L(), err.problem === 'pin-mismatch' ? 'pinMismatch' : 'untrusted');
        return 'network';
      }
      if (err instanceof ReplyTooLargeError) {
        logShapeOnce('packet status', 'larger than 64 KiB');
        return 'trouble';
      }
      return 'network';
    }
    if (reply.status === 404) return 'unknown';
    if (reply.status >= 500) return 'network';
    if (reply.status !== 200) {
      logShapeOnce('packet status', `HTTP ${reply.status}`);
      return 'trouble';
    }
    try {
      return parseReply(reply, packetStatusReplySchema).verdict;
    } catch (err) {
      logShapeOnce('packet status', err instanceof ReplyShapeError ? err.summary : 'invalid');
      return 'trouble';
    }
  }

  return {
    start() {
      if (started || stopped) return;
      started = true;
      schedule(0);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      if (emitTimer) clearTimeout(emitTimer);
      client?.c.close();
      for (const f of inFlight.values()) {
        f.settled = true;
        clearInterval(f.watchdog);
        void f.upload.abort(false).catch(() => undefined);
      }
      inFlight.clear();
    },
    wake() {
      offlineUntil = 0;
      centreUntil = 0;
      lastError = null;
      if (!started || stopped) return;
      if (timer) clearTimeout(timer);
      timer = null;
      schedule(0);
    },
    setPaused(p) {
      paused = p;
      if (p) {
        // In-flight uploads stop now; their bytes stay on the server and resume later.
        for (const f of [...inFlight.values()]) {
          f.settled = true;
          clearInterval(f.watchdog);
          inFlight.delete(f.row.packetId);
          void f.upload.abort(false).catch(() => undefined);
        }
      }
      if (timer) clearTimeout(timer);
      timer = null;
      schedule(0);
      emitNow();
    },
    status: computeStatus,
    network: () => network,
  };
}
