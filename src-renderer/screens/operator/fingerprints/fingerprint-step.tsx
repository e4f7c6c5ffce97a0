import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FINGER_EXCEPTIONS } from '../../../../src-main/api/contract';
import type {
  FingerCaptureResult,
  FingerException,
  FingerprintDeviceInfo,
  FingerprintProgress,
  FingerprintSet,
} from '../../../../src-main/api/contract';
import { CAPTURE_ORDER, fingerName } from '../../../../src-main/domain/fingers';
import { call, onEvent } from '../../../app/station-client';
import { Kbd } from '../../../components/kbd';
import { currentLocale } from '../../../i18n';
import {
  MAX_ATTEMPTS,
  enterAction,
  fingerOf,
  nextOpenFinger,
  nextToAsk,
  openFingers,
  toneOf,
} from './fingerprint-model';
import { HandDiagram } from './hand-diagram';
import './fingerprints.css';

export interface FingerprintStepProps {
  recordingId: string;
  /** Called when all ten fingers are captured, forced or excepted. */
  onComplete: () => void;
  /** "Selesai — sidik jari lengkap" (Enter): on to the signature. */
  onNext: () => void;
}

const SPEAK_KEY = 'rekam.fingerprint.speak';
const SIM_QUALITIES = ['clear', 'smudged', 'partial', 'dry'] as const;

function speak(text: string, on: boolean): void {
  if (!on || typeof speechSynthesis === 'undefined') return;
  try {
    speechSynthesis.cancel();
    const u = new SpeechSynthesisUtterance(text);
    u.lang = currentLocale() === 'en' ? 'en-US' : 'id-ID';
    speechSynthesis.speak(u);
  } catch {
    // No voice installed: the written prompt is the main channel anyway.
  }
}

/**
 * Step 3: ten fingers in a fixed order, one LARGE prompt at a time, the scanner's progress live,
 * the image with its score against the threshold, retry / exception / clear, and a plain
 * refusal to finish while a finger is missing.
 */
export function FingerprintStep({ recordingId, onComplete, onNext }: FingerprintStepProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [set, setSet] = useState<FingerprintSet | null>(null);
  const [finger, setFinger] = useState<number>(1);
  /** The finger whose capture waits for the resident (at most one). */
  const [waiting, setWaiting] = useState<number | null>(null);
  /** The finger whose image is on its way from the module (shown apart from the prompt). */
  const [transfer, setTransfer] = useState<FingerprintProgress | null>(null);
  const [progress, setProgress] = useState<FingerprintProgress | null>(null);
  const [result, setResult] = useState<FingerCaptureResult | null>(null);
  /** The last finger taken before the current one: shown small, U retakes it. */
  const [previous, setPrevious] = useState<FingerCaptureResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [device, setDevice] = useState<FingerprintDeviceInfo | null>(null);
  const [exceptionOpen, setExceptionOpen] = useState(false);
  const [kind, setKind] = useState<FingerException>('missing');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [finishTried, setFinishTried] = useState(false);
  const [speakOn, setSpeakOn] = useState(() => localStorage.getItem(SPEAK_KEY) === '1');
  const [simQuality, setSimQuality] = useState<(typeof SIM_QUALITIES)[number]>('clear');
  const wasComplete = useRef<boolean | null>(null);
  const primaryRef = useRef<HTMLButtonElement | null>(null);
  const finishRef = useRef<HTMLButtonElement | null>(null);
  // Event handlers and the capture loop read the latest values through these.
  const setRef = useRef<FingerprintSet | null>(null);
  const fingerRef = useRef(finger);
  const underWay = useRef(new Set<number>());
  /** Prompt shown → the finger whose image let it be asked for (auto-advance). */
  const askedAfter = useRef(new Map<number, number>());
  const capturing = waiting !== null;

  const refreshDevice = useCallback(async () => {
    const r = await call('fingerprint.device', {});
    if (r.ok) setDevice(r.value);
  }, []);

  const applySet = useCallback(
    (s: FingerprintSet) => {
      setSet(s);
      setRef.current = s;
      if (wasComplete.current === false && s.complete) onComplete();
      wasComplete.current = s.complete;
    },
    [onComplete],
  );

  useEffect(() => {
    let live = true;
    void call('fingerprint.list', { recordingId }).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error.message);
      applySet(r.value);
      const first = nextOpenFinger(r.value) ?? 1;
      setFinger(first);
      fingerRef.current = first;
    });
    void refreshDevice();
    return () => {
      live = false;
    };
    // applySet changes with onComplete; the list is read once per recording.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [recordingId, refreshDevice]);

  useEffect(() => onEvent('status', () => void refreshDevice()), [refreshDevice]);

  // Ten fingers done and nothing under way: Enter (the focused button) moves on.
  const complete = set?.complete ?? false;
  useEffect(() => {
    if (complete && waiting === null) finishRef.current?.focus();
  }, [complete, waiting]);

  const current = set ? fingerOf(set, finger) : undefined;
  const name = fingerName(finger, locale);

  const select = useCallback((f: number) => {
    setFinger(f);
    fingerRef.current = f;
    setResult((r) => (r && r.attempt.finger === f ? r : null));
    setError(null);
    setProgress(null);
    setExceptionOpen(false);
  }, []);

  /** The operator's own choice of finger (tile, hand diagram): no automatic jump away from it. */
  const pick = useCallback(
    (f: number) => {
      askedAfter.current.delete(f);
      select(f);
    },
    [select],
  );

  /** Back to a finger that needs the operator (low quality, duplicate, error). */
  const backTo = useCallback(
    (f: number) => {
      for (const other of underWay.current) {
        // The next finger's prompt is withdrawn; one already in the module finishes.
        if (other !== f) void call('fingerprint.cancel', { finger: other });
      }
      select(f);
      setTimeout(() => primaryRef.current?.focus(), 0);
    },
    [select],
  );

  const startCapture = useCallback(
    async (f: number) => {
      if (underWay.current.has(f)) return;
      underWay.current.add(f);
      setWaiting(f);
      setError(null);
      setResult((r) => (r && r.attempt.finger === f ? null : r));
      let r = await call('fingerprint.capture', { recordingId, finger: f });
      if (!r.ok && r.error.code === 'CONFLICT') {
        // A withdrawn prompt may not have left the scanner yet: ask once more.
        await new Promise((ok) => setTimeout(ok, 150));
        r = await call('fingerprint.capture', { recordingId, finger: f });
      }
      underWay.current.delete(f);
      setWaiting((w) => (w === f ? null : w));
      setTransfer((x) => (x?.finger === f ? null : x));
      if (!r.ok) {
        // A cancel is the operator's own choice (or a withdrawn prompt); nothing to say.
        if (r.error.code === 'CANCELLED') return;
        const now = fingerRef.current;
        if (now === f || askedAfter.current.get(now) === f) backTo(f);
        setError(r.error.message);
        return;
      }
      applySet(r.value.set);
      if (r.value.outcome === 'retry' || r.value.duplicateOf !== null) {
        // Back to it if the operator is still on it or on the prompt it led to; otherwise it
        // stays open and is asked for again when the round comes back to it.
        const now = fingerRef.current;
        if (now === f || askedAfter.current.get(now) === f) {
          backTo(f);
          setResult(r.value);
        } else {
          setPrevious(r.value);
        }
        return;
      }
      if (fingerRef.current === f) {
        setResult(r.value);
        setProgress(null);
        if (!r.value.set.complete) setTimeout(() => primaryRef.current?.focus(), 0);
      } else {
        setPrevious(r.value);
      }
    },
    [recordingId, applySet, backTo],
  );

  useEffect(
    () =>
      onEvent('fingerprint.progress', (p) => {
        if (p.recordingId !== recordingId) return;
        if (p.phase === 'uploading' || p.phase === 'image-ready') {
          setTransfer(p);
          return;
        }
        if (p.finger === fingerRef.current) setProgress(p);
        if (p.phase === 'waiting-finger') speak(p.message, speakOn);
        if (p.phase !== 'lift') return;
        setTransfer(p);
        setWaiting((w) => (w === p.finger ? null : w));
        // The image is in the module: ask for the next finger now; it is captured as soon as
        // the module has sent this one. A poor image brings the operator back here.
        const s = setRef.current;
        if (!s || p.finger !== fingerRef.current) return;
        const n = nextToAsk(s, p.finger, underWay.current);
        if (n === null) return;
        askedAfter.current.set(n, p.finger);
        select(n);
        void startCapture(n);
      }),
    [recordingId, speakOn, select, startCapture],
  );

  const cancel = useCallback(() => void call('fingerprint.cancel', {}), []);

  const goNext = useCallback(() => {
    if (!set) return;
    const n = nextOpenFinger(set, finger);
    if (n !== null) select(n);
  }, [set, finger, select]);

  const clear = useCallback(
    async (f: number) => {
      const r = await call('fingerprint.clear', { recordingId, finger: f });
      if (!r.ok) return setError(r.error.message);
      applySet(r.value);
      select(f);
    },
    [recordingId, applySet, select],
  );

  /** U: the finger just taken is taken again (the prompt for the next one is withdrawn). */
  const retake = useCallback(async () => {
    const f = previous?.attempt.finger;
    if (f === undefined || underWay.current.has(f)) return;
    const w = [...underWay.current];
    await Promise.all(w.map((other) => call('fingerprint.cancel', { finger: other })));
    const r = await call('fingerprint.clear', { recordingId, finger: f });
    if (!r.ok) return setError(r.error.message);
    applySet(r.value);
    setPrevious(null);
    select(f);
    void startCapture(f);
  }, [previous, recordingId, applySet, select, startCapture]);

  const saveException = useCallback(async () => {
    if (reason.trim().length < 3) {
      setReasonError(t('fingerprint.exception.reasonRequired'));
      return;
    }
    const r = await call('fingerprint.setException', {
      recordingId,
      finger,
      kind,
      reason: reason.trim(),
    });
    if (!r.ok) return setReasonError(r.error.message);
    applySet(r.value);
    setExceptionOpen(false);
    setReason('');
    setReasonError(null);
    const n = nextOpenFinger(r.value, finger);
    if (n !== null) select(n);
  }, [reason, recordingId, finger, kind, applySet, select, t]);

  const finish = useCallback(() => {
    setFinishTried(true);
    if (set?.complete) onNext();
  }, [set, onNext]);

  // Enter = capture / next / finish; U = retake the previous finger; Esc = cancel (or close
  // the exception form).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!set || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target as HTMLElement | null;
      const inField = target?.closest('textarea, input, select, button');
      if (e.key === 'Escape') {
        if (capturing) {
          e.preventDefault();
          cancel();
        } else if (exceptionOpen) {
          e.preventDefault();
          setExceptionOpen(false);
        }
        return;
      }
      if ((e.key === 'u' || e.key === 'U') && !target?.closest('textarea, input, select')) {
        if (exceptionOpen || !previous) return;
        e.preventDefault();
        void retake();
        return;
      }
      if (e.key !== 'Enter' || inField || exceptionOpen) return;
      const action = enterAction(set, finger, capturing || underWay.current.has(finger));
      if (action === 'none') return;
      e.preventDefault();
      if (action === 'capture') void startCapture(finger);
      else if (action === 'next') goNext();
      else finish();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [
    set,
    finger,
    capturing,
    exceptionOpen,
    previous,
    startCapture,
    cancel,
    goNext,
    finish,
    retake,
  ]);

  if (!set) {
    return error ? (
      <div className="banner banner--error" role="alert">
        {error}
      </div>
    ) : (
      <p className="muted">{t('common.loading')}</p>
    );
  }

  const open = openFingers(set);
  const shown = result && result.attempt.finger === finger ? result : null;
  // While the current finger has no image yet, the one just taken stays in view.
  const showPrev = previous !== null && !shown && (waiting === finger || !current?.imageDataUrl);
  const image = showPrev
    ? previous.attempt.imageDataUrl
    : (shown?.attempt.imageDataUrl ?? current?.imageDataUrl ?? null);
  const quality = showPrev
    ? previous.attempt.quality
    : (shown?.attempt.quality ?? current?.quality ?? null);
  const duplicateOf = current?.duplicateOf ?? shown?.duplicateOf ?? null;
  const deviceUsable = device?.state === 'connected' || device?.state === 'simulated';
  const action = enterAction(set, finger, capturing || underWay.current.has(finger));
  const nextFinger = nextOpenFinger(set, finger);
  const transferText =
    transfer && (transfer.phase === 'uploading' || transfer.phase === 'image-ready')
      ? transfer.message
      : transfer?.phase === 'lift'
        ? transfer.message
        : null;
  const previousName = previous ? fingerName(previous.attempt.finger, locale) : '';

  return (
    <section className="fp-step" data-testid="fingerprint-step">
      <header className="fp-step__head">
        <h2>{t('fingerprint.title')}</h2>
        <p className="muted">
          {t('fingerprint.progressCount', { done: 10 - open.length, total: 10 })}
        </p>
        {device?.simulated ? (
          <span className="fp-sim" data-testid="fp-sim-badge">
            {t('fingerprint.simulated')}
          </span>
        ) : null}
      </header>

      {device && !deviceUsable ? (
        <div className="banner banner--error" role="alert" data-testid="fp-device-problem">
          <span>
            <strong>{t('fingerprint.deviceProblem')}</strong>{' '}
            {device.message ?? t(`status.deviceState.${device.state}`)}
          </span>
        </div>
      ) : null}

      <div className="fp-layout">
        <div className="fp-main">
          <div
            className={`fp-prompt fp-prompt--${current ? toneOf(current) : 'pending'}`}
            data-testid="fp-prompt"
            aria-live="polite"
          >
            <span className="fp-prompt__no">
              {t('fingerprint.fingerNo', { n: CAPTURE_ORDER.indexOf(finger as never) + 1 })}
            </span>
            {current?.state === 'pending' ? (
              <span className="fp-prompt__text">
                {t('fingerprint.placePrefix')} <strong>{name}</strong>{' '}
                {t('fingerprint.placeSuffix')}
              </span>
            ) : (
              <span className="fp-prompt__text">
                <strong>{name}</strong> —{' '}
                {t(`fingerprint.tone.${current ? toneOf(current) : 'pending'}`)}
              </span>
            )}
          </div>

          <p className="fp-live" data-testid="fp-live" role="status">
            {waiting === finger
              ? (progress?.message ?? t('fingerprint.starting'))
              : progress?.phase === 'cancelled' || progress?.phase === 'lift'
                ? progress.message
                : '\u00a0'}
          </p>

          <div
            className="fp-transfer"
            data-testid="fp-transfer"
            data-finger={transfer?.finger ?? ''}
            aria-label={t('fingerprint.transferLabel')}
            hidden={!transferText}
          >
            <progress max={100} value={transfer?.percent ?? 0} />
            <span className="small">
              {transferText}
              {waiting !== null && waiting !== transfer?.finger
                ? ` · ${t('fingerprint.waitModule')}`
                : ''}
            </span>
          </div>

          {error ? (
            <div className="banner banner--error" role="alert" data-testid="fp-error">
              {error}
            </div>
          ) : null}

          {duplicateOf !== null ? (
            <div className="banner banner--error" role="alert" data-testid="fp-duplicate">
              <span>
                <strong>{t('fingerprint.duplicateTitle')}</strong>{' '}
                {t('fingerprint.duplicateText', {
                  other: fingerName(duplicateOf, locale),
                  finger: name,
                })}
              </span>
              <span className="banner__actions">
                <button
                  type="button"
                  className="btn btn--danger"
                  onClick={() => void clear(finger)}
                >
                  {t('fingerprint.clearRetake')}
                </button>
              </span>
            </div>
          ) : null}

          {shown ? <Outcome result={shown} threshold={set.threshold} name={name} /> : null}

          <div className="fp-actions">
            {capturing ? (
              <button
                type="button"
                className="btn btn--large"
                data-testid="fp-cancel"
                onClick={cancel}
              >
                {t('common.cancel')} <Kbd keys="Esc" />
              </button>
            ) : action === 'capture' ? (
              <button
                type="button"
                ref={primaryRef}
                className="btn btn--primary btn--large"
                data-testid="fp-capture"
                disabled={!deviceUsable}
                onClick={() => void startCapture(finger)}
              >
                {current && current.attempts > 0
                  ? t('fingerprint.retry', { n: current.attempts + 1, max: MAX_ATTEMPTS })
                  : t('fingerprint.capture')}{' '}
                <Kbd keys="Enter" />
              </button>
            ) : action === 'next' && nextFinger !== null ? (
              <button
                type="button"
                ref={primaryRef}
                className="btn btn--primary btn--large"
                data-testid="fp-next"
                onClick={goNext}
              >
                {t('fingerprint.next', { finger: fingerName(nextFinger, locale) })}{' '}
                <Kbd keys="Enter" />
              </button>
            ) : null}
            {!capturing && current?.state === 'pending' ? (
              <button
                type="button"
                className="btn"
                data-testid="fp-exception"
                onClick={() => setExceptionOpen((o) => !o)}
                aria-expanded={exceptionOpen}
              >
                {t('fingerprint.exception.open')}
              </button>
            ) : null}
            {!capturing && current && current.state !== 'pending' ? (
              <button
                type="button"
                className="btn"
                data-testid="fp-clear"
                onClick={() => void clear(finger)}
              >
                {t('fingerprint.clear')}
              </button>
            ) : null}
            {previous && previous.attempt.finger !== finger ? (
              <button
                type="button"
                className="btn"
                data-testid="fp-retake"
                onClick={() => void retake()}
              >
                {t('fingerprint.retake', { finger: previousName })} <Kbd keys="U" />
              </button>
            ) : null}
          </div>
          <p className="muted small fp-hint">{t('fingerprint.autoHint')}</p>

          {exceptionOpen ? (
            <form
              className="fp-exception"
              data-testid="fp-exception-form"
              onSubmit={(e) => {
                e.preventDefault();
                void saveException();
              }}
            >
              <h3>{t('fingerprint.exception.title', { finger: name })}</h3>
              <fieldset className="fp-exception__kinds">
                <legend>{t('fingerprint.exception.kind')}</legend>
                {FINGER_EXCEPTIONS.map((k) => (
                  <label key={k}>
                    <input
                      type="radio"
                      name="fp-kind"
                      value={k}
                      checked={kind === k}
                      onChange={() => setKind(k)}
                    />{' '}
                    {t(`fingerprint.exception.kinds.${k}`)}
                  </label>
                ))}
              </fieldset>
              <label className="field">
                <span className="field__label">{t('fingerprint.exception.reason')}</span>
                <textarea
                  data-testid="fp-exception-reason"
                  rows={2}
                  maxLength={300}
                  value={reason}
                  onChange={(e) => {
                    setReason(e.target.value);
                    setReasonError(null);
                  }}
                  aria-invalid={reasonError ? true : undefined}
                  autoFocus
                />
                <span className="field__hint">{t('fingerprint.exception.reasonHint')}</span>
                {reasonError ? (
                  <span className="field__msg field__msg--error" role="alert">
                    {reasonError}
                  </span>
                ) : null}
              </label>
              <div className="actions">
                <button type="submit" className="btn btn--primary" data-testid="fp-exception-save">
                  {t('fingerprint.exception.save')}
                </button>
                <button type="button" className="btn" onClick={() => setExceptionOpen(false)}>
                  {t('common.cancel')} <Kbd keys="Esc" />
                </button>
              </div>
            </form>
          ) : null}
        </div>

        <div className="fp-side">
          <figure className="fp-image" data-testid="fp-image">
            {image ? (
              <img src={image} alt={t('fingerprint.imageAlt', { finger: name })} />
            ) : (
              <span className="fp-image__empty">
                {current?.state === 'exception'
                  ? t('fingerprint.tone.exception')
                  : t('fingerprint.noImage')}
              </span>
            )}
            <figcaption>
              {showPrev ? (
                <span className="fp-prev" data-testid="fp-previous">
                  {t('fingerprint.previous', { finger: previousName })} ·{' '}
                </span>
              ) : null}
              {quality !== null ? (
                <span
                  className={`fp-score ${quality >= set.threshold ? 'fp-score--ok' : 'fp-score--low'}`}
                  data-testid="fp-score"
                >
                  {t('fingerprint.quality', { q: quality, threshold: set.threshold })}
                </span>
              ) : current?.exception ? (
                <span>
                  {t(`fingerprint.exception.kinds.${current.exception.kind}`)}:{' '}
                  {current.exception.reason}
                </span>
              ) : (
                <span className="muted">
                  {t('fingerprint.thresholdHint', { threshold: set.threshold })}
                </span>
              )}
            </figcaption>
          </figure>
        </div>

        <div className="fp-hands">
          <HandDiagram set={set} current={finger} onPick={(f) => !capturing && pick(f)} />
          <label className="fp-toggle">
            <input
              type="checkbox"
              checked={speakOn}
              onChange={(e) => {
                setSpeakOn(e.target.checked);
                localStorage.setItem(SPEAK_KEY, e.target.checked ? '1' : '0');
              }}
            />
            {t('fingerprint.speak')}
          </label>
          {device?.simulated ? (
            <label className="fp-simq muted small">
              {t('fingerprint.simQuality')}{' '}
              <select
                value={simQuality}
                data-testid="fp-sim-quality"
                onChange={(e) => {
                  const q = e.target.value as (typeof SIM_QUALITIES)[number];
                  setSimQuality(q);
                  void call('fingerprint.simulate', { quality: q });
                }}
              >
                {SIM_QUALITIES.map((q) => (
                  <option key={q} value={q}>
                    {t(`fingerprint.simQualities.${q}`)}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
        </div>
      </div>

      <footer className="fp-finish">
        {set.complete ? (
          <div className="banner banner--ok" data-testid="fp-complete">
            <strong>{t('fingerprint.complete')}</strong>
            <button
              type="button"
              ref={finishRef}
              className="btn btn--primary"
              data-testid="fp-finish"
              onClick={finish}
            >
              {t('fingerprint.finish')} <Kbd keys="Enter" />
            </button>
          </div>
        ) : (
          <div
            className={`banner ${finishTried ? 'banner--error' : 'banner--info'}`}
            data-testid="fp-incomplete"
          >
            <span>
              {open.length <= 3 || finishTried
                ? t('fingerprint.incomplete', {
                    count: open.length,
                    list: open.map((f) => fingerName(f, locale)).join(', '),
                  })
                : t('fingerprint.remaining', { count: open.length })}
            </span>
            <button type="button" className="btn" data-testid="fp-finish" onClick={finish}>
              {t('fingerprint.finish')}
            </button>
          </div>
        )}
      </footer>

      <ol className="fp-list" aria-label={t('fingerprint.listLabel')}>
        {CAPTURE_ORDER.map((f) => {
          const rec = fingerOf(set, f)!;
          const tone = toneOf(rec);
          return (
            <li key={f}>
              <button
                type="button"
                className={`fp-tile fp-tile--${tone}${f === finger ? ' fp-tile--current' : ''}`}
                data-testid={`fp-tile-${f}`}
                data-state={rec.state}
                aria-current={f === finger ? 'step' : undefined}
                disabled={capturing}
                onClick={() => pick(f)}
              >
                <span className="fp-tile__name">{fingerName(f, locale)}</span>
                <span className="fp-tile__state">
                  {t(`fingerprint.tone.${tone}`)}
                  {rec.quality !== null && rec.state !== 'pending' ? ` · ${rec.quality}` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function Outcome({
  result,
  threshold,
  name,
}: {
  result: FingerCaptureResult;
  threshold: number;
  name: string;
}) {
  const { t } = useTranslation();
  const q = result.attempt.quality;
  if (result.outcome === 'accepted') {
    return (
      <div className="banner banner--ok" data-testid="fp-outcome" data-outcome="accepted">
        {t('fingerprint.outcome.accepted', { finger: name, q })}
      </div>
    );
  }
  if (result.outcome === 'forced') {
    return (
      <div className="banner banner--warning" data-testid="fp-outcome" data-outcome="forced">
        {t('fingerprint.outcome.forced', { q, threshold, max: MAX_ATTEMPTS })}
      </div>
    );
  }
  return (
    <div className="banner banner--warning" data-testid="fp-outcome" data-outcome="retry">
      {t('fingerprint.outcome.retry', {
        q,
        threshold,
        n: result.attempt.index,
        max: MAX_ATTEMPTS,
      })}
    </div>
  );
}
