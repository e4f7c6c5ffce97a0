import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CentralStatus, RecordingSummary } from '../../../../src-main/api/contract';
import { call, onEvent } from '../../../app/station-client';
import { formatTime } from '../../../app/format';
import { ReceiptButton } from '../../../components/receipt-button';

const CENTRAL_BADGE: Record<CentralStatus | 'queued', string> = {
  queued: 'draft',
  received: 'approved',
  'print-ready': 'approved',
  duplicate: 'sealed',
  rejected: 'rejected',
};

/** Today's recordings at this station; operators can reopen a draft, supervisors only look. */
export function TodayList({
  readOnly,
  onOpen,
}: {
  readOnly: boolean;
  onOpen: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [rows, setRows] = useState<RecordingSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The centre answers in the background: each sync report re-reads the list.
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onEvent('sync.progress', () => {
      clearTimeout(timer);
      timer = setTimeout(() => setTick((n) => n + 1), 400);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, []);

  // 200 ms debounce: searching while typing without a request per key.
  useEffect(() => {
    let live = true;
    const q = query.trim();
    const timer = setTimeout(
      () => {
        void call('recordings.today', q ? { query: q.slice(0, 64) } : {}).then((r) => {
          if (!live) return;
          if (r.ok) {
            setRows(r.value);
            setError(null);
          } else setError(r.error.message);
        });
      },
      q === '' ? 0 : 200,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, tick]);

  return (
    <section className="screen">
      <div className="screen__head">
        <h1>{t('today.title')}</h1>
        <div className="search">
          <label htmlFor="today-search">{t('today.search')}</label>
          <input
            id="today-search"
            type="search"
            data-testid="today-search"
            value={query}
            placeholder={t('today.searchPlaceholder')}
            maxLength={64}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
      </div>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {rows === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{query.trim() ? t('today.noMatch') : t('today.empty')}</p>
          <p className="muted">
            {query.trim()
              ? t('today.noMatchHint')
              : readOnly
                ? t('today.emptyHintSupervisor')
                : t('today.emptyHint')}
          </p>
        </div>
      ) : (
        <table className="table">
          <caption className="sr-only">{t('today.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('today.time')}</th>
              <th scope="col">NIK</th>
              <th scope="col">{t('today.name')}</th>
              <th scope="col">{t('today.status')}</th>
              <th scope="col">{t('central.column')}</th>
              <th scope="col">{t('today.operator')}</th>
              {readOnly ? null : (
                <th scope="col">
                  <span className="sr-only">{t('today.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid="today-row">
                <td className="mono">{formatTime(r.createdAt, i18n.language)}</td>
                <td className="mono">{r.nik}</td>
                <td>{r.name}</td>
                <td>
                  <span className={`badge badge--${r.status}`} data-testid="today-status">
                    {t(`recordingStatus.${r.status}`)}
                  </span>
                  {r.rejectionReason ? (
                    <div className="small" data-testid="today-rejection">
                      {t('sup.today.reason', { reason: r.rejectionReason })}
                    </div>
                  ) : null}
                </td>
                <td data-testid="today-central" data-central={r.centralStatus ?? ''}>
                  {r.status === 'draft' || (r.status === 'rejected' && !r.centralStatus) ? (
                    <span className="muted">—</span>
                  ) : (
                    <span className={`badge badge--${CENTRAL_BADGE[r.centralStatus ?? 'queued']}`}>
                      {t(`central.status.${r.centralStatus ?? 'queued'}`)}
                    </span>
                  )}
                  {r.centralReason ? <div className="muted small">{r.centralReason}</div> : null}
                </td>
                <td>{r.operator}</td>
                {readOnly ? null : (
                  <td>
                    {r.status === 'draft' ? (
                      <button
                        type="button"
                        className="btn btn--small"
                        data-testid="today-open"
                        onClick={() => onOpen(r.id)}
                      >
                        {t('today.open')}
                      </button>
                    ) : r.status === 'rejected' ? (
                      <button
                        type="button"
                        className="btn btn--small"
                        data-testid="today-redo"
                        onClick={() =>
                          void call('recordings.redo', { id: r.id }).then((res) =>
                            res.ok ? onOpen(res.value.id) : setError(res.error.message),
                          )
                        }
                      >
                        {t('sup.today.redo')}
                      </button>
                    ) : (
                      <ReceiptButton id={r.id} onError={setError} />
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
