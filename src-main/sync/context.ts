// What the sync scheduler and its jobs share: the runner's switches, the uploads in flight, the
// link's estimate, and how the centre has been answering. Two gates hold every job back:
// - "network gone" (no answer at all): one cheap probe after a twentieth of the outage so far
//   (capped at `networkMaxMs`), counted as one failure per outage;
// - "centre says no" (an HTTP answer that is no use): the shared exponential backoff, jittered,
//   runner-wide, so a queue of 500 packets does not multiply the request rate.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { OutboxRow } from '../store/outbox-repo';
import { backoffMs } from './backoff';
import { createCentralClient } from './central-http';
import type { CentralClient } from './central-http';
import { syncText } from './messages';
import { DEFAULT_LINK_TUNING, LinkEstimate, RateMeter, probeIntervalMs } from './rate';
import type { NetworkState, SyncDeps, SyncOptions, SyncTarget } from './options';

/** One upload job running: its outbox row and what the centre confirmed so far. */
export interface InFlight {
  row: OutboxRow;
  controller: AbortController;
  /** Bytes the centre has confirmed (absolute offset). */
  offset: number;
  /** Where this attempt resumed: progress counts from here, not from byte 0. */
  base: number;
  settled: boolean;
}

export class SyncContext {
  readonly db: Database;
  started = false;
  stopped = false;
  paused = false;
  network: NetworkState = 'unknown';
  lastSuccessAt: string | null = null;
  lastError: string | null = null;
  readonly inFlight = new Map<string, InFlight>();
  readonly meter = new RateMeter();
  readonly link: LinkEstimate;
  /** Consecutive failures the centre answered (5xx, 4xx, garbage): every retry path backs off. */
  private centreFailures = 0;
  private centreUntil = 0;
  /** When the current outage began, and when the link may be tried again (one probe). */
  private outageStartedAt = 0;
  private nextProbeAt = 0;
  /** Since when the link has been up (an outage then tells how long up-windows last). */
  private onlineSince: number | null = null;
  private client: { key: string; c: CentralClient } | null = null;
  /** Reply shapes already logged: a centre sending garbage fills no log. */
  private readonly loggedShapes = new Set<string>();
  /** Asks for a pass within `ms` (the scheduler sets it). */
  schedule: (ms: number) => void = () => {};

  constructor(
    readonly deps: SyncDeps,
    readonly o: SyncOptions,
  ) {
    this.db = deps.db;
    this.link = new LinkEstimate({
      ...DEFAULT_LINK_TUNING,
      stallMinMs: o.stallMs,
      chunkTargetMs: o.chunkTargetMs,
    });
  }

  clock(): number {
    return this.deps.now().getTime();
  }

  text(key: Parameters<typeof syncText>[1], vars?: Record<string, string>): string {
    return syncText(this.deps.locale(), key, vars);
  }

  /** One pinned client per (URL, pin); a new configuration closes the old connections. */
  clientFor(t: SyncTarget): CentralClient {
    const key = `${t.url}|${t.tlsPin ?? ''}`;
    if (this.client?.key !== key) {
      this.client?.c.close();
      this.client = {
        key,
        c: createCentralClient({ url: t.url, pin: t.tlsPin, timeoutMs: this.o.requestTimeoutMs }),
      };
    }
    return this.client.c;
  }

  closeClient(): void {
    this.client?.c.close();
  }

  /** The centre answered but not usefully: back off the whole runner (jittered, capped). */
  centreTrouble(): number {
    this.centreFailures += 1;
    const wait = backoffMs(
      this.centreFailures,
      { baseMs: this.o.backoffBaseMs, maxMs: this.o.backoffMaxMs },
      this.o.random,
    );
    this.centreUntil = Math.max(this.centreUntil, this.clock() + wait);
    return wait;
  }

  centreFine(): void {
    this.centreFailures = 0;
    this.centreUntil = 0;
  }

  /** Until when no job may run: the centre's backoff, or (offline) the next probe. */
  holdUntil(): number {
    return Math.max(this.centreUntil, this.network === 'offline' ? this.nextProbeAt : 0);
  }

  /** Try now (sync.now, a new packet, new config): both gates open, the error is forgotten. */
  openGates(): void {
    this.nextProbeAt = 0;
    this.centreUntil = 0;
    this.lastError = null;
  }

  logShapeOnce(what: string, detail: string): void {
    const key = `${what}|${detail}`;
    if (this.loggedShapes.has(key) || this.loggedShapes.size > 200) return;
    this.loggedShapes.add(key);
    this.deps.log.warn('central reply refused', { what, detail });
  }

  /**
   * No answer from the centre: the network is gone. The first failure of an outage is counted
   * (true is returned); then the link is probed again after a twentieth of the outage so far.
   */
  networkDown(detail: string): boolean {
    const now = this.clock();
    const fresh = this.network !== 'offline';
    if (fresh) {
      this.outageStartedAt = now;
      if (this.onlineSince !== null) this.link.noteUpWindow(now - this.onlineSince);
      this.onlineSince = null;
      this.deps.log.warn('central unreachable, probing', { detail });
    }
    this.network = 'offline';
    this.lastError = this.text('offline');
    this.nextProbeAt =
      now +
      probeIntervalMs(
        now - this.outageStartedAt,
        { minMs: this.o.probeMinMs, maxMs: this.o.networkMaxMs },
        this.o.random,
      );
    return fresh;
  }

  /** Any HTTP answer: the link works (whatever the centre said). */
  networkUp(): void {
    this.nextProbeAt = 0;
    if (this.network === 'online') return;
    const wasOffline = this.network === 'offline';
    this.network = 'online';
    this.onlineSince = this.clock();
    if (wasOffline) {
      if (this.lastError === this.text('offline')) this.lastError = null;
      // The probe got through: the other uploads may start now.
      this.schedule(0);
    }
  }

  /** A timed small request: its duration is the round trip the stall windows build on. */
  async timed<T>(what: Promise<T>): Promise<T> {
    const t0 = this.clock();
    const v = await what;
    this.link.noteRoundTrip(this.clock() - t0);
    this.networkUp();
    return v;
  }

  smallTimeoutMs(): number {
    return Math.max(this.o.requestTimeoutMs, this.link.stallWindowMs(2048) / 3);
  }
}
