// The outbox runner: uploads sealed packets to the centre over tus and takes each verdict from
// the final PATCH answer (signed; a status poll only when it is missing). Built for GPRS-class
// links (16–64 kbit/s, outages of seconds every minute). The pieces:
// - scheduler.ts: which jobs are next, run them, sleep until the next is due (no spinning);
// - upload-job.ts: the tus upload of one packet, resumable from its outbox row;
// - verdict-job.ts: the centre's signed verdicts, from the PATCH answer or a status poll;
// - housekeeping-job.ts: retention and the storage sample on the same timer;
// - context.ts: shared state, the "network gone" probe and the "centre says no" backoff;
// - status.ts: the status the station shows, throttled while progress streams in.
import { SyncContext } from './context';
import { HousekeepingJob } from './housekeeping-job';
import { DEFAULT_SYNC_OPTIONS } from './options';
import type { SyncDeps, SyncOptions, SyncRunner } from './options';
import { SyncScheduler } from './scheduler';
import { StatusReporter } from './status';
import { UploadJob } from './upload-job';
import { VerdictJob } from './verdict-job';

export { DEFAULT_SYNC_OPTIONS } from './options';
export type { NetworkState, SyncDeps, SyncOptions, SyncRunner, SyncTarget } from './options';
export { classify } from './upload-job';
export { UploadUrlRefusedError } from './tus';

export function createSyncRunner(deps: SyncDeps, options: Partial<SyncOptions> = {}): SyncRunner {
  const ctx = new SyncContext(deps, { ...DEFAULT_SYNC_OPTIONS, ...options });
  const status = new StatusReporter(ctx);
  const verdicts = new VerdictJob(ctx, status);
  const uploads = new UploadJob(ctx, status, verdicts);
  const scheduler = new SyncScheduler(ctx, status, new HousekeepingJob(ctx), [uploads, verdicts]);

  return {
    start() {
      if (ctx.started || ctx.stopped) return;
      ctx.started = true;
      scheduler.schedule(0);
    },
    stop() {
      if (ctx.stopped) return;
      ctx.stopped = true;
      scheduler.cancel();
      status.cancel();
      uploads.abortAll();
      ctx.closeClient();
    },
    wake() {
      ctx.openGates();
      if (!ctx.started || ctx.stopped) return;
      scheduler.soon();
    },
    setPaused(p) {
      ctx.paused = p;
      // In-flight uploads stop now; their bytes stay on the server and resume later.
      if (p) uploads.abortAll();
      scheduler.soon();
      status.emitNow();
    },
    status: () => status.compute(),
    network: () => ctx.network,
  };
}
