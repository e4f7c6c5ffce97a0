import { useEffect, useState } from 'react';
import type { OfficeRecap, OfficeRecapGroup } from '../../../../src-main/api/contract-office';
import { call } from '../../../app/station-client';
import { useTranslation } from 'react-i18next';

/**
 * The office's day on the hub (issue 17): every paired desk's recordings, by desk, operator and
 * village, from the metadata the desks send (no biometrics, no full NIKs).
 */
export function OfficeRecapScreen() {
  const { t } = useTranslation();
  const [recap, setRecap] = useState<OfficeRecap | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('office.recap', {}).then((r) => {
      if (r.ok) setRecap(r.value);
      else setError(r.error.message);
    });
  }, []);
  const table = (title: string, rows: OfficeRecapGroup[], testId: string) => (
    <div className="card">
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{t('office.noRecordingsYet')}</p>
      ) : (
        <table className="table" data-testid={testId}>
          <thead>
            <tr>
              <th />
              <th>{t('office.all')}</th>
              <th>{t('office.finishedSealed')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((g) => (
              <tr key={g.key}>
                <td>{g.key}</td>
                <td>{g.total}</td>
                <td>{g.sealed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
  return (
    <section className="screen" data-testid="office-recap">
      <div className="screen__head">
        <h1>{t('office.todayRecap')}</h1>
        {recap ? (
          <span className="badge" data-testid="office-recap-total">
            {t('office.recordingsFinished', {
              count: recap.total,
              s: recap.sealed,
            })}
          </span>
        ) : null}
      </div>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="muted">{t('office.fromWhatEachDeskSends')}</p>
      {recap ? (
        <>
          {table(t('office.byDesk'), recap.byDesk, 'office-recap-desks')}
          {table(t('office.byOperator'), recap.byOperator, 'office-recap-operators')}
          {table(t('office.byVillage'), recap.byVillage, 'office-recap-villages')}
        </>
      ) : null}
    </section>
  );
}
