import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BatchDetail, CardBatches } from '../../../../src-main/api/contract-cards';
import { formatDateTime } from '../../../app/format';
import { call } from '../../../app/station-client';
import { TableCard } from '../../../components/table-card';
import { BatchCheck } from './batch-check';
import { VillageLists } from './village-lists';

/**
 * "Kartu tiba": the batches of printed cards the centre dispatched to this
 * kecamatan, and the supervisor's check of each box on arrival.
 */
export function CardsArrivalScreen() {
  const { t } = useTranslation();
  const [batches, setBatches] = useState<CardBatches | null>(null);
  const [open, setOpen] = useState<BatchDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [arrivals, setArrivals] = useState(0);

  const load = () =>
    call('cards.batches', {}).then((r) => {
      if (r.ok) setBatches(r.value);
      else setError(r.error.message);
    });
  useEffect(() => {
    void load();
  }, []);

  const refresh = async () => {
    setBusy(true);
    const r = await call('cards.refresh', {});
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setError(null);
    const refused = r.value.refused > 0 ? ` ${t('cards.refused', { count: r.value.refused })}` : '';
    setNotice(`${t('cards.refreshed', { count: r.value.batches.length })}${refused}`);
    await load();
  };

  const openBatch = async (batchNo: string) => {
    const r = await call('cards.batch', { batchNo });
    if (r.ok) {
      setOpen(r.value);
      setError(null);
      setNotice(null);
    } else setError(r.error.message);
  };

  const confirm = async (receivedCount: number, missing: string[]) => {
    if (!open) return;
    const r = await call('cards.confirmArrival', {
      batchNo: open.batch.batchNo,
      receivedCount,
      missing,
    });
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setError(null);
    const atOffice = r.value.cards.filter((c) => c.state === 'at_office').length;
    setNotice(t('cards.confirmed', { batchNo: r.value.batch.batchNo, count: atOffice }));
    setOpen(null);
    setArrivals((n) => n + 1);
    await load();
  };

  return (
    <section className="screen" data-testid="cards-arrival">
      <div className="screen__head">
        <h1>{t('cards.title')}</h1>
        <button
          className="btn"
          data-testid="cards-refresh"
          disabled={busy}
          onClick={() => void refresh()}
        >
          {busy ? t('cards.refreshing') : t('cards.refresh')}
        </button>
      </div>
      <p className="muted">
        {batches?.lastFeedAt
          ? t('cards.lastFeed', { at: formatDateTime(batches.lastFeedAt) })
          : t('cards.neverFed')}
      </p>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p className="banner banner--ok" role="status" data-testid="cards-notice">
          {notice}
        </p>
      ) : null}
      {open ? <BatchCheck detail={open} onConfirm={confirm} onClose={() => setOpen(null)} /> : null}
      <TableCard
        title={t('cards.onTheWay')}
        empty={t('cards.noneOnTheWay')}
        testId="cards-on-the-way"
        headers={[t('cards.batchNo'), t('cards.dispatchedAt'), t('cards.declared'), null]}
        rows={batches?.onTheWay}
        row={(b) => (
          <tr key={b.batchNo}>
            <td>{b.batchNo}</td>
            <td>{formatDateTime(b.dispatchedAt)}</td>
            <td>{b.declaredCount}</td>
            <td>
              <button
                className="btn btn--primary"
                data-testid={`cards-check-${b.batchNo}`}
                onClick={() => void openBatch(b.batchNo)}
              >
                {t('cards.checkBox')}
              </button>
            </td>
          </tr>
        )}
      />
      <TableCard
        title={t('cards.arrived')}
        empty={t('cards.noneArrived')}
        testId="cards-arrived"
        headers={[
          t('cards.batchNo'),
          t('cards.arrivedAt'),
          t('cards.counted'),
          t('cards.discrepancy'),
          t('cards.confirmedBy'),
        ]}
        rows={batches?.arrived}
        row={(b) => (
          <tr key={b.batchNo}>
            <td>{b.batchNo}</td>
            <td>{formatDateTime(b.arrivedAt)}</td>
            <td>
              {b.receivedCount} / {b.declaredCount}
            </td>
            <td>
              {b.discrepancy
                ? t('cards.discrepancyText', {
                    missing: b.discrepancy.missing.length,
                    extra: b.discrepancy.extra,
                  })
                : t('cards.complete')}
            </td>
            <td>{b.confirmedBy}</td>
          </tr>
        )}
      />
      <VillageLists reload={arrivals} />
    </section>
  );
}
