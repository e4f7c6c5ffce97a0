import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HandoverCase, HandoverDone } from '../../../../src-main/api/contract-handover';
import { call } from '../../../app/station-client';
import { formatDateTime } from '../../../app/format';
import { downloadPdf } from '../review/review-model';
import { groupNik } from './handover-model';
import { IdentityPanel } from './identity-panel';
import { HandoverSign } from './handover-sign';

/**
 * One resident's card: the photo taken at recording beside the identity check, the recipient's
 * signature, then the handover and its receipt. The same view serves the counter and a
 * delivery round (kind 'round', nothing here needs the network).
 */
export function HandoverCaseView({
  recordingId,
  kind,
  roundId,
  onClose,
}: {
  recordingId: string;
  kind: 'counter' | 'round';
  roundId: string | null;
  onClose: (done: HandoverDone | null) => void;
}) {
  const { t } = useTranslation();
  const [hc, setHc] = useState<HandoverCase | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<HandoverDone | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void call('handover.open', { recordingId, kind, ...(roundId ? { roundId } : {}) }).then((r) => {
      if (r.ok) setHc(r.value);
      else setError(r.error.message);
    });
  }, [recordingId, kind, roundId]);

  const update = useCallback((next: HandoverCase) => setHc(next), []);
  const receiptName = (d: HandoverDone) => `tanda-terima-${d.handoverId}.pdf`;

  const complete = async () => {
    setBusy(true);
    const r = await call('handover.complete', { recordingId });
    setBusy(false);
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setDone(r.value);
    if (r.value.receiptPdfBase64) downloadPdf(r.value.receiptPdfBase64, receiptName(r.value));
  };

  if (!hc) {
    return (
      <section className="ho" data-testid="handover-case">
        {error ? (
          <p className="banner banner--error" role="alert" data-testid="ho-error">
            {error}
          </p>
        ) : (
          <p>{t('handover.loading')}</p>
        )}
        <button type="button" className="btn" onClick={() => onClose(null)}>
          {t('handover.back')}
        </button>
      </section>
    );
  }
  const c = hc.candidate;
  const ready = (hc.verified !== null || hc.proxy !== null) && hc.signed !== null;

  return (
    <section className="ho ho-case" data-testid="handover-case">
      <header className="ho-case__head">
        <div>
          <h1 className="ho__title" data-testid="ho-name">
            {c.name}
          </h1>
          <p className="ho-nik ho-case__nik" data-testid="ho-nik">
            NIK {groupNik(c.nik)}
          </p>
          <p className="ho-case__meta">
            {t('handover.recordedOn', { date: formatDateTime(c.recordedAt) })} ·{' '}
            {t(kind === 'round' ? 'handover.kindRound' : 'handover.kindCounter')}
          </p>
        </div>
        {done ? null : (
          <button type="button" className="btn" data-testid="ho-back" onClick={() => onClose(null)}>
            {t('handover.back')}
          </button>
        )}
      </header>
      {error ? (
        <p className="banner banner--error" role="alert" data-testid="ho-error">
          {error}
        </p>
      ) : null}
      <div className="ho-case__body">
        <figure className="ho-photo">
          {hc.photoDataUrl && !done ? (
            <>
              <img src={hc.photoDataUrl} alt={t('handover.photoAlt')} data-testid="ho-photo" />
              {/* Only a photo to compare with asks the operator to compare. */}
              <figcaption>{t('handover.photoCaption')}</figcaption>
            </>
          ) : (
            <div className="ho-photo__none">{t('handover.noPhoto')}</div>
          )}
        </figure>
        {done ? (
          <div className="ho-done" data-testid="ho-done">
            <p className="banner banner--ok" role="status">
              {t('handover.done', { date: formatDateTime(done.handedOverAt) })}
            </p>
            <div className="ho-actions">
              <button
                type="button"
                className="btn"
                data-testid="ho-receipt"
                onClick={() => downloadPdf(done.receiptPdfBase64, receiptName(done))}
              >
                {t('handover.printReceipt')}
              </button>
              <button
                type="button"
                className="btn btn--primary"
                data-testid="ho-next"
                autoFocus
                onClick={() => onClose(done)}
              >
                {t('handover.next')}
              </button>
            </div>
          </div>
        ) : (
          <div className="ho-steps">
            <IdentityPanel hc={hc} onCase={update} onError={setError} />
            <HandoverSign hc={hc} onCase={update} onError={setError} />
            <div className="ho-step">
              <h2>{t('handover.step3')}</h2>
              {!ready ? <p className="ho-step__todo">{t('handover.notReady')}</p> : null}
              <button
                type="button"
                className="btn btn--primary btn--large"
                data-testid="ho-complete"
                disabled={!ready || busy}
                aria-busy={busy}
                onClick={() => void complete()}
              >
                {t('handover.complete')}
              </button>
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
