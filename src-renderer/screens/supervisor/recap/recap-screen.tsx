import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../components/date-field';
import type { RecordingStatus } from '../../../../src-main/api/contract';
import type { DailyRecap } from '../../../../src-main/api/contract-supervisor';
import { formatBytes, formatDateTime } from '../../../app/format';
import { call } from '../../../app/station-client';
import '../approval/supervisor.css';
import { RecapChart } from './recap-chart';
import { RecapExtras } from './recap-extras';
import { RecapSettings } from './recap-settings';
import { HandoverPolicy } from './handover-policy';
import { RecapHandoverPanel } from './recap-handover';

const STATUSES: RecordingStatus[] = ['draft', 'sealed', 'approved', 'rejected', 'uploaded'];
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function RecapScreen() {
  const { t, i18n } = useTranslation();
  const [date, setDate] = useState('');
  const [recap, setRecap] = useState<DailyRecap | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    void call('recap.daily', date ? { date } : {}).then((r) => {
      if (!live) return;
      if (r.ok) {
        setRecap(r.value);
        setError(null);
        if (!date) setDate(r.value.date);
      } else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [date, reload]);

  return (
    <section className="screen recap" data-testid="recap-screen">
      <div className="screen__head">
        <h1>{t('sup.recap.title')}</h1>
        <div className="search">
          <label htmlFor="recap-date">{t('sup.recap.date')}</label>
          <DateField id="recap-date" value={date} onChange={setDate} />
          <button type="button" className="btn" onClick={() => setReload((n) => n + 1)}>
            {t('sup.recap.refresh')}
          </button>
        </div>
      </div>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {recap === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : (
        <>
          <div className="recap__cards" data-testid="recap-counts">
            <div className="recap__card" data-testid="recap-count-total">
              <span className="muted small">{t('sup.recap.total')}</span>
              <strong>{recap.counts.total}</strong>
            </div>
            {STATUSES.map((s) => (
              <div key={s} className="recap__card" data-testid={`recap-count-${s}`}>
                <span className={`badge badge--${s}`}>{t(`recordingStatus.${s}`)}</span>
                <strong>{recap.counts[s]}</strong>
              </div>
            ))}
          </div>

          <div className="recap__grid">
            <section className="recap__panel recap__panel--wide">
              <h2>{t('sup.recap.byOperator')}</h2>
              <table className="table" data-testid="recap-operators">
                <thead>
                  <tr>
                    <th scope="col">{t('sup.recap.operator')}</th>
                    {STATUSES.map((s) => (
                      <th key={s} scope="col">
                        {t(`recordingStatus.${s}`)}
                      </th>
                    ))}
                    <th scope="col">{t('sup.recap.total')}</th>
                  </tr>
                </thead>
                <tbody>
                  {recap.byOperator.map((o) => (
                    <tr key={o.username}>
                      <td>{o.fullName}</td>
                      {STATUSES.map((s) => (
                        <td key={s}>{o.counts[s]}</td>
                      ))}
                      <td>
                        <strong>{o.counts.total}</strong>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section className="recap__panel">
              <h2>{t('sup.recap.byVillage')}</h2>
              <table className="table" data-testid="recap-villages">
                <thead>
                  <tr>
                    <th scope="col">{t('sup.recap.village')}</th>
                    <th scope="col">{t('sup.recap.count')}</th>
                  </tr>
                </thead>
                <tbody>
                  {recap.byVillage.map((v) => (
                    <tr key={v.code}>
                      <td>
                        {v.name || t('sup.recap.noVillage')}{' '}
                        <span className="muted small mono">{v.code}</span>
                      </td>
                      <td>{v.total}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section className="recap__panel" data-testid="recap-backlog">
              <h2>{t('sup.recap.backlog')}</h2>
              {recap.backlog.packets === 0 ? (
                <p>{t('sup.recap.backlogEmpty')}</p>
              ) : (
                <>
                  <p>
                    {t('sup.recap.backlogPackets', {
                      count: recap.backlog.packets,
                      size: formatBytes(recap.backlog.bytes, i18n.language),
                    })}
                  </p>
                  {recap.backlog.heldForApproval > 0 ? (
                    <p>{t('sup.recap.backlogHeld', { n: recap.backlog.heldForApproval })}</p>
                  ) : null}
                  {recap.backlog.exported > 0 ? (
                    <p>{t('sup.recap.backlogExported', { n: recap.backlog.exported })}</p>
                  ) : null}
                  <p className="muted">
                    {t('sup.recap.oldest', {
                      at: formatDateTime(recap.backlog.oldestSealedAt, i18n.language),
                    })}
                  </p>
                </>
              )}
            </section>
            <section className="recap__panel" data-testid="recap-quality">
              <h2>{t('sup.recap.quality')}</h2>
              <div className="recap__cards">
                <div className="recap__card">
                  <span className="muted small">{t('sup.recap.forcedShare')}</span>
                  <strong>{pct(recap.quality.forcedShare)}</strong>
                </div>
                <div className="recap__card">
                  <span className="muted small">{t('sup.recap.exceptionShare')}</span>
                  <strong>{pct(recap.quality.exceptionShare)}</strong>
                </div>
              </div>
              <p className="muted small">
                {t('sup.recap.qualityDetail', {
                  fp: recap.quality.forcedPhotos,
                  p: recap.quality.photos,
                  ff: recap.quality.forcedFingers,
                  f: recap.quality.fingers,
                  fe: recap.quality.fingerExceptions,
                  se: recap.quality.signatureExceptions,
                  s: recap.quality.signatures,
                })}
              </p>
            </section>
            <RecapHandoverPanel h={recap.handover} />
          </div>

          <section className="recap__panel">
            <h2>{t('sup.recap.chart', { quota: recap.quota })}</h2>
            <RecapChart days={recap.days} quota={recap.quota} />
          </section>

          <section className="recap__panel" data-testid="recap-freeze">
            <h2>{t('sup.recap.freeze')}</h2>
            <p className={`banner ${recap.freeze.frozen ? 'banner--error' : 'banner--ok'}`}>
              {recap.freeze.frozen ? t('sup.recap.frozen') : t('sup.recap.notFrozen')}
            </p>
            <table className="table">
              <tbody>
                {recap.freeze.checks.map((c) => (
                  <tr key={c.rule} className={c.tripped ? 'is-tripped' : undefined}>
                    <th scope="row">{t(`sup.recap.rule.${c.rule}`)}</th>
                    <td>
                      <strong>{c.value}</strong> / {c.limit > 0 ? c.limit : t('sup.recap.off')}
                    </td>
                    <td className="small">{c.tripped ? c.message : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>

          <RecapSettings onSaved={() => setReload((n) => n + 1)} />
          <HandoverPolicy />
          <RecapExtras />
        </>
      )}
    </section>
  );
}
