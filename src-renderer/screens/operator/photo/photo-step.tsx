import { useTranslation } from 'react-i18next';
import type { PhotoRecord } from '../../../../src-main/api/contract';
import { MAX_ATTEMPTS } from './camera';
import { CameraView } from './camera-view';
import { AcceptedPhoto, AcceptPanel, AttemptCard } from './photo-panels';
import { usePhotoStep } from './use-photo-step';
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
  const step = usePhotoStep({ recordingId, active, onPhotoChange });
  const {
    photo,
    attempts,
    selected,
    setSelected,
    busy,
    error,
    setShownBlocks,
    setRetake,
    retake,
    camera,
    full,
    current,
    onCapture,
    redo,
  } = step;

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
      <AcceptedPhoto
        photo={photo}
        busy={busy}
        errorBanner={errorBanner}
        onRedo={() => void redo()}
        onNext={onNext}
      />
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

      {current ? <AcceptPanel current={current} left={left} step={step} /> : null}
    </section>
  );
}
