import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalDetail } from '../../../../src-main/api/contract';
import type { ApprovalItem } from '../../../../src-main/api/contract-supervisor';
import { fingerName } from '../../../../src-main/domain/fingers';
import { displayDate } from '../../../../src-main/domain/format-date';
import { formatDateTime } from '../../../app/format';
import { call } from '../../../app/station-client';
import { useRegionPath, villageLabel } from '../../../app/use-regions';
import { FlagList } from './flag-list';

/** One recording as the supervisor judges it, with the approve / reject controls. */
export function ReviewPanel({
  detail,
  onDecided,
  onError,
}: {
  detail: ApprovalDetail;
  onDecided: (item: ApprovalItem) => void;
  onError: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const L = i18n.language === 'en' ? 'en' : 'id';
  const { item, review } = detail;
  const r = review.recording.resident;
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const reasonOk = reason.trim().length >= 5;
  const village = villageLabel(useRegionPath(r.villageCode));

  async function decide(kind: 'approve' | 'reject') {
    setBusy(true);
    const res =
      kind === 'approve'
        ? await call('approval.approve', { id: item.recordingId })
        : await call('approval.reject', { id: item.recordingId, reason: reason.trim() });
    setBusy(false);
    if (res.ok) onDecided(res.value);
    else onError(res.error.message);
  }

  const fields: [string, ReactNode][] = [
    [t('sup.approval.fields.nik'), r.nik],
    [t('sup.approval.fields.kk'), r.kk],
    [t('sup.approval.fields.name'), r.name],
    [t('sup.approval.fields.birth'), `${r.birthPlace}, ${displayDate(r.birthDate)}`],
    [t('sup.approval.fields.sex'), r.sex],
    [t('sup.approval.fields.bloodType'), r.bloodType],
    [t('sup.approval.fields.address'), r.address],
    [t('sup.approval.fields.rtrw'), `${r.rt}/${r.rw}`],
    [
      t('sup.approval.fields.village'),
      r.villageCode ? (
        <span data-testid="approval-village">
          {village ?? r.villageCode}{' '}
          {village ? <span className="muted small mono">{r.villageCode}</span> : null}
        </span>
      ) : (
        ''
      ),
    ],
    [t('sup.approval.fields.religion'), r.religion],
    [t('sup.approval.fields.maritalStatus'), r.maritalStatus],
    [t('sup.approval.fields.occupation'), r.occupation],
    [t('sup.approval.fields.citizenship'), r.citizenship],
  ];

  return (
    <article className="review-panel" data-testid="approval-detail" data-id={item.recordingId}>
      <header className="review-panel__head">
        <div>
          <h2>{item.name}</h2>
          <p className="muted small">
            <span className="mono">{item.nik}</span> · {t('sup.approval.operator')}: {item.operator}{' '}
            · {t('sup.approval.sealedAt')}: {formatDateTime(item.sealedAt, i18n.language)}
            {item.uploaded ? ` · ${t('sup.approval.uploaded')}` : ''}
          </p>
        </div>
        <FlagList flags={item.flags} />
      </header>

      <div className="review-panel__grid">
        <section>
          <h3>{t('sup.approval.photo')}</h3>
          {review.photo ? (
            <figure className={`review-photo${review.photo.forced ? ' is-flagged' : ''}`}>
              <img src={review.photo.imageDataUrl} alt={t('sup.approval.photo')} />
              {review.photo.forced ? (
                <figcaption className="flag-chip">
                  {t('sup.approval.forceReason', { reason: review.photo.forceReason ?? '—' })}
                </figcaption>
              ) : null}
            </figure>
          ) : (
            <p className="muted">—</p>
          )}
          <h3>{t('sup.approval.signature')}</h3>
          {review.signature?.imageDataUrl ? (
            <img
              className="review-signature"
              src={review.signature.imageDataUrl}
              alt={t('sup.approval.signature')}
            />
          ) : (
            <p className="flag-chip" data-testid="approval-signature-exception">
              {t('sup.approval.noSignature', {
                reason: review.signature?.exception?.reason ?? '—',
              })}
            </p>
          )}
        </section>
        <section>
          <h3>{t('sup.approval.fingers')}</h3>
          <ol className="review-fingers">
            {review.fingerprints.fingers.map((f) => (
              <li
                key={f.finger}
                className={`review-finger review-finger--${f.state}`}
                data-testid="approval-finger"
                data-state={f.state}
              >
                {f.imageDataUrl ? (
                  <img src={f.imageDataUrl} alt={fingerName(f.finger, L)} />
                ) : (
                  <div className="review-finger__none">✕</div>
                )}
                <span className="small">
                  {f.finger}. {fingerName(f.finger, L)}
                </span>
                {f.state === 'exception' ? (
                  <span className="flag-chip small">
                    {f.exception ? t(`fingerprint.exception.kinds.${f.exception.kind}`) : ''} —{' '}
                    {f.exception?.reason}
                  </span>
                ) : (
                  <span className="small">
                    {t('sup.approval.quality', { q: f.quality ?? '—' })}
                    {f.state === 'forced' ? (
                      <span className="flag-chip"> {t('sup.approval.forced')}</span>
                    ) : null}
                  </span>
                )}
              </li>
            ))}
          </ol>
        </section>
      </div>

      <section>
        <h3>{t('sup.approval.data')}</h3>
        <dl className="review-data">
          {fields.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{v || '—'}</dd>
            </div>
          ))}
        </dl>
        {review.recording.warnings.map((w) => (
          <p key={`${w.field}-${w.message}`} className="banner banner--warning small">
            {w.message}
          </p>
        ))}
      </section>

      {item.decision ? (
        <p
          className={`banner ${item.decision.decision === 'approved' ? 'banner--ok' : 'banner--error'}`}
          data-testid="approval-decision"
        >
          {t(`sup.approval.decision.${item.decision.decision}`, {
            by: item.decision.by,
            at: formatDateTime(item.decision.at, i18n.language),
            reason: item.decision.reason ?? '',
          })}
        </p>
      ) : rejecting ? (
        <form
          className="review-reject"
          onSubmit={(e) => {
            e.preventDefault();
            if (reasonOk && !busy) void decide('reject');
          }}
        >
          <label htmlFor="reject-reason">{t('sup.approval.reason')}</label>
          <textarea
            id="reject-reason"
            data-testid="approval-reason"
            value={reason}
            maxLength={300}
            rows={2}
            autoFocus
            onChange={(e) => setReason(e.target.value)}
          />
          <p className="muted small">{t('sup.approval.reasonHint')}</p>
          <div className="review-actions">
            <button
              type="submit"
              className="btn btn--danger"
              data-testid="approval-confirm-reject"
              disabled={!reasonOk || busy}
            >
              {t('sup.approval.confirmReject')}
            </button>
            <button type="button" className="btn" onClick={() => setRejecting(false)}>
              {t('sup.approval.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <div className="review-actions">
          <button
            type="button"
            className="btn btn--primary"
            data-testid="approval-approve"
            disabled={busy}
            onClick={() => void decide('approve')}
          >
            {t('sup.approval.approve')}
          </button>
          <button
            type="button"
            className="btn btn--danger"
            data-testid="approval-reject"
            disabled={busy}
            onClick={() => setRejecting(true)}
          >
            {t('sup.approval.reject')}
          </button>
        </div>
      )}
    </article>
  );
}
