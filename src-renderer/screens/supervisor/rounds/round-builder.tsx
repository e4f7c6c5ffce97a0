import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoundDetail, RoundSuggestions } from '../../../../src-main/api/contract-rounds';
import { call } from '../../../app/station-client';
import { rtRw } from '../../shared/rounds/round-parts';

/**
 * Building a round: the cards suggested (priority lane, waiting N days) or all cards at the
 * office, by village; the supervisor ticks the cards, names the round and creates it.
 */
export function RoundBuilder({
  onCreated,
  onCancel,
}: {
  onCreated: (d: RoundDetail) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [village, setVillage] = useState('');
  const [all, setAll] = useState(false);
  const [data, setData] = useState<RoundSuggestions | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [label, setLabel] = useState('');
  const [days, setDays] = useState('');
  const [error, setError] = useState<string | null>(null);

  const load = () =>
    call('rounds.suggestions', { ...(village ? { villageCode: village } : {}), all }).then((r) => {
      if (!r.ok) return setError(r.error.message);
      setData(r.value);
      setDays(String(r.value.uncollectedDays));
    });
  useEffect(() => {
    void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reload on the filters only
  }, [village, all]);

  const villageName = data?.villages.find((v) => v.villageCode === village)?.villageName ?? '';
  const toggle = (id: string) => {
    const next = new Set(picked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setPicked(next);
  };
  const saveDays = async () => {
    const r = await call('rounds.setUncollectedDays', { days: Number(days) });
    if (!r.ok) return setError(r.error.message);
    setError(null);
    await load();
  };
  const create = async () => {
    const r = await call('rounds.create', {
      label: label.trim() || villageName || t('rounds.defaultLabel'),
      ...(village ? { villageCode: village } : {}),
      recordingIds: [...picked],
    });
    if (!r.ok) return setError(r.error.message);
    onCreated(r.value);
  };

  return (
    <div className="card rounds-builder" data-testid="round-builder">
      <div className="screen__head">
        <h2>{t('rounds.newTitle')}</h2>
        <button type="button" className="btn" onClick={onCancel}>
          {t('rounds.cancel')}
        </button>
      </div>
      <div className="rounds-filters">
        <label>
          {t('rounds.village')}
          <select
            data-testid="round-village"
            value={village}
            onChange={(e) => {
              setVillage(e.target.value);
              setPicked(new Set());
            }}
          >
            <option value="">{t('rounds.allVillages')}</option>
            {data?.villages.map((v) => (
              <option key={v.villageCode} value={v.villageCode}>
                {v.villageName} ({v.n})
              </option>
            ))}
          </select>
        </label>
        <label className="rounds-check">
          <input
            type="checkbox"
            data-testid="round-show-all"
            checked={all}
            onChange={(e) => setAll(e.target.checked)}
          />
          {t('rounds.showAll')}
        </label>
        <form
          className="rounds-days"
          onSubmit={(e) => {
            e.preventDefault();
            void saveDays();
          }}
        >
          <label htmlFor="round-days">{t('rounds.daysLabel')}</label>
          <input
            id="round-days"
            data-testid="round-days"
            type="number"
            min={1}
            max={365}
            value={days}
            onChange={(e) => setDays(e.target.value)}
          />
          <button type="submit" className="btn btn--small">
            {t('rounds.daysSave')}
          </button>
        </form>
      </div>
      {error ? (
        <p className="banner banner--error" role="alert" data-testid="round-error">
          {error}
        </p>
      ) : null}
      {data && data.candidates.length === 0 ? (
        <p className="muted" data-testid="round-no-candidates">
          {all ? t('rounds.noCards') : t('rounds.noSuggestions', { days: data.uncollectedDays })}
        </p>
      ) : (
        <table className="table rounds-table" data-testid="round-candidates">
          <thead>
            <tr>
              <th>{t('rounds.pick')}</th>
              <th>{t('rounds.colName')}</th>
              <th>{t('rounds.colAddress')}</th>
              <th>{t('rounds.colRtRw')}</th>
              <th>{t('rounds.colWhy')}</th>
            </tr>
          </thead>
          <tbody>
            {data?.candidates.map((c) => (
              <tr key={c.recordingId} data-testid={`round-candidate-${c.recordingId}`}>
                <td>
                  <input
                    type="checkbox"
                    className="rounds-pick"
                    aria-label={t('rounds.pickOne', { name: c.name })}
                    data-testid="round-pick"
                    checked={picked.has(c.recordingId)}
                    onChange={() => toggle(c.recordingId)}
                  />
                </td>
                <td>
                  <strong>{c.name}</strong>
                  <div className="muted small">{c.villageName}</div>
                </td>
                <td>{c.address}</td>
                <td>{rtRw(c)}</td>
                <td>
                  {c.reasons.map((r) => (
                    <span key={r} className={`badge rounds-why rounds-why--${r}`}>
                      {r === 'waiting'
                        ? t('rounds.why.waiting', { days: c.daysWaiting })
                        : t(`rounds.why.${r}`)}
                    </span>
                  ))}
                  {c.reasons.length === 0 ? (
                    <span className="muted small">
                      {t('rounds.why.none', { days: c.daysWaiting })}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="rounds-create">
        <label htmlFor="round-label">{t('rounds.label')}</label>
        <input
          id="round-label"
          data-testid="round-label"
          value={label}
          maxLength={80}
          placeholder={villageName || t('rounds.defaultLabel')}
          onChange={(e) => setLabel(e.target.value)}
        />
        <button
          type="button"
          className="btn btn--primary btn--large"
          data-testid="round-create"
          disabled={picked.size === 0}
          onClick={() => void create()}
        >
          {t('rounds.create', { count: picked.size })}
        </button>
      </div>
    </div>
  );
}
