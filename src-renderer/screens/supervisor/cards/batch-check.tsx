import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BatchDetail } from '../../../../src-main/api/contract-cards';
import { formatDateTime } from '../../../app/format';
import { checkArrivalCount } from '../../../../src-main/domain/cards';

/** One box opened: the statement's cards, those not in the box ticked, the count typed. */
export function BatchCheck({
  detail,
  onConfirm,
  onClose,
}: {
  detail: BatchDetail;
  onConfirm: (receivedCount: number, missing: string[]) => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [count, setCount] = useState('');
  const [missing, setMissing] = useState<string[]>([]);
  const received = /^\d{1,5}$/.test(count) ? Number(count) : null;
  const summary =
    received === null ? null : checkArrivalCount(detail.batch.declaredCount, received, missing);
  const toggle = (id: string) =>
    setMissing((m) => (m.includes(id) ? m.filter((x) => x !== id) : [...m, id]));

  return (
    <div className="card" data-testid="cards-batch-check">
      <h2>{t('cards.checkTitle', { batchNo: detail.batch.batchNo })}</h2>
      <p className="muted">
        {t('cards.checkIntro', {
          count: detail.batch.declaredCount,
          at: formatDateTime(detail.batch.dispatchedAt),
        })}
      </p>
      <table className="table" data-testid="cards-batch-cards">
        <thead>
          <tr>
            <th>{t('cards.notInBox')}</th>
            <th>{t('cards.name')}</th>
            <th>NIK</th>
            <th>{t('cards.village')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.cards.map((c) => (
            <tr key={c.recordingId}>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('cards.notInBoxFor', { name: c.name })}
                  data-testid={`cards-missing-${c.nik}`}
                  checked={missing.includes(c.recordingId)}
                  onChange={() => toggle(c.recordingId)}
                />
              </td>
              <td>{c.name}</td>
              <td>{c.nik}</td>
              <td>{c.villageName || c.villageCode}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="row-actions">
        <label>
          {t('cards.receivedCount')}{' '}
          <input
            inputMode="numeric"
            size={6}
            value={count}
            data-testid="cards-received-count"
            onChange={(e) => setCount(e.target.value.replace(/\D/g, ''))}
          />
        </label>
        <button
          className="btn btn--primary"
          data-testid="cards-confirm"
          disabled={!summary?.ok}
          onClick={() => void onConfirm(received!, missing)}
        >
          {t('cards.confirm')}
        </button>
        <button className="btn" onClick={onClose}>
          {t('cards.close')}
        </button>
      </div>
      {summary ? (
        <p
          className={summary.ok && !summary.discrepancy ? 'muted' : 'banner banner--warning'}
          data-testid="cards-count-summary"
          role="status"
        >
          {!summary.ok
            ? t('cards.unaccounted', { count: summary.unaccounted })
            : summary.discrepancy
              ? t('cards.discrepancyText', {
                  missing: summary.discrepancy.missing.length,
                  extra: summary.discrepancy.extra,
                })
              : t('cards.countMatches')}
        </p>
      ) : null}
    </div>
  );
}
