// The upload job: one sealed packet to the centre over tus. The job is its outbox row (the tus
// upload URL, attempts, next attempt time), so a network drop, an app restart or a crash
// resumes from the server's offset, checked by HEAD first. A request is abandoned only when
// nothing was acknowledged for a stall window scaled to the measured rate and round trip
// (rate.ts), never for being slow; PATCH chunks are sized to the measured rate; one upload at
// a time on a slow link or while offline (the probe), as many as the link carries otherwise.
import {
  dueUploads,
  markAttemptFailed,
  markSent,
  nextDueAt,
  packetBytes,
  setUploadUrl,
} from '../store/outbox-repo';
import type { OutboxRow } from '../store/outbox-repo';
import { CentralTlsError, ReplyTooLargeError, uploadUrlAllowed } from './central-http';
import type { CentralClient, CentralReply } from './central-http';
import type { InFlight, SyncContext } from './context';
import type { SyncTarget } from './options';
import type { SyncJobKind } from './scheduler';
import type { StatusReporter } from './status';
import {
  TusReplyError,
  UploadUrlRefusedError,
  filesEndpoint,
  tusCreate,
  tusOffset,
  tusPatch,
} from './tus';
import type { VerdictJob } from './verdict-job';

type Failure =
  | { kind: 'network'; detail: string }
  | { kind: 'tls'; error: CentralTlsError }
  | { kind: 'location' }
  | { kind: 'server'; status: number }
  | { kind: 'client'; status: number }
  | { kind: 'gone'; status: number }
  | { kind: 'locked'; status: number };

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

export class UploadJob implements SyncJobKind {
  readonly name = 'upload';
  /** PATCH bodies on the wire now (they share the link, so each gets a longer window). */
  private patchBytesInFlight = 0;
  /** Per packet: the confirmed offset when a PATCH was cut, to learn if the centre kept the rest. */
  private readonly interrupted = new Map<string, { acked: number; sentMs: number }>();

  constructor(
    private readonly ctx: SyncContext,
    private readonly status: StatusReporter,
    private readonly verdicts: VerdictJob,
  ) {}

  /** Starts the due packets the link has room for; ms until the next one is due. */
  runDue(now: number, t: SyncTarget): number {
    const { ctx } = this;
    const { inFlight } = ctx;
    // Offline, one request at a time probes the link; online, as many as the link carries.
    const want = ctx.network === 'offline' ? 1 : ctx.link.concurrency(ctx.o.concurrency);
    const free = want - inFlight.size;
    if (free > 0) {
      const rows = dueUploads(ctx.db, new Date(now).toISOString(), free, [...inFlight.keys()]);
      for (const row of rows) this.start(row, t);
    }
    const due = nextDueAt(ctx.db, [...inFlight.keys()]);
    if (due === null || inFlight.size >= want) return Number.POSITIVE_INFINITY;
    return due === '' ? 0 : Math.max(0, Date.parse(due) - now);
  }

  /** Stops uploads in flight (the centre keeps their bytes; the next attempt HEADs first). */
  abortAll(): void {
    const { inFlight } = this.ctx;
    for (const f of [...inFlight.values()]) {
      f.settled = true;
      inFlight.delete(f.row.packetId);
      f.controller.abort();
    }
  }

  private start(row: OutboxRow, target: SyncTarget): void {
    const { ctx } = this;
    const bytes = packetBytes(ctx.db, row.packetId);
    const stationId = ctx.deps.stationId();
    if (!bytes || !stationId) return;
    const entry: InFlight = {
      row,
      controller: new AbortController(),
      offset: 0,
      base: 0,
      settled: false,
    };
    ctx.inFlight.set(row.packetId, entry);
    this.upload(entry, ctx.clientFor(target), bytes, stationId).then(
      (reply) => this.settle(entry, null, reply),
      (err: unknown) => this.settle(entry, err, null),
    );
  }

  /** One attempt: HEAD (or POST) then PATCH chunks; the final PATCH's reply (null: none). */
  private async upload(
    entry: InFlight,
    c: CentralClient,
    bytes: Buffer,
    stationId: string,
  ): Promise<CentralReply | null> {
    const { ctx } = this;
    const { db, link } = ctx;
    const id = entry.row.packetId;
    const size = bytes.length;
    const signal = entry.controller.signal;
    const small = () => ({ timeoutMs: ctx.smallTimeoutMs(), signal });
    let url = entry.row.uploadUrl;
    if (url && !uploadUrlAllowed(url, filesEndpoint(c))) {
      // Stored before the centre moved, or written by someone else: never follow it.
      setUploadUrl(db, id, null);
      url = null;
    }
    let offset = 0;
    if (url) {
      try {
        offset = await ctx.timed(tusOffset(c, url, size, small()));
      } catch (err) {
        // The centre lost or expired the upload: start it over at once (same packet id).
        if (!(err instanceof TusReplyError) || (err.status !== 404 && err.status !== 410)) {
          throw err;
        }
        ctx.networkUp();
        url = null;
      }
      this.learnPartialKept(id, offset);
    }
    if (!url) {
      const meta = { packetId: id, stationId, filename: `${id}.rkmp` };
      url = await ctx.timed(
        tusCreate(c, size, { ...meta, filetype: 'application/octet-stream' }, small()),
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
      const t0 = ctx.clock();
      this.patchBytesInFlight += n;
      let r;
      try {
        r = await tusPatch(c, url, offset, bytes.subarray(offset, offset + n), size, {
          timeoutMs: link.stallWindowMs(this.patchBytesInFlight),
          signal,
          pieceBytes: link.pieceBytes(),
        });
      } catch (err) {
        if (err instanceof TusReplyError && err.status === 409 && conflicts++ === 0) {
          // The centre holds another offset (a retried request landed in part): ask, go on.
          ctx.networkUp();
          offset = await ctx.timed(tusOffset(c, url, size, small()));
          entry.offset = offset;
          continue;
        }
        if (!(err instanceof TusReplyError)) {
          this.interrupted.set(id, { acked: offset, sentMs: ctx.clock() - t0 });
        }
        throw err;
      } finally {
        this.patchBytesInFlight -= n;
      }
      const took = ctx.clock() - t0;
      ctx.networkUp();
      link.noteChunk(r.offset - offset, took);
      ctx.meter.add(r.offset - offset, ctx.clock());
      offset = r.offset;
      entry.offset = offset;
      reply = r.reply;
      this.status.emitThrottled();
    }
    this.interrupted.delete(id);
    return offset === size && reply ? reply : null;
  }

  /** After a cut PATCH: did the centre keep the bytes that had reached it? */
  private learnPartialKept(id: string, headOffset: number): void {
    const { link } = this.ctx;
    const cut = this.interrupted.get(id);
    if (!cut) return;
    this.interrupted.delete(id);
    if (headOffset > cut.acked) {
      link.partialKept = true;
      // What reached the centre before the cut measures the link as well as an answer would.
      link.noteChunk(headOffset - cut.acked, cut.sentMs);
    }
    // Only a PATCH that ran for a while must have delivered something.
    else if (cut.sentMs > 2 * (link.rttMs ?? 1000) + 1000) link.partialKept = false;
  }

  private settle(entry: InFlight, err: unknown, reply: CentralReply | null): void {
    const { ctx } = this;
    if (entry.settled) return;
    entry.settled = true;
    ctx.inFlight.delete(entry.row.packetId);
    if (ctx.stopped) return;
    const id = entry.row.packetId;
    const at = ctx.deps.now().toISOString();
    try {
      if (err === null) {
        ctx.centreFine();
        ctx.deps.onTlsMismatch?.(null);
        markSent(ctx.db, id, at);
        ctx.lastSuccessAt = at;
        ctx.lastError = null;
        ctx.deps.log.info('packet uploaded', { packetId: id, bytes: entry.row.size });
        if (reply) this.verdicts.fromPatch(entry.row, reply);
      } else {
        this.failed(entry, classify(err));
      }
    } catch (e) {
      ctx.deps.log.warn('outbox update failed', { packetId: id }, e);
    }
    ctx.schedule(0);
    this.status.emitNow();
  }

  /** Retry config: when this packet is due again, by what went wrong. */
  private failed(entry: InFlight, f: Failure): void {
    const { ctx } = this;
    const { db } = ctx;
    const id = entry.row.packetId;
    const later = (ms: number) => new Date(ctx.clock() + ms).toISOString();
    if (f.kind === 'network') {
      // One failure per outage, not per request; the packet stays due (the probe gates it).
      if (ctx.networkDown(f.detail)) markAttemptFailed(db, id, f.detail, later(0));
      return;
    }
    if (f.kind === 'tls') {
      // Not "offline": the technician must act (compare the key by phone, re-pin or not).
      const wait = ctx.centreTrouble();
      const mismatch = f.error.problem === 'pin-mismatch';
      ctx.lastError = ctx.text(mismatch ? 'pinMismatch' : 'untrusted');
      if (mismatch) ctx.deps.onTlsMismatch?.(f.error.seenPin);
      markAttemptFailed(db, id, `TLS ${f.error.problem}`, later(wait));
      return;
    }
    // The centre answered, but not with success: every such path backs off, with jitter,
    // runner-wide (so a queue of 500 packets does not multiply the request rate).
    ctx.networkUp();
    const wait = ctx.centreTrouble();
    let note: string;
    if (f.kind === 'gone') {
      // A stored upload the centre lost or expired: start it over (same packet id).
      setUploadUrl(db, id, null);
      note = `upload gone (HTTP ${f.status})`;
    } else if (f.kind === 'location') {
      setUploadUrl(db, id, null);
      note = 'upload URL refused';
      ctx.logShapeOnce('tus Location', 'not under the central files path');
    } else {
      note = f.kind === 'locked' ? `upload locked (HTTP ${f.status})` : `HTTP ${f.status}`;
      ctx.lastError = ctx.text(f.kind === 'server' ? 'serverError' : 'refused', {
        status: String(f.status),
      });
    }
    markAttemptFailed(db, id, note, later(wait));
    ctx.deps.log.warn('packet upload failed', { packetId: id, detail: note, retryMs: wait });
  }
}
