// The verdict job: the centre's signed answer for an uploaded packet. It comes with the final
// PATCH; the job polls only for verdicts still owed (sent packets, every `verdictPollMs`) and,
// when the centre may have moved a received packet to print-ready, one of those per
// `idlePollMs`: an idle station on a metered link costs a few hundred bytes a minute. The
// packets to ask about are the outbox rows themselves (statusPollCandidates).
import type { CentralStatus } from '../domain/records';
import { checkVerdict, stationRequestHeaders } from '../packets/index';
import type { SignedVerdict } from '../packets/index';
import {
  markRecordingUploaded,
  requeue,
  setCentralStatus,
  setVerifiedVerdict,
  statusPollCandidates,
  touchChecked,
} from '../store/outbox-repo';
import type { OutboxRow } from '../store/outbox-repo';
import { CentralTlsError, ReplyShapeError, ReplyTooLargeError, parseReply } from './central-http';
import type { CentralReply } from './central-http';
import { packetStatusReplySchema } from './central-replies';
import type { SyncContext } from './context';
import type { SyncTarget } from './options';
import type { SyncJobKind } from './scheduler';
import type { StatusReporter } from './status';

type Answer = SignedVerdict | 'unknown' | 'network' | 'trouble';

export class VerdictJob implements SyncJobKind {
  readonly name = 'verdict';
  private polling = false;
  private lastIdlePoll = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly ctx: SyncContext,
    private readonly status: StatusReporter,
  ) {}

  /** Starts a poll unless one runs (or the only request an outage allows is an upload). */
  runDue(now: number, t: SyncTarget): number {
    const { ctx } = this;
    if (!this.polling && !(ctx.network === 'offline' && ctx.inFlight.size > 0)) void this.poll(t);
    const candidates = statusPollCandidates(ctx.db, 1);
    if (!candidates[0]) return Number.POSITIVE_INFINITY;
    return candidates[0].state === 'sent'
      ? ctx.o.verdictPollMs
      : Math.max(ctx.o.printReadyPollMs, this.lastIdlePoll + ctx.o.idlePollMs - now);
  }

  /**
   * The final PATCH's answer carries the centre's signed verdict: acted on only once it
   * verifies, exactly as a status poll's. Without one (an older centre), the poll asks.
   */
  fromPatch(row: OutboxRow, reply: CentralReply): void {
    if (reply.status !== 200 || reply.body.length === 0) return;
    let verdict: SignedVerdict;
    try {
      verdict = parseReply(reply, packetStatusReplySchema).verdict;
    } catch (err) {
      this.ctx.logShapeOnce(
        'upload verdict',
        err instanceof ReplyShapeError ? err.summary : 'invalid',
      );
      return;
    }
    const t = this.ctx.deps.target();
    if (!t) return;
    this.apply({ ...row, state: 'sent' }, verdict, t, this.ctx.deps.now().toISOString());
  }

  /** A verified verdict moves the packet and its recording; a refused one never does. */
  private apply(r: OutboxRow, verdict: SignedVerdict, t: SyncTarget, at: string): boolean {
    const { db, deps } = this.ctx;
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

  private async poll(t: SyncTarget): Promise<void> {
    const { ctx } = this;
    const { db, o } = ctx;
    this.polling = true;
    try {
      const now = ctx.clock();
      const candidates = statusPollCandidates(db, 25);
      const rows = candidates.filter((r) => r.state === 'sent');
      if (now - this.lastIdlePoll >= o.idlePollMs) {
        const idle = candidates.find(
          (r) =>
            r.state !== 'sent' &&
            (!r.centralCheckedAt || now - Date.parse(r.centralCheckedAt) >= o.printReadyPollMs),
        );
        if (idle) {
          this.lastIdlePoll = now;
          rows.push(idle);
        }
      }
      for (const r of rows) {
        if (ctx.stopped) return;
        const answer = await this.ask(t, r.packetId);
        if (ctx.stopped) return;
        const at = ctx.deps.now().toISOString();
        if (answer === 'network') {
          ctx.networkDown('status poll');
          break;
        }
        ctx.networkUp();
        if (answer === 'trouble') {
          ctx.centreTrouble();
          break;
        }
        if (answer === 'unknown') {
          touchChecked(db, r.packetId, at);
          if (
            r.state === 'sent' &&
            r.sentAt &&
            ctx.clock() - Date.parse(r.sentAt) > o.lostAfterMs
          ) {
            ctx.deps.log.warn('centre does not know an uploaded packet; sending again', {
              packetId: r.packetId,
            });
            requeue(db, r.packetId);
          }
          continue;
        }
        if (this.apply(r, answer, t, at)) ctx.centreFine();
        else ctx.centreTrouble();
      }
    } catch (err) {
      ctx.deps.log.warn('status poll failed', {}, err);
      ctx.centreTrouble();
    } finally {
      this.polling = false;
      this.status.emitNow();
    }
  }

  /**
   * One status request, signed by the station key, read with the 64 KiB cap and checked with
   * zod: a verdict to verify, 'unknown' (404), 'network' (no answer) or 'trouble' (an answer
   * that is no use: 5xx, other statuses, garbage, a TLS key we do not trust).
   */
  private async ask(t: SyncTarget, packetId: string): Promise<Answer> {
    const { ctx } = this;
    const { deps } = ctx;
    const stationId = deps.stationId();
    if (!stationId) return 'trouble';
    const path = `/api/packets/${encodeURIComponent(packetId)}`;
    let reply;
    try {
      reply = await ctx.timed(
        ctx.clientFor(t).request(path, {
          headers: stationRequestHeaders(
            'GET',
            path,
            stationId,
            deps.stationPrivateKeyPem(),
            deps.now(),
          ),
          timeoutMs: ctx.smallTimeoutMs(),
        }),
      );
    } catch (err) {
      if (err instanceof CentralTlsError) {
        if (err.problem === 'pin-mismatch') deps.onTlsMismatch?.(err.seenPin);
        ctx.lastError = ctx.text(err.problem === 'pin-mismatch' ? 'pinMismatch' : 'untrusted');
        return 'trouble';
      }
      if (err instanceof ReplyTooLargeError) {
        ctx.logShapeOnce('packet status', 'larger than 64 KiB');
        return 'trouble';
      }
      return 'network';
    }
    if (reply.status === 404) return 'unknown';
    if (reply.status !== 200) {
      ctx.logShapeOnce('packet status', `HTTP ${reply.status}`);
      return 'trouble';
    }
    try {
      return parseReply(reply, packetStatusReplySchema).verdict;
    } catch (err) {
      ctx.logShapeOnce('packet status', err instanceof ReplyShapeError ? err.summary : 'invalid');
      return 'trouble';
    }
  }
}
