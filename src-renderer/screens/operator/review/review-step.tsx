import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FinishResult, RecordingReview, RegionPath } from '../../../../src-main/api/contract';
import { fingerName } from '../../../../src-main/domain/fingers';
import { displayDate } from '../../../../src-main/domain/format-date';
import { formatDateTime } from '../../../app/format';
import { call } from '../../../app/station-client';
import { Kbd } from '../../../components/kbd';
import { CheckList } from '../photo/check-list';
import { FinishDialog } from './finish-dialog';
import { ReceiptView } from './receipt-view';
import { Flag, ReviewCard } from './review-card';
import { canFinish, countFingers, missingSteps, needsAttention } from './review-model';
import type { CaptureStep } from './review-model';
import './review.css';

/**
 * The last step: everything captured for one resident on one screen, what still blocks sealing
 * (each with a button to its step), then "Selesai & segel" behind the operator's password and,
 * once sealed, the receipt to print or hand over.
 */
export function ReviewStep({
  recordingId,
  onGoTo,
  onSealed,
  onNext,
}: {
  recordingId: string;
  onGoTo: (step: CaptureStep) => void;
  onSealed: (result: FinishResult) => void;
  onNext: () => void;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const [review, setReview] = useState<RecordingReview | null>(null);
  const [region, setRegion] = useState<RegionPath | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [finished, setFinished] = useState<FinishResult | null>(null);

  const load = useCallback(
    () =>
      fetchReview(recordingId).then((r) => {
        if ('error' in r) {
          setError(r.error);
          return;
        }
        setError(null);
        setReview(r.review);
        setRegion(r.region);
      }),
    [recordingId],
  );

  useEffect(() => {
    let live = true;
    void fetchReview(recordingId).then((r) => {
      if (!live) return;
      if ('error' in r) {
        setError(r.error);
        return;
      }
      setError(null);
      setReview(r.review);
      setRegion(r.region);
    });
    return () => {
      live = false;
    };
    // The language of the server's "missing" texts follows the UI.
  }, [recordingId, i18n.language]);

  const ready = review ? canFinish(review) : false;
  const draft = review?.recording.status === 'draft' && !finished;
  // Enter anywhere on the review (not on another button or field) opens "Selesai & segel".
  useEffect(() => {
    if (!ready || !draft || asking) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
      const el = e.target as HTMLElement | null;
      if (el?.closest('button, a, input, textarea, select, [role="dialog"]')) return;
      e.preventDefault();
      setAsking(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [ready, draft, asking]);

  if (error && !review) {
    return (
      <div className="banner banner--error" role="alert" data-testid="review-error">
        <span>{error}</span>
        <button type="button" className="btn" onClick={() => void load()}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (!review) return <p className="muted">{t('common.loading')}</p>;

  const rec = review.recording;
  if (finished || rec.status !== 'draft') {
    return <ReceiptView review={review} region={region} finished={finished} onNext={onNext} />;
  }

  const gaps = missingSteps(review);
  const res = rec.resident;
  const counts = countFingers(review.fingerprints.fingers);
  const photo = review.photo;
  const sig = review.signature;

  return (
    <section className="review" data-testid="review-step" aria-labelledby="review-title">
      <div className="review__head">
        <h2 id="review-title" className="sr-only">
          {t('review.title')}
        </h2>
        <p className="muted">{t('review.intro')}</p>
      </div>

      {review.missing.length > 0 ? (
        <div
          className="banner banner--error review__missing"
          role="status"
          data-testid="review-missing"
        >
          <div>
            <strong>{t('review.missingTitle')}</strong>
            <ul>
              {review.missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          </div>
          <div className="banner__actions">
            {gaps.map((s) => (
              <button
                key={s}
                type="button"
                className="btn"
                data-testid={`review-goto-${s}`}
                data-first-action={s === gaps[0] ? true : undefined}
                onClick={() => onGoTo(s)}
              >
                {t('review.goTo', { step: t(`recording.step.${s}`) })}
              </button>
            ))}
          </div>
        </div>
      ) : needsAttention(review) ? (
        <p className="banner banner--warning" data-testid="review-attention">
          {t('review.attention')}
        </p>
      ) : (
        <p className="banner banner--ok" data-testid="review-ready">
          {t('review.ready')}
        </p>
      )}

      <div className="review__grid">
        {/* ---- data ---- */}
        <ReviewCard
          title={t('recording.step.data')}
          testId="review-data"
          action={t('review.edit')}
          onAction={() => onGoTo('data')}
        >
          <dl className="review__facts">
            <dt>NIK</dt>
            <dd className="mono review__nik" data-testid="review-nik">
              {res.nik}
            </dd>
            <dt>{t('form.kk')}</dt>
            <dd className="mono">{res.kk}</dd>
            <dt>{t('form.name')}</dt>
            <dd className="review__name">{res.name}</dd>
            <dt>{t('review.birth')}</dt>
            <dd>
              {res.birthPlace}, {displayDate(res.birthDate)}
            </dd>
            <dt>{t('form.sex')}</dt>
            <dd>{res.sex}</dd>
            <dt>{t('form.bloodType')}</dt>
            <dd>{res.bloodType}</dd>
            <dt>{t('form.address')}</dt>
            <dd className="review__address">
              {res.address}, RT {res.rt.padStart(3, '0')} / RW {res.rw.padStart(3, '0')}
              {region?.village ? (
                <>
                  , {region.village.name}, {region.district?.name}, {region.regency?.name}
                </>
              ) : null}
            </dd>
            <dt>{t('form.religion')}</dt>
            <dd>{res.religion}</dd>
            <dt>{t('form.maritalStatus')}</dt>
            <dd>{res.maritalStatus}</dd>
            <dt>{t('form.occupation')}</dt>
            <dd>{res.occupation}</dd>
            <dt>{t('form.citizenship')}</dt>
            <dd>{res.citizenship}</dd>
          </dl>
          {rec.warnings.length > 0 ? (
            <ul className="review__warnings" data-testid="review-warnings">
              {rec.warnings.map((w) => (
                <li key={`${w.field}-${w.message}`}>{w.message}</li>
              ))}
            </ul>
          ) : null}
        </ReviewCard>

        {/* ---- photo ---- */}
        <ReviewCard
          title={t('recording.step.photo')}
          testId="review-photo"
          flag={photo?.forced}
          action={photo ? t('review.edit') : t('review.take')}
          onAction={() => onGoTo('photo')}
        >
          {photo ? (
            <div className="review__photo">
              <img src={photo.imageDataUrl} alt={t('photo.acceptedAlt')} width={150} />
              <div>
                {photo.forced ? (
                  <Flag
                    testId="review-photo-forced"
                    title={t('review.photoForced')}
                    reason={photo.forceReason ?? '—'}
                  />
                ) : null}
                <CheckList checks={photo.checks} testId="review-photo-checks" />
                <p className="muted small">
                  {t('review.photoMeta', {
                    attempts: t('counts.attempt', { count: photo.attempts }),
                    time: formatDateTime(photo.acceptedAt, locale),
                  })}
                  {photo.noGlassesConfirmed ? ` · ${t('review.noGlasses')}` : ''}
                </p>
              </div>
            </div>
          ) : (
            <p className="review__none">{t('review.noPhoto')}</p>
          )}
        </ReviewCard>

        {/* ---- signature ---- */}
        <ReviewCard
          title={t('recording.step.signature')}
          testId="review-signature"
          flag={sig?.exception != null}
          action={sig ? t('review.edit') : t('review.take')}
          onAction={() => onGoTo('signature')}
        >
          {sig?.imageDataUrl ? (
            <img
              className="review__signature"
              src={sig.imageDataUrl}
              alt={t('review.signatureAlt')}
              data-testid="review-signature-image"
            />
          ) : sig?.exception ? (
            <Flag
              testId="review-signature-exception"
              title={t('review.signatureException')}
              reason={sig.exception.reason}
            />
          ) : (
            <p className="review__none">{t('review.noSignature')}</p>
          )}
        </ReviewCard>
        {/* ---- fingerprints ---- */}
        <ReviewCard
          title={t('recording.step.fingerprint')}
          testId="review-fingers"
          wide
          flag={counts.forced + counts.exception > 0}
          action={t('review.edit')}
          onAction={() => onGoTo('fingerprint')}
          counts={
            <span className="muted">
              {t('review.fingerCounts', {
                captured: t('counts.taken', { count: counts.captured + counts.forced }),
                exception: t('counts.exception', { count: counts.exception }),
                pending: t('counts.missing', { count: counts.pending }),
              })}
            </span>
          }
        >
          <ol className="review__fingers">
            {review.fingerprints.fingers.map((f) => (
              <li
                key={f.finger}
                className={`review__finger review__finger--${f.state}`}
                data-testid={`review-finger-${f.finger}`}
                data-state={f.state}
              >
                {f.imageDataUrl ? (
                  <img src={f.imageDataUrl} alt="" width={44} height={50} />
                ) : (
                  <span className="review__finger-none" aria-hidden="true">
                    {f.state === 'exception' ? '✕' : '?'}
                  </span>
                )}
                <span className="review__finger-text">
                  <span className="review__finger-name">{fingerName(f.finger, locale)}</span>
                  <span className="review__finger-state">
                    {f.state === 'exception' && f.exception
                      ? `${t(`fingerprint.exception.kinds.${f.exception.kind}`)}: ${f.exception.reason}`
                      : f.state === 'pending'
                        ? t('review.fingerPending')
                        : t(f.state === 'forced' ? 'review.fingerForced' : 'review.fingerOk', {
                            q: f.quality ?? '—',
                          })}
                  </span>
                </span>
              </li>
            ))}
          </ol>
        </ReviewCard>
      </div>

      <footer className="review__finish card">
        <div>
          <strong>{t('review.finishTitle')}</strong>
          <p className="muted small">
            {ready ? t('review.finishHint') : t('review.finishBlocked')}
          </p>
        </div>
        <button
          type="button"
          className="btn btn--primary btn--large"
          data-testid="review-finish"
          data-first-action={ready ? true : undefined}
          aria-keyshortcuts="Enter"
          disabled={!ready}
          onClick={() => setAsking(true)}
        >
          {t('review.finish')} <Kbd keys="Enter" />
        </button>
      </footer>

      {asking ? (
        <FinishDialog
          recordingId={recordingId}
          onCancel={() => setAsking(false)}
          onDone={(result) => {
            setAsking(false);
            setFinished(result);
            onSealed(result);
            void load();
          }}
        />
      ) : null}
    </section>
  );
}

async function fetchReview(
  id: string,
): Promise<{ review: RecordingReview; region: RegionPath | null } | { error: string }> {
  const r = await call('recordings.review', { id });
  if (!r.ok) return { error: r.error.message };
  const village = r.value.recording.resident.villageCode;
  const p = village ? await call('regions.lookup', { code: village }) : null;
  return { review: r.value, region: p?.ok ? p.value : null };
}
