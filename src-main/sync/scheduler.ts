// The sync scheduler, after Signal Desktop's JobManager: each pass asks every kind of job which
// of its jobs are next and runs them, then sleeps until the earliest one is due again. The jobs
// persist in the outbox rows (next attempt time, attempts, the tus URL), so the scheduler holds
// nothing that a restart would lose; retry timing comes from each job's failure handling and
// the shared backoff (context.ts). It never spins: with nothing due it sleeps on an unref'd
// timer until the next due time, or until `soon()` (sync.now, a new packet, new config).
import type { SyncContext } from './context';
import type { SyncTarget } from './options';
import type { StatusReporter } from './status';

/** One kind of job (the outbox's uploads, the verdicts owed): run what is due now. */
export interface SyncJobKind {
  readonly name: string;
  /** Starts the jobs due at `now` (they settle on their own); ms until one is next due. */
  runDue(now: number, target: SyncTarget): number;
}

/** A job that runs whether or not the centre is configured or reachable (housekeeping). */
export interface LocalJob {
  /** Runs it if due; ms until it is next due. */
  runDue(now: number): number;
  /** How long a paused or unconfigured runner sleeps (it still wakes for this job). */
  readonly everyMs: number;
}

/** Shortest sleep between passes that found work still to come. */
const MIN_SLEEP_MS = 50;

export class SyncScheduler {
  private timer: NodeJS.Timeout | null = null;
  private timerAt = 0;

  constructor(
    private readonly ctx: SyncContext,
    private readonly status: StatusReporter,
    private readonly local: LocalJob,
    private readonly kinds: readonly SyncJobKind[],
  ) {
    ctx.schedule = (ms) => this.schedule(ms);
  }

  /** A pass within `ms` (an earlier pass already planned stays). */
  schedule(ms: number): void {
    const { ctx } = this;
    if (ctx.stopped || !ctx.started) return;
    const at = Date.now() + Math.max(0, ms);
    if (this.timer && this.timerAt <= at) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.pass();
      },
      Math.max(0, ms),
    );
    // The runner must never keep the app (or a test) alive on its own.
    this.timer.unref();
  }

  /** A pass now, whatever was planned. */
  soon(): void {
    this.cancel();
    this.schedule(0);
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private pass(): void {
    const { ctx } = this;
    if (ctx.stopped || !ctx.started) return;
    try {
      this.runDue();
    } catch (err) {
      // A store error (disk full, closed DB) must not kill the runner's timer chain.
      ctx.deps.log.warn('sync pass failed', {}, err);
      this.schedule(ctx.o.backoffBaseMs);
    }
  }

  private runDue(): void {
    const { ctx } = this;
    const now = ctx.clock();
    let next = this.local.runDue(now);
    const t = ctx.deps.target();
    if (ctx.paused || !t || !t.registered) {
      this.status.emitNow();
      // Woken by setPaused / config change; an hourly tick still runs the local job.
      this.schedule(this.local.everyMs);
      return;
    }
    const holdUntil = ctx.holdUntil();
    if (now < holdUntil) {
      this.status.emitNow();
      this.schedule(holdUntil - now);
      return;
    }
    for (const kind of this.kinds) next = Math.min(next, kind.runDue(now, t));
    this.schedule(Math.max(next, MIN_SLEEP_MS));
    this.status.emitNow();
  }
}
