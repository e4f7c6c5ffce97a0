import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PhotoAttempt, PhotoRecord } from '../../../../src-main/api/contract';
import { formatTime } from '../../../app/format';
import { Kbd } from '../../../components/kbd';
import { currentLocale } from '../../../i18n';
import { MIN_FORCE_REASON, needsForceReason } from './camera';
import { CheckList, ResultBadge } from './check-list';
import type { usePhotoStep } from './use-photo-step';

type Step = ReturnType<typeof usePhotoStep>;

/** The accepted photo with its checks: start over, or on to the fingerprints (Enter). */
export function AcceptedPhoto({
  photo,
  busy,
  errorBanner,
  onRedo,
  onNext,
}: {
  photo: PhotoRecord;
  busy: boolean;
  errorBanner: ReactNode;
  onRedo: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
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
              onClick={onRedo}
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

/**
 * The chosen attempt: what is wrong with it, the no-glasses confirmation, a reason when a
 * check failed (force-capture), and "Terima".
 */
export function AcceptPanel({
  current,
  left,
  step: { noGlasses, setNoGlasses, reason, setReason, busy, shownBlocks, setShownBlocks, accept },
}: {
  current: PhotoAttempt;
  left: number;
  step: Step;
}) {
  const { t } = useTranslation();
  return (
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
  );
}

/** One attempt: its image and checks, picked with the radio (or a click on the image). */
export function AttemptCard({
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
