import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { FINGER_EXCEPTIONS } from '../../../../src-main/api/contract';
import type {
  FingerException,
  FingerprintDeviceInfo,
  FingerprintSet,
} from '../../../../src-main/api/contract';
import { CAPTURE_ORDER, fingerName } from '../../../../src-main/domain/fingers';
import type { Locale } from '../../../../src-main/domain/i18n';
import { call } from '../../../app/station-client';
import { Kbd } from '../../../components/kbd';
import { fingerOf, toneOf } from './fingerprint-model';
import { HandDiagram } from './hand-diagram';
import { SIM_QUALITIES, SPEAK_KEY } from './use-fingerprint-capture';
import type { useFingerprintCapture } from './use-fingerprint-capture';

type FingerRecord = FingerprintSet['fingers'][number];
type Capture = ReturnType<typeof useFingerprintCapture>;

/** An exception for a finger that cannot be taken (missing, bandaged…), with a reason. */
export function ExceptionForm({
  name,
  exception: { kind, setKind, reason, setReason, reasonError, setReasonError, setOpen, save },
}: {
  name: string;
  exception: Capture['exception'];
}) {
  const { t } = useTranslation();
  return (
    <form
      className="fp-exception"
      data-testid="fp-exception-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3>{t('fingerprint.exception.title', { finger: name })}</h3>
      <fieldset className="fp-exception__kinds">
        <legend>{t('fingerprint.exception.kind')}</legend>
        {FINGER_EXCEPTIONS.map((k: FingerException) => (
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
        <button type="button" className="btn" onClick={() => setOpen(false)}>
          {t('common.cancel')} <Kbd keys="Esc" />
        </button>
      </div>
    </form>
  );
}

/** The image of the finger (or of the one just taken) with its score against the threshold. */
export function FingerImage({
  name,
  image,
  quality,
  threshold,
  current,
  previousName,
}: {
  name: string;
  image: string | null;
  quality: number | null;
  threshold: number;
  current: FingerRecord | undefined;
  /** Set while the finger just taken is the one in view. */
  previousName: string | null;
}) {
  const { t } = useTranslation();
  return (
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
          {previousName !== null ? (
            <span className="fp-prev" data-testid="fp-previous">
              {t('fingerprint.previous', { finger: previousName })} ·{' '}
            </span>
          ) : null}
          {quality !== null ? (
            <span
              className={`fp-score ${quality >= threshold ? 'fp-score--ok' : 'fp-score--low'}`}
              data-testid="fp-score"
            >
              {t('fingerprint.quality', { q: quality, threshold })}
            </span>
          ) : current?.exception ? (
            <span>
              {t(`fingerprint.exception.kinds.${current.exception.kind}`)}:{' '}
              {current.exception.reason}
            </span>
          ) : (
            <span className="muted">{t('fingerprint.thresholdHint', { threshold })}</span>
          )}
        </figcaption>
      </figure>
    </div>
  );
}

/** The hand diagram, the spoken prompts switch and (simulator only) the next image's quality. */
export function FingerHands({
  set,
  finger,
  capturing,
  device,
  capture: { pick, speakOn, setSpeakOn, simQuality, setSimQuality },
}: {
  set: FingerprintSet;
  finger: number;
  capturing: boolean;
  device: FingerprintDeviceInfo | null;
  capture: Pick<Capture, 'pick' | 'speakOn' | 'setSpeakOn' | 'simQuality' | 'setSimQuality'>;
}) {
  const { t } = useTranslation();
  return (
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
  );
}

/** "Selesai": Enter once all ten are done; before that, which fingers are still open. */
export function FinishBar({
  set,
  open,
  finishTried,
  locale,
  finishRef,
  onFinish,
}: {
  set: FingerprintSet;
  open: number[];
  finishTried: boolean;
  locale: Locale;
  finishRef: RefObject<HTMLButtonElement | null>;
  onFinish: () => void;
}) {
  const { t } = useTranslation();
  return (
    <footer className="fp-finish">
      {set.complete ? (
        <div className="banner banner--ok" data-testid="fp-complete">
          <strong>{t('fingerprint.complete')}</strong>
          <button
            type="button"
            ref={finishRef}
            className="btn btn--primary"
            data-testid="fp-finish"
            onClick={onFinish}
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
          <button type="button" className="btn" data-testid="fp-finish" onClick={onFinish}>
            {t('fingerprint.finish')}
          </button>
        </div>
      )}
    </footer>
  );
}

/** The ten fingers as tiles in capture order; a tile picks its finger. */
export function FingerTiles({
  set,
  finger,
  capturing,
  locale,
  onPick,
}: {
  set: FingerprintSet;
  finger: number;
  capturing: boolean;
  locale: Locale;
  onPick: (f: number) => void;
}) {
  const { t } = useTranslation();
  return (
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
              onClick={() => onPick(f)}
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
  );
}
