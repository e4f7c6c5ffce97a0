import { useEffect, useState } from 'react';
import type { QueueFigures as Figures } from '../../../../src-main/api/contract-queue';
import { localIsoDate } from '../../../../src-main/domain/nik';
import { addDays } from '../../../../src-main/domain/scheduling';
import { call } from '../../../app/station-client';
import { recapExtras } from '../recap/recap-extras';
import '../../../components/queue.css';
import { useTranslation } from 'react-i18next';

/** Queue figures for the recap screen: cards, waiting days, no-shows, capacity used (30 days). */
export function QueueFiguresSection({ date }: { date?: string }) {
  const { t } = useTranslation();
  const [f, setF] = useState<Figures | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const to = date ?? localIsoDate(new Date());
    let live = true;
    void call('queue.figures', { from: addDays(to, -29), to }).then((r) => {
      if (!live) return;
      if (r.ok) setF(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [date]);
  const pct = (v: number) => `${Math.round(v * 100)}%`;
  const today = f?.days[f.days.length - 1];
  return (
    <section className="card" data-testid="queue-figures">
      <h2>{t('queue.figures.queue30Days')}</h2>
      {error ? <p className="banner banner--error">{error}</p> : null}
      {f ? (
        <div className="queue__figures">
          <div className="queue__figure">
            {t('queue.figures.cardsIssued')}
            <strong data-testid="figure-issued">{f.issued}</strong>
            {today ? t('queue.figures.todayN', { n: today.issued }) : null}
          </div>
          <div className="queue__figure">
            {t('queue.figures.waitingDaysMedian')}
            <strong>{f.waitingDays.median ?? '—'}</strong>
            {t('queue.figures.days')}
          </div>
          <div className="queue__figure">
            {t('queue.figures.waitingDaysWorst')}
            <strong>{f.waitingDays.worst ?? '—'}</strong>
            {t('queue.figures.days')}
          </div>
          <div className="queue__figure">
            {t('queue.figures.noShows')}
            <strong>{f.noShows}</strong>
          </div>
          <div className="queue__figure">
            {t('queue.figures.capacityUsed')}
            <strong>{pct(f.capacityUsed)}</strong>
            {today ? t('queue.figures.todayP', { p: pct(today.capacityUsed) }) : null}
          </div>
        </div>
      ) : (
        <p className="muted">{t('queue.figures.loading')}</p>
      )}
    </section>
  );
}

// The recap screen shows the queue figures below its own sections (guarded for hot reloads).
if (!recapExtras.includes(QueueFiguresSection)) recapExtras.push(QueueFiguresSection);
