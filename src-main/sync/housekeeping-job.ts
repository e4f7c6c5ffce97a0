// Housekeeping (retention, the day's storage sample) rides on the sync runner's timer: hourly,
// also while sync is paused or not configured, one run at a time (the station's own guard).
import type { SyncContext } from './context';
import type { LocalJob } from './scheduler';

export class HousekeepingJob implements LocalJob {
  private last = 0;

  constructor(private readonly ctx: SyncContext) {}

  get everyMs(): number {
    return this.ctx.o.housekeepingMs;
  }

  runDue(now: number): number {
    const { deps, o } = this.ctx;
    if (deps.housekeeping && now - this.last >= o.housekeepingMs) {
      this.last = now;
      try {
        deps.housekeeping();
      } catch (err) {
        deps.log.warn('housekeeping failed', {}, err);
      }
    }
    return o.housekeepingMs - (now - this.last);
  }
}
