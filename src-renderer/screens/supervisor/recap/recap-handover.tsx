import { useTranslation } from 'react-i18next';
import type { RecapHandover } from '../../../../src-main/api/contract-supervisor';

/**
 * Printed cards reaching residents: the day's handovers (on rounds, by proxy) and the
 * cards still waiting at the kecamatan by age; the oldest bucket is the one to act on.
 */
export function RecapHandoverPanel({ h }: { h: RecapHandover }) {
  const { t } = useTranslation();
  const figure = (id: string, label: string, n: number, warn = false) => (
    <div
      className={warn && n > 0 ? 'recap__card recap__card--warn' : 'recap__card'}
      data-testid={`recap-handover-${id}`}
    >
      <span className="muted small">{label}</span>
      <strong>{n}</strong>
    </div>
  );
  return (
    <section className="recap__panel recap__panel--wide" data-testid="recap-handover">
      <h2>{t('sup.recap.handover.title')}</h2>
      <div className="recap__cards">
        {figure('today', t('sup.recap.handover.today'), h.handedOver)}
        {figure('rounds', t('sup.recap.handover.onRounds'), h.onRounds)}
        {figure('proxy', t('sup.recap.handover.byProxy'), h.byProxy)}
        {figure('under7', t('sup.recap.handover.under7'), h.waiting.under7)}
        {figure('7to30', t('sup.recap.handover.from7to30'), h.waiting.from7to30)}
        {figure('over30', t('sup.recap.handover.over30'), h.waiting.over30, true)}
      </div>
      <p className="muted small">{t('sup.recap.handover.waiting', { count: h.waiting.total })}</p>
    </section>
  );
}
