import { useEffect, useRef, useState } from 'react';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../src-main/api/contract';
import './sync-panel.css';
import { useApp } from '../app/app-context';
import { onEvent } from '../app/station-client';
import { SyncPanel } from './sync-panel';
import { batchProgress, syncTone } from './sync-model';

interface View {
  state: SyncStatus['state'];
  pending: number;
  progress: number | null;
}

/**
 * The status-bar entry for sync: always says how many recordings wait, and opens the panel.
 * The status event carries the coarse state; `sync.progress` adds offline/error and the rate.
 */
export function SyncIndicator() {
  const { t } = useTranslation();
  const { status } = useApp();
  const [detail, setDetail] = useState<(View & { coarseKey: string }) | null>(null);
  const [open, setOpen] = useState<CSSProperties | null>(null);
  const btn = useRef<HTMLButtonElement | null>(null);
  const peak = useRef(0);
  const coarse = status?.sync;
  const coarseKey = coarse ? `${coarse.state}/${coarse.pending}` : '';
  const coarseKeyRef = useRef(coarseKey);
  useEffect(() => {
    coarseKeyRef.current = coarseKey;
  }, [coarseKey]);
  useEffect(
    () =>
      onEvent('sync.progress', (p) => {
        const b = batchProgress(peak.current, p);
        peak.current = b.peak;
        setDetail({
          state: p.state,
          pending: p.pendingPackets,
          progress: b.progress,
          coarseKey: coarseKeyRef.current,
        });
      }),
    [],
  );
  // Whichever spoke last wins (both come from the same runner in main): a progress report
  // stands until the status event changes after it.
  const view: View | null =
    detail && detail.coarseKey === coarseKey
      ? detail
      : coarse
        ? { state: coarse.state, pending: coarse.pending, progress: null }
        : detail;

  const state = view?.state ?? null;
  const text =
    view === null
      ? t('status.sync.unknown')
      : t(`sync.short.${view.state}`, { count: view.pending }) +
        (view.progress !== null ? ` · ${Math.round(view.progress * 100)}%` : '');
  return (
    <span className="sync-indicator">
      <button
        type="button"
        className={`status-item sync-indicator__btn tone-${state ? syncTone(state) : 'muted'}`}
        data-testid="sync-indicator"
        data-state={state ?? 'unknown'}
        ref={btn}
        aria-expanded={open !== null}
        aria-haspopup="dialog"
        onClick={() => setOpen((o) => (o ? null : placeAbove(btn.current)))}
      >
        {t('status.sync.label')}: <strong>{text}</strong> <span aria-hidden="true">▴</span>
      </button>
      {open ? <SyncPanel style={open} onClose={() => setOpen(null)} /> : null}
    </span>
  );
}

/** Above the whole status bar (not over its other items), starting where the button starts. */
function placeAbove(button: HTMLElement | null): CSSProperties {
  const bar = button?.closest('.status-bar') ?? button;
  if (!button || !bar) return {};
  const left = Math.max(8, Math.min(button.getBoundingClientRect().left, window.innerWidth - 500));
  return { bottom: window.innerHeight - bar.getBoundingClientRect().top + 8, left };
}
