import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalDetail } from '../../../../src-main/api/contract';
import type { ApprovalItem } from '../../../../src-main/api/contract-supervisor';
import { formatDateTime } from '../../../app/format';
import { call } from '../../../app/station-client';
import { FlagList } from './flag-list';
import { ReviewPanel } from './review-panel';
import './supervisor.css';

/** The supervisor's approval queue: list on the left, the chosen recording on the right. */
export function ApprovalScreen() {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<'pending' | 'decided'>('pending');
  const [items, setItems] = useState<ApprovalItem[] | null>(null);
  const [pendingCount, setPendingCount] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [detail, setDetail] = useState<ApprovalDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    void call('approval.queue', { filter }).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error.message);
      setItems(r.value);
      if (filter === 'pending') setPendingCount(r.value.length);
      setSelected((s) =>
        s && r.value.some((i) => i.recordingId === s) ? s : (r.value[0]?.recordingId ?? null),
      );
    });
    if (filter === 'decided') {
      void call('approval.queue', { filter: 'pending' }).then((r) => {
        if (live && r.ok) setPendingCount(r.value.length);
      });
    }
    return () => {
      live = false;
    };
  }, [filter, reload]);

  useEffect(() => {
    let live = true;
    if (!selected) return;
    void call('approval.item', { id: selected }).then((r) => {
      if (!live) return;
      if (r.ok) setDetail(r.value);
      else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [selected]);

  const decided = useCallback(
    (item: ApprovalItem) => {
      setError(null);
      setNotice(
        item.decision?.decision === 'approved'
          ? t('sup.approval.approvedToast', { name: item.name })
          : t('sup.approval.rejectedToast', { name: item.name }),
      );
      setReload((n) => n + 1);
    },
    [t],
  );

  return (
    <section className="screen approval" data-testid="approval-screen">
      <div className="screen__head">
        <h1>{t('sup.approval.title')}</h1>
        <div className="segmented" role="tablist">
          <button
            type="button"
            role="tab"
            aria-selected={filter === 'pending'}
            className={`btn btn--small${filter === 'pending' ? ' btn--primary' : ''}`}
            data-testid="approval-tab-pending"
            onClick={() => setFilter('pending')}
          >
            {t('sup.approval.pending', { n: pendingCount })}
          </button>
          <button
            type="button"
            role="tab"
            aria-selected={filter === 'decided'}
            className={`btn btn--small${filter === 'decided' ? ' btn--primary' : ''}`}
            data-testid="approval-tab-decided"
            onClick={() => setFilter('decided')}
          >
            {t('sup.approval.decided')}
          </button>
        </div>
      </div>
      <p className="muted">{t('sup.approval.intro')}</p>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p className="banner banner--ok" role="status" data-testid="approval-notice">
          {notice}
        </p>
      ) : null}
      {items === null ? (
        <p className="muted">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <div className="empty">
          <p className="empty__title" data-testid="approval-empty">
            {filter === 'pending' ? t('sup.approval.empty') : t('sup.approval.emptyDecided')}
          </p>
        </div>
      ) : (
        <div className="approval__layout">
          <ul className="approval__list" aria-label={t('sup.approval.title')}>
            {items.map((i) => (
              <li key={i.recordingId}>
                <button
                  type="button"
                  className={`approval__row${selected === i.recordingId ? ' approval__row--active' : ''}`}
                  data-testid="approval-row"
                  data-id={i.recordingId}
                  aria-current={selected === i.recordingId ? 'true' : undefined}
                  onClick={() => setSelected(i.recordingId)}
                >
                  <span className="approval__name">{i.name}</span>
                  <span className="mono small">{i.nik}</span>
                  <span className="muted small">
                    {i.operator} · {formatDateTime(i.sealedAt ?? i.createdAt, i18n.language)}
                  </span>
                  {i.decision ? (
                    <span className={`badge badge--${i.decision.decision}`}>
                      {t(`recordingStatus.${i.decision.decision}`)}
                    </span>
                  ) : (
                    <FlagList flags={i.flags} compact />
                  )}
                </button>
              </li>
            ))}
          </ul>
          <div className="approval__detail">
            {/* The previous recording's detail stays hidden until the chosen one arrives. */}
            {detail && detail.item.recordingId === selected ? (
              <ReviewPanel
                key={detail.item.recordingId}
                detail={detail}
                onDecided={decided}
                onError={setError}
              />
            ) : (
              <p className="muted">{selected ? t('common.loading') : t('sup.approval.choose')}</p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
