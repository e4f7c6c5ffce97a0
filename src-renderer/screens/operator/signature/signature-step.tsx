import { useCallback, useEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type {
  PenPoint,
  SignatureDeviceInfo,
  SignatureRecord,
} from '../../../../src-main/api/contract';
import { call, onEvent } from '../../../app/station-client';
import { Kbd } from '../../../components/kbd';
import { SignatureCanvas } from './signature-canvas';
import type { SignatureCanvasApi } from './signature-canvas';
import { liveStats } from './signature-model';
import './signature.css';

export interface SignatureStepProps {
  recordingId: string;
  /** Called with true when a signature or an exception is stored, false when cleared. */
  onChange: (done: boolean) => void;
  onNext: () => void;
}

const SIM_SCRIPTS = ['signature', 'short', 'garbage', 'unplug'] as const;

/**
 * Step 4: the resident signs on the pad while the strokes appear here live (pressure as line
 * width). The operator accepts, clears and redoes, or records that the resident cannot sign.
 * Keyboard: Enter accepts, Delete clears, Alt+S simulates on a simulated pad.
 */
export function SignatureStep({ recordingId, onChange, onNext }: SignatureStepProps) {
  const { t } = useTranslation();
  const [device, setDevice] = useState<SignatureDeviceInfo | null>(null);
  const [stored, setStored] = useState<SignatureRecord | null | undefined>(undefined);
  const [session, setSession] = useState(false);
  const [points, setPoints] = useState<PenPoint[]>([]);
  const [message, setMessage] = useState<{ tone: 'bad' | 'ok'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [exceptionOpen, setExceptionOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [script, setScript] = useState<(typeof SIM_SCRIPTS)[number]>('signature');
  const canvas = useRef<SignatureCanvasApi | null>(null);
  const pointsRef = useRef<PenPoint[]>([]);

  const refreshDevice = useCallback(async () => {
    const r = await call('signature.device', {});
    if (r.ok) setDevice(r.value);
  }, []);

  const startSession = useCallback(async () => {
    const r = await call('signature.start', { recordingId });
    if (!r.ok) {
      setSession(false);
      setMessage({ tone: 'bad', text: r.error.message });
      return;
    }
    setSession(true);
  }, [recordingId]);

  // Load what is stored; without a signature the pad is opened for this resident at once.
  useEffect(() => {
    let live = true;
    void (async () => {
      await refreshDevice();
      const r = await call('signature.get', { recordingId });
      if (!live) return;
      const s = r.ok ? r.value : null;
      setStored(s);
      if (!s) await startSession();
    })();
    return () => {
      live = false;
      void call('signature.cancel', {});
    };
  }, [recordingId, refreshDevice, startSession]);

  useEffect(() => {
    const offPoints = onEvent('signature.points', (e) => {
      if (e.recordingId !== recordingId) return;
      if (e.cleared) {
        pointsRef.current = [];
        canvas.current?.clear();
      }
      if (e.points.length > 0) {
        pointsRef.current = [...pointsRef.current, ...e.points];
        canvas.current?.add(e.points);
        // A new stroke after a refusal: the resident is signing again.
        setMessage((m) => (m?.tone === 'bad' ? null : m));
      }
      setPoints(pointsRef.current);
    });
    const offStatus = onEvent('status', () => void refreshDevice());
    return () => {
      offPoints();
      offStatus();
    };
  }, [recordingId, refreshDevice]);

  const clear = useCallback(async () => {
    setBusy(true);
    const r = await call('signature.clear', { recordingId });
    setBusy(false);
    if (!r.ok) return setMessage({ tone: 'bad', text: r.error.message });
    setMessage(null);
    pointsRef.current = [];
    setPoints([]);
    canvas.current?.clear();
    if (stored) {
      setStored(null);
      onChange(false);
    }
    if (!session || stored) await startSession();
  }, [recordingId, stored, session, startSession, onChange]);

  const accept = useCallback(async () => {
    setBusy(true);
    const r = await call('signature.accept', { recordingId });
    setBusy(false);
    if (!r.ok) return setMessage({ tone: 'bad', text: r.error.message });
    flushSync(() => {
      setStored(r.value);
      setSession(false);
      setMessage({ tone: 'ok', text: t('signature.accepted') });
    });
    onChange(true);
    // The step is done: the keyboard is on "Lanjut ke Tinjau", so Enter goes on.
    document.getElementById('sig-next')?.focus();
  }, [recordingId, onChange, t]);

  const saveException = useCallback(async () => {
    if (reason.trim().length < 3) return setReasonError(t('signature.reasonRequired'));
    const r = await call('signature.setException', { recordingId, reason: reason.trim() });
    if (!r.ok) return setReasonError(r.error.message);
    flushSync(() => {
      setStored(r.value);
      setSession(false);
      setExceptionOpen(false);
      setReasonError(null);
      setMessage({ tone: 'ok', text: t('signature.exceptionSaved') });
    });
    onChange(true);
    document.getElementById('sig-next')?.focus();
  }, [recordingId, reason, onChange, t]);

  const simulate = useCallback(async () => {
    const r = await call('signature.simulate', { script });
    if (!r.ok) setMessage({ tone: 'bad', text: r.error.message });
  }, [script]);

  const simulated = device?.simulated ?? false;
  const signing = session && !stored;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey) return;
      if (e.altKey && e.code === 'KeyS' && simulated && signing) {
        e.preventDefault();
        void simulate();
        return;
      }
      if (e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('textarea, input, select') || exceptionOpen || busy) return;
      // Enter on a focused button presses that button; elsewhere it accepts, then goes on.
      if (e.key === 'Enter' && !target?.closest('button')) {
        if (signing) {
          e.preventDefault();
          void accept();
        } else if (stored) {
          e.preventDefault();
          onNext();
        }
      } else if (e.key === 'Delete' && !stored) {
        e.preventDefault();
        void clear();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [simulated, signing, stored, exceptionOpen, busy, simulate, accept, clear, onNext]);

  const stats = liveStats(points);
  const ready = device?.state === 'connected' || device?.state === 'simulated';
  const widthMm = device?.capability?.widthMm ?? 108;
  const heightMm = device?.capability?.heightMm ?? 65;

  return (
    <section className="sig-step" data-testid="signature-step">
      <header className="sig-step__head">
        <h2>{t('signature.title')}</h2>
        {simulated ? (
          <span className="sig-sim" data-testid="sig-sim-badge" title={t('signature.simHint')}>
            {t('signature.simBadge')}
          </span>
        ) : null}
        <p className="muted" data-testid="sig-device">
          {device
            ? ready
              ? t('signature.deviceReady', { model: device.model ?? '—' })
              : (device.message ?? t('signature.deviceNotReady'))
            : t('signature.deviceLoading')}
        </p>
      </header>

      <div className="sig-layout">
        <div className="sig-main">
          {stored ? (
            <div className="sig-stored" data-testid="sig-stored">
              {stored.exception ? (
                <p className="sig-exception-note" data-testid="sig-exception-note">
                  {t('signature.exceptionShown', { reason: stored.exception.reason })}
                </p>
              ) : (
                <>
                  <img
                    className="sig-card"
                    src={stored.imageDataUrl ?? ''}
                    alt={t('signature.imageAlt')}
                    data-testid="sig-image"
                    width={600}
                    height={200}
                  />
                  <p className="muted">
                    {t('signature.storedStats', {
                      points: t('counts.point', { count: stored.pointCount }),
                      strokes: t('counts.stroke', { count: stored.strokeCount }),
                      seconds: (stored.durationMs / 1000).toFixed(1),
                    })}
                  </p>
                </>
              )}
            </div>
          ) : (
            <>
              <p className="sig-prompt" data-testid="sig-prompt">
                {!ready
                  ? t('signature.promptNoPad')
                  : signing
                    ? points.length > 0
                      ? t('signature.promptSigning')
                      : t('signature.promptWaiting')
                    : t('signature.promptStart')}
              </p>
              <SignatureCanvas apiRef={canvas} widthMm={widthMm} heightMm={heightMm} />
              <p className="muted small" data-testid="sig-live-stats">
                {t('signature.liveStats', {
                  points: t('counts.point', { count: stats.pointCount }),
                  strokes: t('counts.stroke', { count: stats.strokeCount }),
                  mm: Math.round(stats.inkMm),
                })}
              </p>
            </>
          )}
        </div>

        <div className="sig-side">
          {message ? (
            <p
              className={`sig-message sig-message--${message.tone}`}
              role={message.tone === 'bad' ? 'alert' : 'status'}
              data-testid="sig-message"
            >
              {message.text}
            </p>
          ) : null}

          <div className="sig-actions">
            {!stored ? (
              <>
                <button
                  type="button"
                  className="btn btn--primary btn--large"
                  data-testid="sig-accept"
                  data-first-action
                  disabled={!signing || busy}
                  onClick={() => void accept()}
                >
                  {t('signature.accept')} <Kbd keys="Enter" />
                </button>
                <button
                  type="button"
                  className="btn btn--large"
                  data-testid="sig-clear"
                  disabled={busy}
                  onClick={() => void clear()}
                >
                  {t('signature.clear')} <Kbd keys="Delete" />
                </button>
                {!session && ready ? (
                  <button
                    type="button"
                    className="btn"
                    data-testid="sig-start"
                    onClick={() => void startSession()}
                  >
                    {t('signature.start')}
                  </button>
                ) : null}
                <button
                  type="button"
                  className="btn"
                  data-testid="sig-exception-toggle"
                  aria-expanded={exceptionOpen}
                  onClick={() => setExceptionOpen((o) => !o)}
                >
                  {t('signature.cannotSign')}
                </button>
              </>
            ) : (
              <>
                <button
                  type="button"
                  className="btn btn--primary btn--large"
                  id="sig-next"
                  data-testid="sig-next"
                  data-first-action
                  onClick={onNext}
                >
                  {t('signature.next')} <Kbd keys="Enter" />
                </button>
                <button
                  type="button"
                  className="btn"
                  data-testid="sig-redo"
                  onClick={() => void clear()}
                >
                  {t('signature.redo')}
                </button>
              </>
            )}
          </div>

          {exceptionOpen && !stored ? (
            <div className="sig-exception" data-testid="sig-exception-form">
              <label htmlFor="sig-exception-reason">{t('signature.reasonLabel')}</label>
              <textarea
                id="sig-exception-reason"
                data-testid="sig-exception-reason"
                rows={2}
                maxLength={300}
                value={reason}
                placeholder={t('signature.reasonPlaceholder')}
                aria-invalid={reasonError ? true : undefined}
                aria-describedby={reasonError ? 'sig-reason-error' : undefined}
                onChange={(e) => setReason(e.target.value)}
              />
              {reasonError ? (
                <p id="sig-reason-error" className="field__error" role="alert">
                  {reasonError}
                </p>
              ) : null}
              <button
                type="button"
                className="btn btn--primary"
                data-testid="sig-exception-save"
                onClick={() => void saveException()}
              >
                {t('signature.saveException')}
              </button>
            </div>
          ) : null}

          {simulated && signing ? (
            <div className="sig-simbox" data-testid="sig-simbox">
              <label htmlFor="sig-sim-script">{t('signature.simScript')}</label>
              <select
                id="sig-sim-script"
                data-testid="sig-sim-script"
                value={script}
                onChange={(e) => setScript(e.target.value as (typeof SIM_SCRIPTS)[number])}
              >
                {SIM_SCRIPTS.map((s) => (
                  <option key={s} value={s}>
                    {t(`signature.sim.${s}`)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="btn"
                data-testid="sig-simulate"
                onClick={() => void simulate()}
              >
                {t('signature.simulate')} <Kbd keys="Alt+S" />
              </button>
            </div>
          ) : null}
        </div>
      </div>
    </section>
  );
}
