import { useTranslation } from 'react-i18next';
import { fingerName } from '../../../../src-main/domain/fingers';
import { nextOpenFinger, openFingers } from './fingerprint-model';
import {
  ExceptionForm,
  FingerHands,
  FingerImage,
  FinishBar,
  FingerTiles,
} from './fingerprint-panels';
import { FingerActions, FingerPrompt, Outcome } from './fingerprint-prompt';
import { useFingerprintCapture } from './use-fingerprint-capture';
import './fingerprints.css';

export interface FingerprintStepProps {
  recordingId: string;
  /** Called when all ten fingers are captured, forced or excepted. */
  onComplete: () => void;
  /** "Selesai — sidik jari lengkap" (Enter): on to the signature. */
  onNext: () => void;
}

/**
 * Step 3: ten fingers in a fixed order, one LARGE prompt at a time, the scanner's progress live,
 * the image with its score against the threshold, retry / exception / clear, and a plain
 * refusal to finish while a finger is missing. The capture loop is useFingerprintCapture.
 */
export function FingerprintStep({ recordingId, onComplete, onNext }: FingerprintStepProps) {
  const { t } = useTranslation();
  const capture = useFingerprintCapture({ recordingId, onComplete, onNext });
  const {
    locale,
    set,
    finger,
    current,
    name,
    waiting,
    capturing,
    transfer,
    progress,
    result,
    previous,
    error,
    device,
    action,
    exception,
    finishTried,
    primaryRef,
    finishRef,
    pick,
    startCapture,
    cancel,
    goNext,
    clear,
    retake,
    finish,
  } = capture;

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
          <FingerPrompt
            finger={finger}
            current={current}
            name={name}
            waiting={waiting}
            progress={progress}
            transfer={transfer}
          />

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

          <FingerActions
            finger={finger}
            current={current}
            capturing={capturing}
            action={action}
            nextFinger={nextOpenFinger(set, finger)}
            deviceUsable={deviceUsable}
            exceptionOpen={exception.open}
            previous={previous}
            locale={locale}
            primaryRef={primaryRef}
            onCapture={() => void startCapture(finger)}
            onCancel={cancel}
            onNext={goNext}
            onToggleException={() => exception.setOpen((o) => !o)}
            onClear={() => void clear(finger)}
            onRetake={() => void retake()}
          />
          <p className="muted small fp-hint">{t('fingerprint.autoHint')}</p>

          {exception.open ? <ExceptionForm name={name} exception={exception} /> : null}
        </div>

        <FingerImage
          name={name}
          image={image}
          quality={quality}
          threshold={set.threshold}
          current={current}
          previousName={showPrev ? fingerName(previous.attempt.finger, locale) : null}
        />

        <FingerHands
          set={set}
          finger={finger}
          capturing={capturing}
          device={device}
          capture={capture}
        />
      </div>

      <FinishBar
        set={set}
        open={open}
        finishTried={finishTried}
        locale={locale}
        finishRef={finishRef}
        onFinish={finish}
      />

      <FingerTiles set={set} finger={finger} capturing={capturing} locale={locale} onPick={pick} />
    </section>
  );
}
