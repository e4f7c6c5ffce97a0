import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { PhotoAttempt, PhotoRecord } from '../../../../src-main/api/contract';
import { formatTime } from '../../../app/format';
import { call } from '../../../app/station-client';
import { Kbd } from '../../../components/kbd';
import { currentLocale } from '../../../i18n';
import {
  acceptBlocks,
  bestAttempt,
  MAX_ATTEMPTS,
  MIN_FORCE_REASON,
  needsForceReason,
} from './camera';
import type { AcceptBlock } from './camera';
import { CameraView } from './camera-view';
import { CheckList, ResultBadge } from './check-list';
import { useCamera } from './use-camera';
import './photo.css';

export interface PhotoStepProps {
  recordingId: string;
  /** The step is on screen and the station not locked. */
  active: boolean;
  /** The accepted photo changed (accepted, or discarded to start over). */
  onPhotoChange: (photo: PhotoRecord | null) => void;
  /** "Lanjut" after acceptance: the workspace moves to the next step. */
  onNext: () => void;
}

/**
 * Step 2 of a recording: up to three attempts from the webcam, each checked by the station's
 * pipeline; the operator picks one, confirms there are no glasses or contact lenses and
 * accepts it — with a reason, recorded as force-captured, if a check failed.
 */
export function PhotoStep({ recordingId, active, onPhotoChange, onNext }: PhotoStepProps) {
  const { t } = useTranslation();
  const [photo, setPhoto] = useState<PhotoRecord | null | undefined>(undefined);
  const [attempts, setAttempts] = useState<PhotoAttempt[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [noGlasses, setNoGlasses] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shownBlocks, setShownBlocks] = useState<AcceptBlock[]>([]);
  /** Retaking after acceptance: the accepted photo stays stored until a new one replaces it. */
  const [retake, setRetake] = useState(false);

  // The workspace keys this step by recording, so a new recording starts from fresh state.
  useEffect(() => {
    let live = true;
    void readPhotoState(recordingId).then((st) => {
      if (!live) return;
      setError(st.error);
      setPhoto(st.photo);
      setAttempts(st.attempts);
      setSelected(bestAttempt(st.attempts)?.id ?? null);
    });
    return () => {
      live = false;
    };
  }, [recordingId]);

  const capturing = photo === null || retake;
  const camera = useCamera(active && capturing);
  const full = attempts.length >= MAX_ATTEMPTS;
  const current = attempts.find((a) => a.id === selected) ?? null;
  const blocks = acceptBlocks(current, noGlasses, reason);

  const onCapture = async (frameBase64: string) => {
    setBusy(true);
    setError(null);
    const r = await call('photo.process', { recordingId, frameBase64 });
    if (!r.ok) {
      setBusy(false);
      setError(r.error.message);
      return;
    }
    const next = [...attempts.filter((a) => a.id !== r.value.id), r.value];
    // Committed at once so focus can move to what was just rendered.
    flushSync(() => {
      setBusy(false);
      setAttempts(next);
      setSelected(r.value.id);
      setShownBlocks([]);
    });
    // Keep the keyboard where the next action is (another capture, or picking among three)
    // and bring the verdict into view: on a 768-pixel screen it sits below the preview.
    // Focus leaves "Ambil foto" for the verdict, so a reflex Space cannot waste an attempt: the
    // no-glasses confirmation first (Space ticks it, Enter accepts), then "Terima".
    const target = noGlasses
      ? document.getElementById('photo-accept')
      : document.getElementById('no-glasses');
    document.getElementById('accept-panel')?.scrollIntoView({ block: 'nearest' });
    target?.focus();
  };

  const accept = async () => {
    if (!current || busy) return;
    if (blocks.length > 0) {
      setShownBlocks(blocks);
      const first = blocks[0] === 'glasses' ? 'no-glasses' : 'force-reason';
      document.getElementById(first)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const r = await call('photo.accept', {
      recordingId,
      attemptId: current.id,
      noGlassesConfirmed: noGlasses,
      ...(needsForceReason(current.worst) ? { forceReason: reason.trim() } : {}),
    });
    if (!r.ok) {
      setBusy(false);
      setError(r.error.message);
      return;
    }
    flushSync(() => {
      setBusy(false);
      setPhoto(r.value);
      setRetake(false);
      setAttempts([]);
      setSelected(null);
    });
    onPhotoChange(r.value);
    document.getElementById('photo-next')?.focus();
  };

  const redo = async () => {
    setBusy(true);
    setError(null);
    // Leftover attempts (if any) go, so the new series starts at attempt 1 of 3.
    const r = await call('photo.discardAttempts', { recordingId });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setNoGlasses(false);
    setReason('');
    setShownBlocks([]);
    setAttempts([]);
    setSelected(null);
    setRetake(true);
  };

  if (photo === undefined) {
    return (
      <p className="muted" aria-busy="true">
        {t('common.loading')}
      </p>
    );
  }

  const errorBanner = error ? (
    <div className="banner banner--error" role="alert" data-testid="photo-error">
      {error}
    </div>
  ) : null;

  if (photo && !retake) {
    return (
      <section className="photo-step" aria-labelledby="photo-title">
        <h2 id="photo-title">{t('photo.acceptedTitle')}</h2>
        {errorBanner}
        <div className="photo-accepted card" data-testid="photo-accepted">
          <img
            className="photo-accepted__img"
            src={photo.imageDataUrl}
            width={photo.width}
            height={photo.height}
            alt={t('photo.acceptedAlt')}
          />
          <div className="photo-accepted__info">
            <p className="photo-accepted__status">
              <span aria-hidden="true">✓</span> {t('photo.acceptedNote')}
            </p>
            <p className="muted small">
              {t('photo.acceptedMeta', {
                w: photo.width,
                h: photo.height,
                kb: Math.round(photo.bytes / 1024),
                attempts: t('counts.attempt', { count: photo.attempts }),
                time: formatTime(photo.acceptedAt, currentLocale()),
              })}
            </p>
            {photo.forced ? (
              <p className="banner banner--warning" data-testid="photo-forced">
                {t('photo.forcedNote', { reason: photo.forceReason ?? '' })}
              </p>
            ) : null}
            <CheckList checks={photo.checks} testId="accepted-checks" />
            <div className="actions actions--start">
              <button
                type="button"
                className="btn"
                data-testid="photo-redo"
                disabled={busy}
                onClick={() => void redo()}
              >
                ↺ {t('photo.redo')}
              </button>
              <button
                type="button"
                id="photo-next"
                className="btn btn--primary"
                data-testid="photo-next"
                data-first-action
                onClick={onNext}
              >
                {t('photo.next')} → <Kbd keys="Enter" />
              </button>
            </div>
          </div>
        </div>
      </section>
    );
  }

  const left = MAX_ATTEMPTS - attempts.length;
  return (
    <section className="photo-step" aria-labelledby="photo-title">
      <div className="photo-step__head">
        <h2 id="photo-title">{t('photo.title')}</h2>
        <p className="muted">{t('photo.tips')}</p>
      </div>
      {errorBanner}
      {photo ? (
        <div className="banner banner--info" role="status" data-testid="retake-note">
          <span>{t('photo.retakeNote')}</span>
          <button
            type="button"
            className="btn btn--small"
            data-testid="retake-cancel"
            onClick={() => setRetake(false)}
          >
            {t('photo.retakeCancel')}
          </button>
        </div>
      ) : null}
      <div className="photo-layout">
        <CameraView
          camera={camera}
          active={active}
          busy={busy}
          captureBlocked={full ? t('photo.allUsed', { count: MAX_ATTEMPTS }) : null}
          onCapture={onCapture}
        />
        <div className="photo-side">
          <h3 className="photo-side__title">
            {t('photo.attemptsTitle')}{' '}
            <span className="muted small" data-testid="attempts-left">
              {t('photo.attemptsLeft', { count: left })}
            </span>
          </h3>
          {attempts.length === 0 ? (
            <p className="muted empty-attempts">{t('photo.noAttempts')}</p>
          ) : (
            <div className="attempts" role="radiogroup" aria-label={t('photo.attemptsTitle')}>
              {attempts.map((a) => (
                <AttemptCard
                  key={a.id}
                  attempt={a}
                  selected={a.id === selected}
                  onSelect={() => {
                    setSelected(a.id);
                    setShownBlocks([]);
                  }}
                />
              ))}
            </div>
          )}
        </div>
      </div>

      {current ? (
        <div className="accept-panel card" id="accept-panel" data-testid="accept-panel">
          <p className="accept-panel__title">
            {t('photo.chosen', { n: current.index })} <ResultBadge result={current.worst} />
          </p>
          {/* What is wrong with the chosen photo, repeated here so it is in view when deciding. */}
          <CheckList
            checks={current.checks.filter((c) => c.result !== 'pass' && c.id !== 'glasses')}
            testId="accept-problems"
          />
          {needsForceReason(current.worst) && left > 0 ? (
            <p className="accept-panel__retry" data-testid="retry-hint">
              {t('photo.retryHint', { count: left })}
            </p>
          ) : null}
          <label className="checkbox-row" htmlFor="no-glasses">
            <input
              id="no-glasses"
              type="checkbox"
              data-testid="no-glasses"
              checked={noGlasses}
              aria-invalid={shownBlocks.includes('glasses') || undefined}
              aria-describedby={shownBlocks.includes('glasses') ? 'no-glasses-msg' : undefined}
              onChange={(e) => {
                setNoGlasses(e.target.checked);
                setShownBlocks((b) => b.filter((x) => x !== 'glasses'));
              }}
              onKeyDown={(e) => {
                // Enter on the confirmation goes on, as in a form: accept the chosen photo.
                if (e.key !== 'Enter') return;
                e.preventDefault();
                void accept();
              }}
            />
            <span>{t('photo.noGlasses')}</span>
          </label>
          {shownBlocks.includes('glasses') ? (
            <p id="no-glasses-msg" className="field__msg field__msg--error">
              {t('photo.noGlassesRequired')}
            </p>
          ) : null}
          {needsForceReason(current.worst) ? (
            <div className="field force-reason">
              <p className="banner banner--warning" data-testid="force-warning">
                {t('photo.forceWarning')}
              </p>
              <label htmlFor="force-reason" className="field__label">
                {t('photo.forceReason')}
              </label>
              <textarea
                id="force-reason"
                data-testid="force-reason"
                rows={2}
                maxLength={300}
                value={reason}
                aria-invalid={shownBlocks.includes('reason') || undefined}
                aria-describedby="force-reason-hint"
                onChange={(e) => {
                  setReason(e.target.value);
                  setShownBlocks((b) => b.filter((x) => x !== 'reason'));
                }}
              />
              <span
                id="force-reason-hint"
                className={
                  shownBlocks.includes('reason') ? 'field__msg field__msg--error' : 'field__hint'
                }
              >
                {t('photo.forceReasonHint', { n: MIN_FORCE_REASON })}
              </span>
            </div>
          ) : null}
          <div className="actions actions--start">
            <button
              type="button"
              className={`btn btn--large ${needsForceReason(current.worst) ? 'btn--danger' : 'btn--primary'}`}
              id="photo-accept"
              data-testid="photo-accept"
              disabled={busy}
              onClick={() => void accept()}
            >
              {needsForceReason(current.worst) ? t('photo.acceptForced') : t('photo.accept')}{' '}
              <Kbd keys="Enter" />
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

interface PhotoState {
  photo: PhotoRecord | null;
  attempts: PhotoAttempt[];
  error: string | null;
}

/** The accepted photo (if any) and the attempts so far, as the station has them. */
async function readPhotoState(recordingId: string): Promise<PhotoState> {
  const [p, a] = await Promise.all([
    call('photo.get', { recordingId }),
    call('photo.attempts', { recordingId }),
  ]);
  return {
    photo: p.ok ? p.value : null,
    attempts: a.ok ? a.value : [],
    error: !p.ok ? p.error.message : !a.ok ? a.error.message : null,
  };
}

function AttemptCard({
  attempt,
  selected,
  onSelect,
}: {
  attempt: PhotoAttempt;
  selected: boolean;
  onSelect: () => void;
}) {
  const { t } = useTranslation();
  const id = `attempt-radio-${attempt.id}`;
  return (
    <div
      className={`attempt attempt--${attempt.worst}${selected ? ' attempt--selected' : ''}`}
      data-testid="photo-attempt"
      data-worst={attempt.worst}
    >
      <label htmlFor={id} className="attempt__head">
        <input
          id={id}
          type="radio"
          name="photo-attempt"
          checked={selected}
          onChange={onSelect}
          data-testid={`attempt-select-${attempt.index}`}
        />
        <span className="attempt__name">{t('photo.attemptN', { n: attempt.index })}</span>
        <ResultBadge result={attempt.worst} />
      </label>
      <div className="attempt__body">
        <img
          className="attempt__img"
          src={attempt.imageDataUrl}
          width={attempt.width}
          height={attempt.height}
          alt={t('photo.attemptAlt', { n: attempt.index })}
          onClick={onSelect}
        />
        <CheckList checks={attempt.checks} />
      </div>
    </div>
  );
}
