// The sync status the station shows (queue, bytes, rate, ETA, last error), and its delivery:
// at once on every state change, throttled while upload progress arrives per chunk.
import type { SyncStatus } from '../domain/records';
import { outboxTotals } from '../store/outbox-repo';
import type { SyncContext } from './context';

/** Progress comes per acknowledged chunk; the renderer needs a few updates a second at most. */
const PROGRESS_EVERY_MS = 250;

export class StatusReporter {
  private lastEmit = 0;
  private emitTimer: NodeJS.Timeout | null = null;

  constructor(private readonly ctx: SyncContext) {}

  compute(): SyncStatus {
    const { ctx } = this;
    const totals = outboxTotals(ctx.db);
    let confirmed = 0;
    for (const f of ctx.inFlight.values()) confirmed += f.offset;
    const remaining = Math.max(0, totals.pendingBytes - confirmed);
    const t = ctx.deps.target();
    let state: SyncStatus['state'];
    if (ctx.paused) state = 'paused';
    else if (!t || !t.registered) state = 'not-configured';
    else if (ctx.network === 'offline' && totals.pendingPackets > 0) state = 'offline';
    else if (ctx.inFlight.size > 0) state = 'syncing';
    else if (ctx.lastError && totals.pendingPackets > 0) state = 'error';
    else state = totals.pendingPackets > 0 && totals.pendingBytes > 0 ? 'syncing' : 'idle';
    const rate = ctx.meter.rate(ctx.clock());
    return {
      state,
      pendingPackets: totals.pendingPackets,
      pendingBytes: remaining,
      // Bytes the centre confirmed in this run: a resumed upload counts from its offset.
      sentBytes: ctx.meter.sent,
      etaSeconds:
        rate && rate > 0 && remaining > 0
          ? Math.ceil(remaining / rate)
          : remaining === 0
            ? 0
            : null,
      lastSuccessAt: ctx.lastSuccessAt,
      lastError: ctx.lastError,
    };
  }

  emitNow(): void {
    const { ctx } = this;
    if (ctx.stopped) return;
    this.lastEmit = ctx.clock();
    this.cancel();
    try {
      ctx.deps.onStatus(this.compute(), ctx.network);
    } catch (err) {
      ctx.deps.log.warn('sync status listener failed', {}, err);
    }
  }

  emitThrottled(): void {
    if (this.ctx.stopped || this.emitTimer) return;
    const wait = Math.max(0, PROGRESS_EVERY_MS - (this.ctx.clock() - this.lastEmit));
    if (wait === 0) return this.emitNow();
    this.emitTimer = setTimeout(() => this.emitNow(), wait);
    this.emitTimer.unref();
  }

  /** Drops a throttled update still waiting (on stop). */
  cancel(): void {
    if (this.emitTimer) {
      clearTimeout(this.emitTimer);
      this.emitTimer = null;
    }
  }
}
