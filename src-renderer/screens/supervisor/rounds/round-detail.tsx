import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoundDetail } from '../../../../src-main/api/contract-rounds';
import { formatDateTime } from '../../../app/format';
import { call } from '../../../app/station-client';
import {
  OutcomeBadge,
  RoundStateBadge,
  printSheet,
  rtRw,
  RoundCounts,
} from '../../shared/rounds/round-parts';

/**
 * One round for the supervisor: while planned, its walking order (up/down, the default order,
 * take a card off), then the sheet, sending it out and closing it.
 */
export function RoundDetailView({
  detail,
  onChange,
  onBack,
}: {
  detail: RoundDetail;
  onChange: (d: RoundDetail) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const { round, items } = detail;
  const planned = round.state === 'planned';
  const roundId = round.id;

  const apply = async (p: ReturnType<typeof call<'rounds.get'>>) => {
    const r = await p;
    if (!r.ok) return setError(r.error.message);
    setError(null);
    onChange(r.value);
  };
  const move = (index: number, by: -1 | 1) => {
    const order = items.map((i) => i.recordingId);
    const [one] = order.splice(index, 1);
    order.splice(index + by, 0, one!);
    void apply(call('rounds.reorder', { roundId, order }));
  };
  const print = async () => setError(await printSheet(roundId));

  return (
    <div className="card rounds-detail" data-testid="round-detail">
      <div className="screen__head">
        <div>
          <h2 data-testid="round-title">
            {round.label} <RoundStateBadge state={round.state} />
          </h2>
          <p className="muted">
            <RoundCounts round={round} />
            {round.sentAt ? ` · ${t('rounds.sentAt', { at: formatDateTime(round.sentAt) })}` : ''}
          </p>
        </div>
        <button type="button" className="btn" data-testid="round-back" onClick={onBack}>
          {t('rounds.back')}
        </button>
      </div>
      {error ? (
        <p className="banner banner--error" role="alert" data-testid="round-error">
          {error}
        </p>
      ) : null}
      <div className="rounds-actions">
        {planned ? (
          <button
            type="button"
            className="btn"
            data-testid="round-default-order"
            onClick={() => void apply(call('rounds.defaultOrder', { roundId }))}
          >
            {t('rounds.defaultOrder')}
          </button>
        ) : null}
        <button
          type="button"
          className="btn btn--large"
          data-testid="round-print"
          onClick={() => void print()}
        >
          {t('rounds.print')}
        </button>
        {planned ? (
          <button
            type="button"
            className="btn btn--primary btn--large"
            data-testid="round-send"
            onClick={() => void apply(call('rounds.send', { roundId }))}
          >
            {t('rounds.send')}
          </button>
        ) : null}
        {round.state !== 'closed' && !confirmClose ? (
          <button
            type="button"
            className="btn btn--danger"
            data-testid="round-close"
            onClick={() => setConfirmClose(true)}
          >
            {t('rounds.close')}
          </button>
        ) : null}
      </div>
      {confirmClose ? (
        <div className="banner banner--warning rounds-confirm" role="alertdialog">
          <p>{t('rounds.closeConfirm', { count: round.pending })}</p>
          <button
            type="button"
            className="btn btn--danger"
            data-testid="round-close-confirm"
            onClick={() => {
              setConfirmClose(false);
              void apply(call('rounds.close', { roundId }));
            }}
          >
            {t('rounds.closeYes')}
          </button>
          <button type="button" className="btn" onClick={() => setConfirmClose(false)}>
            {t('rounds.cancel')}
          </button>
        </div>
      ) : null}
      <table className="table rounds-table" data-testid="round-items">
        <thead>
          <tr>
            <th>{t('rounds.colNo')}</th>
            <th>{t('rounds.colName')}</th>
            <th>{t('rounds.colAddress')}</th>
            <th>{t('rounds.colRtRw')}</th>
            <th>{t('rounds.colPhone')}</th>
            <th>{planned ? t('rounds.colOrder') : t('rounds.colOutcome')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i, k) => (
            <tr key={i.recordingId} data-testid="round-item">
              <td className="rounds-no">{k + 1}</td>
              <td>
                <strong data-testid="round-item-name">{i.name}</strong>
                <div className="muted small">{i.villageName}</div>
              </td>
              <td>{i.address}</td>
              <td>{rtRw(i)}</td>
              <td>{i.phone ?? '—'}</td>
              <td className="rounds-order">
                {planned ? (
                  <>
                    <button
                      type="button"
                      className="btn btn--small"
                      data-testid="round-up"
                      aria-label={t('rounds.up', { name: i.name })}
                      disabled={k === 0}
                      onClick={() => move(k, -1)}
                    >
                      ▲
                    </button>
                    <button
                      type="button"
                      className="btn btn--small"
                      data-testid="round-down"
                      aria-label={t('rounds.down', { name: i.name })}
                      disabled={k === items.length - 1}
                      onClick={() => move(k, 1)}
                    >
                      ▼
                    </button>
                    <button
                      type="button"
                      className="btn btn--small btn--danger"
                      data-testid="round-remove"
                      onClick={() =>
                        void apply(call('rounds.remove', { roundId, recordingId: i.recordingId }))
                      }
                    >
                      {t('rounds.remove')}
                    </button>
                  </>
                ) : (
                  <OutcomeBadge item={i} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
