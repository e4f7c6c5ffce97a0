import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  CentralStatus,
  FinishResult,
  RecordingReview,
  RegionPath,
} from '../../../../src-main/api/contract';
import { maskNik } from '../../../../src-main/domain/nik';
import { useApp } from '../../../app/app-context';
import { formatBytes, formatDateTime } from '../../../app/format';
import { call, onEvent } from '../../../app/station-client';
import { Kbd } from '../../../components/kbd';
import { downloadPdf, receiptFileName } from '../../../app/files';

/**
 * After sealing: what the receipt says, in the same words as the PDF the resident takes home,
 * with the NIK masked (a receipt gets photographed, lost, passed around).
 */
export function ReceiptView({
  review,
  region,
  finished,
  onNext,
}: {
  review: RecordingReview;
  region: RegionPath | null;
  finished: FinishResult | null;
  onNext: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { info } = useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const printBtn = useRef<HTMLButtonElement | null>(null);
  const rec = review.recording;

  const [central, setCentral] = useState<CentralStatus | null>(rec.centralStatus ?? null);

  const top = useRef<HTMLElement | null>(null);
  useEffect(() => {
    // The whole receipt in sight first (its top is what the operator reads out), then the
    // keyboard on "print" without scrolling away from it.
    top.current?.scrollIntoView({ block: 'start' });
    printBtn.current?.focus({ preventScroll: true });
  }, []);

  // While the resident is still at the desk the centre may already answer: show it.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const refresh = () => {
      void call('recordings.get', { id: rec.id }).then((r) => {
        if (live && r.ok) setCentral(r.value.centralStatus ?? null);
      });
    };
    const off = onEvent('sync.progress', () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 300);
    });
    // On a fast link the packet may be up and answered before this screen listens: ask once.
    refresh();
    return () => {
      live = false;
      off();
      clearTimeout(timer);
    };
  }, [rec.id]);

  const save = async () => {
    setBusy(true);
    setError(null);
    let pdf = finished?.receiptPdfBase64 ?? null;
    if (!pdf) {
      const r = await call('recordings.receipt', { id: rec.id });
      if (r.ok) pdf = r.value.pdfBase64;
      else setError(r.error.message);
    }
    setBusy(false);
    if (!pdf) return;
    downloadPdf(pdf, receiptFileName(finished?.packetId ?? rec.id, new Date()));
    setSaved(true);
  };

  return (
    <section
      ref={top}
      className="review review--done"
      data-testid="receipt-view"
      aria-labelledby="receipt-title"
    >
      <div className="receipt__top">
        <p className="banner banner--ok" role="status" data-testid="sealed-banner">
          <span>
            <strong>{t('review.sealedTitle')}</strong> {t('review.sealedText')}
          </span>
        </p>
        {error ? (
          <p className="banner banner--error" role="alert">
            {error}
          </p>
        ) : null}
        {saved ? (
          <p className="muted small" role="status" data-testid="receipt-saved">
            {t('review.receiptSaved')}
          </p>
        ) : null}
        <div className="receipt__actions">
          <button
            ref={printBtn}
            type="button"
            className="btn btn--large"
            data-testid="receipt-download"
            disabled={busy}
            aria-busy={busy}
            onClick={() => void save()}
          >
            {t('review.download')}
          </button>
          <button
            type="button"
            className="btn btn--primary btn--large"
            data-testid="next-recording"
            onClick={onNext}
          >
            {t('review.next')} <Kbd keys="Alt+N" />
          </button>
        </div>
      </div>

      <article className="card receipt" data-testid="receipt">
        <header className="receipt__head">
          <p className="eyebrow">{t('review.receiptEyebrow')}</p>
          <h2 id="receipt-title">{t('review.receiptTitle')}</h2>
        </header>
        <dl className="receipt__facts">
          <dt>{t('form.name')}</dt>
          <dd className="receipt__name">{rec.name}</dd>
          <dt>NIK</dt>
          <dd className="mono" data-testid="receipt-nik">
            {maskNik(rec.nik)}
          </dd>
          <dt>{t('review.recordedAt')}</dt>
          <dd>{formatDateTime(rec.updatedAt, i18n.language)}</dd>
          <dt>{t('review.station')}</dt>
          <dd>
            {info.station?.name}
            {info.station?.kecamatanName
              ? ` · ${t('review.kecamatan')} ${info.station.kecamatanName}`
              : ''}
          </dd>
          {region?.village ? (
            <>
              <dt>{t('region.village')}</dt>
              <dd>{region.village.name}</dd>
            </>
          ) : null}
          <dt>{t('today.operator')}</dt>
          <dd>{rec.operator}</dd>
          {finished ? (
            <>
              <dt>{t('review.packet')}</dt>
              <dd className="mono" data-testid="receipt-packet">
                {finished.packetId}{' '}
                <span className="muted">({formatBytes(finished.packetBytes, i18n.language)})</span>
              </dd>
            </>
          ) : null}
          <dt>{t('review.centralStatus')}</dt>
          <dd data-testid="receipt-central">
            {central ? t(`central.status.${central}`) : t('central.status.queued')}
          </dd>
        </dl>
        <p className="receipt__free" data-testid="receipt-free">
          {t('review.free')}
        </p>
        <p className="muted small">{t('review.nextSteps')}</p>
      </article>
    </section>
  );
}
