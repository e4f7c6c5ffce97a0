// Pure figures for the sync indicator and panel, kept out of the components for tests.
import type { StatusEvent, SyncStatus } from '../../src-main/api/contract';

/**
 * Share of the current batch already sent (0–1), or null when nothing is on its way. `sentBytes`
 * counts since the station started, so the batch is measured against the largest queue seen
 * since it was last empty (`peak`), which the caller keeps between reports.
 */
export function batchProgress(
  peak: number,
  s: Pick<SyncStatus, 'state' | 'pendingBytes'>,
): { peak: number; progress: number | null } {
  if (s.pendingBytes <= 0) return { peak: 0, progress: null };
  const next = Math.max(peak, s.pendingBytes);
  if (s.state !== 'syncing') return { peak: next, progress: null };
  return { peak: next, progress: Math.min(1, Math.max(0, 1 - s.pendingBytes / next)) };
}

/** "±3 menit" / "about 3 min": ETAs are rough, so they are rounded to what a person plans by. */
export function formatEta(seconds: number | null, locale: string): string | null {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return null;
  const en = locale === 'en';
  if (seconds < 60) return en ? 'under a minute' : 'kurang dari 1 menit';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return en ? `about ${minutes} min` : `±${minutes} menit`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (en) return m === 0 ? `about ${h} h` : `about ${h} h ${m} min`;
  return m === 0 ? `±${h} jam` : `±${h} jam ${m} menit`;
}

export type SyncTone = 'ok' | 'bad' | 'muted' | 'busy';

/** Colour family of a sync state; the words always say it too. */
export function syncTone(state: SyncStatus['state'] | StatusEvent['sync']['state']): SyncTone {
  switch (state) {
    case 'idle':
      return 'ok';
    case 'syncing':
      return 'busy';
    case 'paused':
    case 'offline':
    case 'error':
      return 'bad';
    default:
      return 'muted';
  }
}
