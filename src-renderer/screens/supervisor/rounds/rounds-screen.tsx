import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoundDetail, RoundView } from '../../../../src-main/api/contract-rounds';
import { formatDateTime } from '../../../app/format';
import { call } from '../../../app/station-client';
import { RoundBuilder } from './round-builder';
import { RoundDetailView } from './round-detail';
import { RoundStateBadge, RoundCounts } from '../../shared/rounds/round-parts';

/**
 * "Antar ke rumah": the supervisor's delivery rounds — build one from the suggested
 * cards, order it, print the sheet, send it out, close it when the clerk is back.
 */
export function RoundsScreen() {
  const { t } = useTranslation();
  const [rounds, setRounds] = useState<RoundView[]>([]);
  const [building, setBuilding] = useState(false);
  const [open, setOpen] = useState<RoundDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    call('rounds.list', {}).then((r) => (r.ok ? setRounds(r.value) : setError(r.error.message)));
  useEffect(() => {
    void load();
  }, []);
  const openRound = async (roundId: string) => {
    const r = await call('rounds.get', { roundId });
    if (r.ok) setOpen(r.value);
    else setError(r.error.message);
  };

  return (
    <section className="screen rounds" data-testid="rounds-screen">
      <div className="screen__head">
        <h1>{t('rounds.title')}</h1>
        {!building && !open ? (
          <button
            type="button"
            className="btn btn--primary btn--large"
            data-testid="round-new"
            onClick={() => setBuilding(true)}
          >
            {t('rounds.new')}
          </button>
        ) : null}
      </div>
      <p className="muted">{t('rounds.intro')}</p>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {building ? (
        <RoundBuilder
          onCancel={() => setBuilding(false)}
          onCreated={(d) => {
            setBuilding(false);
            setOpen(d);
            void load();
          }}
        />
      ) : open ? (
        <RoundDetailView
          detail={open}
          onChange={(d) => {
            setOpen(d);
            void load();
          }}
          onBack={() => setOpen(null)}
        />
      ) : (
        <div className="card">
          {rounds.length === 0 ? (
            <p className="muted">{t('rounds.none')}</p>
          ) : (
            <table className="table rounds-table" data-testid="rounds-list">
              <thead>
                <tr>
                  <th>{t('rounds.label')}</th>
                  <th>{t('rounds.colState')}</th>
                  <th>{t('rounds.colCards')}</th>
                  <th>{t('rounds.colCreated')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rounds.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <strong>{r.label}</strong>
                      {r.villageName ? <div className="muted small">{r.villageName}</div> : null}
                    </td>
                    <td>
                      <RoundStateBadge state={r.state} />
                    </td>
                    <td>
                      <RoundCounts round={r} />
                    </td>
                    <td>
                      {formatDateTime(r.createdAt)} · {r.createdBy}
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn btn--small"
                        data-testid={`round-open-${r.id}`}
                        onClick={() => void openRound(r.id)}
                      >
                        {t('rounds.open')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
