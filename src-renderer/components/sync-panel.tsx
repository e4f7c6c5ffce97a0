import { useEffect, useRef, useState } from 'react';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../src-main/api/contract';
import { useApp } from '../app/app-context';
import { formatBytes, formatDateTime } from '../app/format';
import { call, onEvent } from '../app/station-client';
import { Kbd } from './kbd';
import { batchProgress, formatEta, syncTone } from './sync-model';

/**
 * The outbox as the desk sees it: how much waits, how fast it goes, when it last worked and why
 * it last failed. Pausing (e.g. on a metered hotspot) is for supervisors and technicians.
 */
export function SyncPanel({ onClose, style }: { onClose: () => void; style?: CSSProperties }) {
  const { t, i18n } = useTranslation();
  const { session } = useApp();
  const [s, setStatus] = useState<SyncStatus | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const peak = useRef(0);
  const setS = (next: SyncStatus) => {
    const b = batchProgress(peak.current, next);
    peak.current = b.peak;
    setProgress(b.progress);
    setStatus(next);
  };
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const panel = useRef<HTMLDivElement | null>(null);
  const canPause = session.user.role !== 'operator';

  useEffect(() => {
    let live = true;
    void call('sync.status', {}).then((r) => {
      if (!live) return;
      if (r.ok) setS(r.value);
      else setError(r.error.message);
    });
    const off = onEvent('sync.progress', (p) => setS(p));
    return () => {
      live = false;
      off();
    };
  }, []);

  useEffect(() => {
    panel.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    // Capture phase: Esc closes this first, and the form underneath sees it already handled.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);

  const act = async (
    p: Promise<{ ok: true; value: SyncStatus } | { ok: false; error: { message: string } }>,
  ) => {
    setBusy(true);
    const r = await p;
    setBusy(false);
    if (r.ok) {
      setS(r.value);
      setError(null);
    } else setError(r.error.message);
  };

  const eta = s ? formatEta(s.etaSeconds, i18n.language) : null;
  return (
    <div
      className="sync-panel"
      role="dialog"
      aria-labelledby="sync-panel-title"
      tabIndex={-1}
      ref={panel}
      style={style}
      data-testid="sync-panel"
    >
      <header className="sync-panel__head">
        <h2 id="sync-panel-title">{t('sync.title')}</h2>
        <button type="button" className="btn btn--small" onClick={onClose} data-testid="sync-close">
          {t('sync.close')} <Kbd keys="Esc" />
        </button>
      </header>
      {s === null ? (
        error ? null : (
          <p className="muted">{t('common.loading')}</p>
        )
      ) : (
        <>
          <p
            className={`sync-panel__state tone-${syncTone(s.state)}`}
            data-testid="sync-state"
            data-state={s.state}
          >
            {t(`sync.state.${s.state}`)}
          </p>
          <p className="muted small sync-panel__explain">{t(`sync.explain.${s.state}`)}</p>
          <dl className="sync-panel__facts">
            <dt>{t('sync.pending')}</dt>
            <dd data-testid="sync-pending">
              {t('sync.pendingValue', {
                count: s.pendingPackets,
                size: formatBytes(s.pendingBytes, i18n.language),
              })}
            </dd>
            {progress !== null ? (
              <>
                <dt>{t('sync.progress')}</dt>
                <dd>
                  <progress max={1} value={progress} data-testid="sync-progress" />{' '}
                  {Math.round(progress * 100)}%
                  {eta ? <span className="muted"> · {t('sync.eta', { eta })}</span> : null}
                </dd>
              </>
            ) : null}
            <dt>{t('sync.lastSuccess')}</dt>
            <dd data-testid="sync-last-success">
              {s.lastSuccessAt ? formatDateTime(s.lastSuccessAt, i18n.language) : t('sync.never')}
            </dd>
            {s.lastError ? (
              <>
                <dt>{t('sync.lastError')}</dt>
                <dd className="sync-panel__error" data-testid="sync-last-error">
                  {s.lastError}
                </dd>
              </>
            ) : null}
          </dl>
        </>
      )}
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="actions">
        {canPause && s ? (
          <button
            type="button"
            className="btn"
            data-testid="sync-pause"
            disabled={busy}
            onClick={() => void act(call('sync.setPaused', { paused: s.state !== 'paused' }))}
          >
            {s.state === 'paused' ? t('sync.resume') : t('sync.pause')}
          </button>
        ) : null}
        <button
          type="button"
          className="btn btn--primary"
          data-testid="sync-now"
          disabled={busy || s?.state === 'not-configured' || s?.state === 'paused'}
          onClick={() => void act(call('sync.now', {}))}
        >
          {t('sync.now')}
        </button>
      </div>
      {!canPause ? <p className="muted small">{t('sync.pauseWho')}</p> : null}
    </div>
  );
}
