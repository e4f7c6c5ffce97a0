import type { SessionInfo, SessionUser } from '../../api/contract';

export const DEFAULT_IDLE_LOCK_MINUTES = 5;

export type SessionChange = 'login' | 'logout' | 'lock' | 'unlock';

export interface DeskSessionOptions {
  now: () => Date;
  idleLockMinutes: () => number;
  /** Called after every change, with the new state (null after logout). */
  onChange: (info: SessionInfo | null, change: SessionChange) => void;
}

interface State {
  user: SessionUser;
  locked: boolean;
  lastActivity: number;
}

/**
 * The one session of this desk. A station process serves one physical desk, so one person is
 * signed in at a time; a colleague taking over signs the first one out.
 */
export class DeskSession {
  private state: State | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly opts: DeskSessionOptions) {}

  /** Current state after applying the idle rule, so a call never sees a stale unlocked session. */
  current(): Readonly<State> | null {
    this.checkIdle();
    return this.state;
  }

  info(): SessionInfo | null {
    const s = this.current();
    return s ? this.toInfo(s) : null;
  }

  start(user: SessionUser): SessionInfo {
    this.state = { user, locked: false, lastActivity: this.opts.now().getTime() };
    const info = this.toInfo(this.state);
    this.opts.onChange(info, 'login');
    return info;
  }

  end(): void {
    if (!this.state) return;
    this.state = null;
    this.opts.onChange(null, 'logout');
  }

  /** Activity from an unlocked session pushes the idle lock back. */
  touch(): void {
    if (this.state && !this.state.locked) this.state.lastActivity = this.opts.now().getTime();
  }

  lock(): void {
    if (!this.state || this.state.locked) return;
    this.state.locked = true;
    this.opts.onChange(this.toInfo(this.state), 'lock');
  }

  unlock(): SessionInfo | null {
    if (!this.state) return null;
    const wasLocked = this.state.locked;
    this.state.locked = false;
    this.state.lastActivity = this.opts.now().getTime();
    const info = this.toInfo(this.state);
    if (wasLocked) this.opts.onChange(info, 'unlock');
    return info;
  }

  /** Locks the session if it has been idle too long. Returns true if it locked now. */
  checkIdle(): boolean {
    const s = this.state;
    if (!s || s.locked) return false;
    const idleMs = this.opts.idleLockMinutes() * 60_000;
    if (idleMs > 0 && this.opts.now().getTime() - s.lastActivity >= idleMs) {
      this.lock();
      return true;
    }
    return false;
  }

  /** Background check so the screen locks even when nobody calls; never keeps Node alive. */
  startTimer(intervalMs = 5_000): void {
    this.stopTimer();
    this.timer = setInterval(() => this.checkIdle(), intervalMs);
    this.timer.unref();
  }

  stopTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private toInfo(s: State): SessionInfo {
    return { user: { ...s.user }, locked: s.locked, idleLockMinutes: this.opts.idleLockMinutes() };
  }
}
