// The outbox runner: uploads sealed packets to the centre over tus and takes each verdict from
// the final PATCH answer (signed; a status poll only when it is missing). Everything it needs to
// resume lives in the outbox row (the tus upload URL, attempts, next attempt time), so a network
// drop, an app restart or a crash resumes from the server's offset, checked by HEAD first.
//
// Built for GPRS-class links (16–64 kbit/s, outages of seconds every minute):
// - a request is abandoned only when nothing was acknowledged for a stall window scaled to the
//   measured rate and round trip (rate.ts), never for being slow;
// - one upload at a time on a slow link, PATCH chunks sized to the measured rate;
// - "network gone" (no answer) and "centre says no" (an HTTP answer) are different: the first
//   probes the link again soon (one cheap request, the interval growing with the outage, capped
//   at `networkMaxMs`) and counts one failure per outage; the second backs off exponentially.
// It never spins: with nothing due it sleeps on an unref'd timer until the next due time, or
// until `wake()` (sync.now, a new packet, new config).
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { CentralStatus, SyncStatus } from '../domain/records';
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
import type { CentralClient, CentralReply } from './central-http';
import { packetStatusReplySchema } from './central-replies';
import { DEFAULT_LINK_TUNING, LinkEstimate, RateMeter, probeIntervalMs } from './rate';
import {
  TusReplyError,
  UploadUrlRefusedError,
  filesEndpoint,
  tusCreate,
  tusOffset,
  tusPatch,
} from './tus';
import { syncText } from './messages';
import type { Locale } from '../domain/i18n';

export interface SyncTarget {
  url: string;
  registered: boolean;
  /** SPKI SHA-256 of the centre's TLS key (null: plain http on loopback). */
  tlsPin: string | null;
  /** The centre's Ed25519 verdict key. */
  verdictKeyPem: string;
}

export interface SyncOptions {
  /** Most uploads in flight at once (on a fast link; a slow one gets one). */
  concurrency: number;
  /** Backoff when the centre answers but says no (5xx, refusals, garbage). */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** The shortest stall window (it grows with what a request carries and the measured rate). */
  stallMs: number;
  /** Timeout of the small requests (POST, HEAD, status polls); longer if the link needs it. */
  requestTimeoutMs: number;
  /** The first probe after the network went away, and the longest wait between probes. */
  probeMinMs: number;
  networkMaxMs: number;
  /** How long one PATCH should take on a clean link (chunk size = this × measured rate). */
  chunkTargetMs: number;
  /** Nothing pending: at most one print-ready status request this often (a quiet idle link). */
  idlePollMs: number;
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
  stallMs: DEFAULT_LINK_TUNING.stallMinMs,
  requestTimeoutMs: 15_000,
  probeMinMs: 250,
  networkMaxMs: 15_000,
  chunkTargetMs: DEFAULT_LINK_TUNING.chunkTargetMs,
  idlePollMs: 10 * 60_000,
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
  locale: () => Locale;
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
  controller: AbortController;
  /** Bytes the centre has confirmed (absolute offset). */
  offset: number;
  /** Where this attempt resumed: progress counts from here, not from byte 0. */
  base: number;
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

export { UploadUrlRefusedError };

/** No HTTP answer at all is "network gone"; any answer is the centre speaking. */
export function classify(err: unknown): Failure {
  let cause: unknown = err;
  while (cause && !(cause instanceof CentralTlsError) && (cause as { cause?: unknown }).cause) {
    cause = (cause as { cause?: unknown }).cause;
  }
  if (cause instanceof CentralTlsError) return { kind: 'tls', error: cause };
  if (err instanceof UploadUrlRefusedError) return { kind: 'location' };
  if (err instanceof ReplyTooLargeError) return { kind: 'server', status: 200 };
  if (!(err instanceof TusReplyError)) {
    const e = err as { code?: unknown; message?: unknown };
    const detail =
      typeof e.code === 'string' ? e.code : e.message === 'timeout' ? 'no answer' : 'no connection';
    return { kind: 'network', detail };
  }
  const { status, method } = err;
  // 404/410 on *create* is a wrong path or a centre refusing: a client error, not "gone".
  if ((status === 404 || status === 410) && method !== 'POST') return { kind: 'gone', status };
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
  let network: NetworkState = 'unknown';
  /** When the current outage began, and when the link may be tried again (one probe). */
  let outageStartedAt = 0;
  let nextProbeAt = 0;
  /** Since when the link has been up (an outage then tells how long up-windows last). */
  let onlineSince: number | null = null;
  let lastSuccessAt: string | null = null;
  let lastError: string | null = null;
  let lastHousekeeping = 0;
  let lastIdlePoll = Number.NEGATIVE_INFINITY;
  const meter = new RateMeter();
  const link = new LinkEstimate({
    ...DEFAULT_LINK_TUNING,
    stallMinMs: o.stallMs,
    chunkTargetMs: o.chunkTargetMs,
  });
  /** PATCH bodies on the wire now (they share the link, so each gets a longer window). */
  let patchBytesInFlight = 0;
  /** Per packet: the confirmed offset when a PATCH was cut, to learn if the centre kept the rest. */
  const interrupted = new Map<string, { acked: number; sentMs: number }>();
  let lastEmit = 0;
  let emitTimer: NodeJS.Timeout | null = null;

  const L = () => deps.locale();

  function computeStatus(): SyncStatus {
    const totals = outboxTotals(db);
    let confirmed = 0;
    for (const f of inFlight.values()) confirmed += f.offset;
    const remaining = Math.max(0, totals.pendingBytes - confirmed);
    const t = deps.target();
    let state: SyncStatus['state'];
    if (paused) state = 'paused';
    else if (!t || !t.registered) state = 'not-configured';
    else if (network === 'offline' && totals.pendingPackets > 0) state = 'offline';
    else if (inFlight.size > 0) state = 'syncing';
    else if (lastError && totals.pendingPackets > 0) state = 'error';
    else state = totals.pendingPackets > 0 && totals.pendingBytes > 0 ? 'syncing' : 'idle';
    const rate = meter.rate(clock());
    return {
      state,
      pendingPackets: totals.pendingPackets,
      pendingBytes: remaining,
      // Bytes the centre confirmed in this run: a resumed upload counts from its offset.
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

  /** Progress comes per acknowledged chunk; the renderer needs a few updates a second at most. */
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

  /**
   * No answer from the centre: the network is gone. The first failure of an outage is counted
   * (true is returned); then the link is probed again after a twentieth of the outage so far.
   */
  function networkDown(detail: string): boolean {
    const now = clock();
    const fresh = network !== 'offline';
    if (fresh) {
      outageStartedAt = now;
      if (onlineSince !== null) link.noteUpWindow(now - onlineSince);
      onlineSince = null;
      deps.log.warn('central unreachable, probing', { detail });
    }
    network = 'offline';
    lastError = syncText(L(), 'offline');
    nextProbeAt =
      now +
      probeIntervalMs(
        now - outageStartedAt,
        { minMs: o.probeMinMs, maxMs: o.networkMaxMs },
        o.random,
      );
    return fresh;
  }

  /** Any HTTP answer: the link works (whatever the centre said). */
  function networkUp(): void {
    nextProbeAt = 0;
    if (network === 'online') return;
    const wasOffline = network === 'offline';
    network = 'online';
    onlineSince = clock();
    if (wasOffline) {
      if (lastError === syncText(L(), 'offline')) lastError = null;
      // The probe got through: the other uploads may start now.
      schedule(0);
    }
  }

  /** A timed small request: its duration is the round trip the stall windows build on. */
  async function timed<T>(what: Promise<T>): Promise<T> {
    const t0 = clock();
    const v = await what;
    link.noteRoundTrip(clock() - t0);
    networkUp();
    return v;
  }

  const smallTimeoutMs = () => Math.max(o.requestTimeoutMs, link.stallWindowMs(2048) / 3);

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
    const holdUntil = Math.max(centreUntil, network === 'offline' ? nextProbeAt : 0);
    if (now < holdUntil) {
      emitNow();
      schedule(holdUntil - now);
      return;
    }
    // Offline, one request at a time probes the link; online, as many as the link carries.
    const offline = network === 'offline';
    const want = offline ? 1 : link.concurrency(o.concurrency);
    const free = want - inFlight.size;
    if (free > 0) {
      const rows = dueUploads(db, new Date(now).toISOString(), free, [...inFlight.keys()]);
      for (const row of rows) startUpload(row, t);
    }
    if (!polling && !(offline && inFlight.size > 0)) void pollVerdicts(t);
    // Next wake-up: the next due packet, the next verdict poll, or housekeeping.
    let next = o.housekeepingMs - (now - lastHousekeeping);
    const due = nextDueAt(db, [...inFlight.keys()]);
    if (due !== null && inFlight.size < want) {
      next = Math.min(next, due === '' ? 0 : Math.max(0, Date.parse(due) - now));
    }
    const candidates = statusPollCandidates(db, 1);
    if (candidates[0]) {
      next = Math.min(
        next,
        candidates[0].state === 'sent'
          ? o.verdictPollMs
          : Math.max(o.printReadyPollMs, lastIdlePoll + o.idlePollMs - now),
      );
    }
    schedule(Math.max(next, 50));
    emitNow();
  }

  function startUpload(row: OutboxRow, target: SyncTarget): void {
    const bytes = packetBytes(db, row.packetId);
    const stationId = deps.stationId();
    if (!bytes || !stationId) return;
    const entry: InFlight = {
      row,
      controller: new AbortController(),
      offset: 0,
      base: 0,
      settled: false,
    };
    inFlight.set(row.packetId, entry);
    upload(entry, clientFor(target), bytes, stationId).then(
      (reply) => settle(entry, null, reply),
      (err: unknown) => settle(entry, err, null),
    );
  }

  /** One attempt: HEAD (or POST) then PATCH chunks; the final PATCH's reply (null: none). */
  async function upload(
    entry: InFlight,
    c: CentralClient,
    bytes: Buffer,
    stationId: string,
  ): Promise<CentralReply | null> {
    const id = entry.row.packetId;
    const size = bytes.length;
    const signal = entry.controller.signal;
    const small = () => ({ timeoutMs: smallTimeoutMs(), signal });
    let url = entry.row.uploadUrl;
    if (url && !uploadUrlAllowed(url, filesEndpoint(c))) {
      // Stored before the centre moved, or written by someone else: never follow it.
      setUploadUrl(db, id, null);
      url = null;
    }
    let offset = 0;
    if (url) {
      try {
        offset = await timed(tusOffset(c, url, size, small()));
      } catch (err) {
        // The centre lost or expired the upload: start it over at once (same packet id).
        if (!(err instanceof TusReplyError) || (err.status !== 404 && err.status !== 410)) {
          throw err;
        }
        networkUp();
        url = null;
      }
      learnPartialKept(id, offset);
    }
    if (!url) {
      url = await timed(
        tusCreate(
          c,
          size,
          {
            packetId: id,
            stationId,
            filename: `${id}.rkmp`,
            filetype: 'application/octet-stream',
          },
          small(),
        ),
      );
      // Persisted at once: after a crash the next run resumes this very upload.
      setUploadUrl(db, id, url);
      offset = 0;
    }
    entry.base = offset;
    entry.offset = offset;
    let conflicts = 0;
    let reply: CentralReply | null = null;
    while (offset < size) {
      if (entry.settled) throw new Error('aborted');
      let n = Math.min(size - offset, link.chunkBytes());
      // No runt last chunk: a round trip for a few KB costs more than it saves.
      if (size - offset - n < link.tuning.chunkMinBytes) n = size - offset;
      const t0 = clock();
      patchBytesInFlight += n;
      let r;
      try {
        r = await tusPatch(c, url, offset, bytes.subarray(offset, offset + n), size, {
          timeoutMs: link.stallWindowMs(patchBytesInFlight),
          signal,
          pieceBytes: link.pieceBytes(),
        });
      } catch (err) {
        if (err instanceof TusReplyError && err.status === 409 && conflicts++ === 0) {
          // The centre holds another offset (a retried request landed in part): ask, go on.
          networkUp();
          offset = await timed(tusOffset(c, url, size, small()));
          entry.offset = offset;
          continue;
        }
        if (!(err instanceof TusReplyError)) {
          interrupted.set(id, { acked: offset, sentMs: clock() - t0 });
        }
        throw err;
      } finally {
        patchBytesInFlight -= n;
      }
      const took = clock() - t0;
      networkUp();
      link.noteChunk(r.offset - offset, took);
      meter.add(r.offset - offset, clock());
      offset = r.offset;
      entry.offset = offset;
      reply = r.reply;
      emitThrottled();
    }
    interrupted.delete(id);
    return offset === size && reply ? reply : null;
  }

  /** After a cut PATCH: did the centre keep the bytes that had reached it? */
  function learnPartialKept(id: string, headOffset: number): void {
    const cut = interrupted.get(id);
    if (!cut) return;
    interrupted.delete(id);
    if (headOffset > cut.acked) {
      link.partialKept = true;
      // What reached the centre before the cut measures the link as well as an answer would.
      link.noteChunk(headOffset - cut.acked, cut.sentMs);
    }
    // Only a PATCH that ran for a while must have delivered something.
    else if (cut.sentMs > 2 * (link.rttMs ?? 1000) + 1000) link.partialKept = false;
  }

  function settle(entry: InFlight, err: unknown, reply: CentralReply | null): void {
    if (entry.settled) return;
    entry.settled = true;
    inFlight.delete(entry.row.packetId);
    if (stopped) return;
    const id = entry.row.packetId;
    const at = deps.now().toISOString();
    try {
      if (err === null) {
        centreFine();
        deps.onTlsMismatch?.(null);
        markSent(db, id, at);
        lastSuccessAt = at;
        lastError = null;
        deps.log.info('packet uploaded', { packetId: id, bytes: entry.row.size });
        if (reply) verdictFromPatch(entry.row, reply);
      } else {
        failed(entry, classify(err));
      }
    } catch (e) {
      deps.log.warn('outbox update failed', { packetId: id }, e);
    }
    schedule(0);
    emitNow();
  }

  function failed(entry: InFlight, f: Failure): void {
    const id = entry.row.packetId;
    const later = (ms: number) => new Date(clock() + ms).toISOString();
    if (f.kind === 'network') {
      // One failure per outage, not per request; the packet stays due (the probe gates it).
      if (networkDown(f.detail)) markAttemptFailed(db, id, f.detail, later(0));
      return;
    }
    if (f.kind === 'tls') {
      // Not "offline": the technician must act (compare the key by phone, re-pin or not).
      const wait = centreTrouble();
      lastError = syncText(L(), f.error.problem === 'pin-mismatch' ? 'pinMismatch' : 'untrusted');
      if (f.error.problem === 'pin-mismatch') deps.onTlsMismatch?.(f.error.seenPin);
      markAttemptFailed(db, id, `TLS ${f.error.problem}`, later(wait));
      return;
    }
    // The centre answered, but not with success: every such path backs off, with jitter,
    // runner-wide (so a queue of 500 packets does not multiply the request rate).
    networkUp();
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

  /**
   * The final PATCH's answer carries the centre's signed verdict: acted on only once it
   * verifies, exactly as a status poll's. Without one (an older centre), the poll asks.
   */
  function verdictFromPatch(row: OutboxRow, reply: CentralReply): void {
    if (reply.status !== 200 || reply.body.length === 0) return;
    let verdict: SignedVerdict;
    try {
      verdict = parseReply(reply, packetStatusReplySchema).verdict;
    } catch (err) {
      logShapeOnce('upload verdict', err instanceof ReplyShapeError ? err.summary : 'invalid');
      return;
    }
    const t = deps.target();
    if (!t) return;
    applyVerdict({ ...row, state: 'sent' }, verdict, t, deps.now().toISOString());
  }

  /** A verified verdict moves the packet and its recording; a refused one never does. */
  function applyVerdict(r: OutboxRow, verdict: SignedVerdict, t: SyncTarget, at: string): boolean {
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
      return false;
    }
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
    return true;
  }

  /**
   * Verdicts still owed (sent packets, every `verdictPollMs`) and, when the centre may have
   * moved a received packet to print-ready, one of those per `idlePollMs`: an idle station on a
   * metered link costs a few hundred bytes a minute.
   */
  async function pollVerdicts(t: SyncTarget): Promise<void> {
    polling = true;
    try {
      const now = clock();
      const candidates = statusPollCandidates(db, 25);
      const rows = candidates.filter((r) => r.state === 'sent');
      if (now - lastIdlePoll >= o.idlePollMs) {
        const idle = candidates.find(
          (r) =>
            r.state !== 'sent' &&
            (!r.centralCheckedAt || now - Date.parse(r.centralCheckedAt) >= o.printReadyPollMs),
        );
        if (idle) {
          lastIdlePoll = now;
          rows.push(idle);
        }
      }
      for (const r of rows) {
        if (stopped) return;
        const answer = await askCentral(t, r.packetId);
        if (stopped) return;
        const at = deps.now().toISOString();
        if (answer === 'network') {
          networkDown('status poll');
          break;
        }
        networkUp();
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
        if (applyVerdict(r, answer, t, at)) centreFine();
        else centreTrouble();
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
   * zod: a verdict to verify, 'unknown' (404), 'network' (no answer) or 'trouble' (an answer
   * that is no use: 5xx, other statuses, garbage, a TLS key we do not trust).
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
      reply = await timed(
        clientFor(t).request(path, {
          headers: stationRequestHeaders(
            'GET',
            path,
            stationId,
            deps.stationPrivateKeyPem(),
            deps.now(),
          ),
          timeoutMs: smallTimeoutMs(),
        }),
      );
    } catch (err) {
      if (err instanceof CentralTlsError) {
        if (err.problem === 'pin-mismatch') deps.onTlsMismatch?.(err.seenPin);
        lastError = syncText(L(), err.problem === 'pin-mismatch' ? 'pinMismatch' : 'untrusted');
        return 'trouble';
      }
      if (err instanceof ReplyTooLargeError) {
        logShapeOnce('packet status', 'larger than 64 KiB');
        return 'trouble';
      }
      return 'network';
    }
    if (reply.status === 404) return 'unknown';
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

  /** Stops uploads in flight (the centre keeps their bytes; the next attempt HEADs first). */
  function abortAll(): void {
    for (const f of [...inFlight.values()]) {
      f.settled = true;
      inFlight.delete(f.row.packetId);
      f.controller.abort();
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
      abortAll();
      client?.c.close();
    },
    wake() {
      nextProbeAt = 0;
      centreUntil = 0;
      lastError = null;
      if (!started || stopped) return;
      if (timer) clearTimeout(timer);
      timer = null;
      schedule(0);
    },
    setPaused(p) {
      paused = p;
      // In-flight uploads stop now; their bytes stay on the server and resume later.
      if (p) abortAll();
      if (timer) clearTimeout(timer);
      timer = null;
      schedule(0);
      emitNow();
    },
    status: computeStatus,
    network: () => network,
  };
}
