import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  FingerCaptureResult,
  FingerprintProgress,
  FingerprintSet,
} from '../../../../src-main/api/contract';
import { CAPTURE_ORDER, fingerName } from '../../../../src-main/domain/fingers';
import type { Locale } from '../../../../src-main/domain/i18n';
import { Kbd } from '../../../components/kbd';
import { MAX_ATTEMPTS, toneOf } from './fingerprint-model';
import type { enterAction } from './fingerprint-model';

type FingerRecord = FingerprintSet['fingers'][number];

/** The LARGE prompt for the finger asked for, the scanner's live message, the image transfer. */
export function FingerPrompt({
  finger,
  current,
  name,
  waiting,
  progress,
  transfer,
}: {
  finger: number;
  current: FingerRecord | undefined;
  name: string;
  waiting: number | null;
  progress: FingerprintProgress | null;
  transfer: FingerprintProgress | null;
}) {
  const { t } = useTranslation();
  const transferText =
    transfer && (transfer.phase === 'uploading' || transfer.phase === 'image-ready')
      ? transfer.message
      : transfer?.phase === 'lift'
        ? transfer.message
        : null;
  return (
    <>
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
            {t('fingerprint.placePrefix')} <strong>{name}</strong> {t('fingerprint.placeSuffix')}
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
    </>
  );
}

/** The step's buttons: capture / retry / next (Enter), cancel, exception, clear, retake (U). */
export function FingerActions({
  finger,
  current,
  capturing,
  action,
  nextFinger,
  deviceUsable,
  exceptionOpen,
  previous,
  locale,
  primaryRef,
  onCapture,
  onCancel,
  onNext,
  onToggleException,
  onClear,
  onRetake,
}: {
  finger: number;
  current: FingerRecord | undefined;
  capturing: boolean;
  action: ReturnType<typeof enterAction>;
  nextFinger: number | null;
  deviceUsable: boolean;
  exceptionOpen: boolean;
  previous: FingerCaptureResult | null;
  locale: Locale;
  primaryRef: RefObject<HTMLButtonElement | null>;
  onCapture: () => void;
  onCancel: () => void;
  onNext: () => void;
  onToggleException: () => void;
  onClear: () => void;
  onRetake: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="fp-actions">
      {capturing ? (
        <button type="button" className="btn btn--large" data-testid="fp-cancel" onClick={onCancel}>
          {t('common.cancel')} <Kbd keys="Esc" />
        </button>
      ) : action === 'capture' ? (
        <button
          type="button"
          ref={primaryRef}
          className="btn btn--primary btn--large"
          data-testid="fp-capture"
          disabled={!deviceUsable}
          onClick={onCapture}
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
          onClick={onNext}
        >
          {t('fingerprint.next', { finger: fingerName(nextFinger, locale) })} <Kbd keys="Enter" />
        </button>
      ) : null}
      {!capturing && current?.state === 'pending' ? (
        <button
          type="button"
          className="btn"
          data-testid="fp-exception"
          onClick={onToggleException}
          aria-expanded={exceptionOpen}
        >
          {t('fingerprint.exception.open')}
        </button>
      ) : null}
      {!capturing && current && current.state !== 'pending' ? (
        <button type="button" className="btn" data-testid="fp-clear" onClick={onClear}>
          {t('fingerprint.clear')}
        </button>
      ) : null}
      {previous && previous.attempt.finger !== finger ? (
        <button type="button" className="btn" data-testid="fp-retake" onClick={onRetake}>
          {t('fingerprint.retake', { finger: fingerName(previous.attempt.finger, locale) })}{' '}
          <Kbd keys="U" />
        </button>
      ) : null}
    </div>
  );
}

/** What the last capture of this finger gave: accepted, forced after the last try, or retry. */
export function Outcome({
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
