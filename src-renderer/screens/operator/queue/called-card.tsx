import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueCard } from '../../../../src-main/api/contract-queue';
import { maskNik } from '../../../../src-main/domain/nik';
import { priorityLabel } from './queue-model';

/** The card in hand: who it is, start their recording, recall, skip or mark a no-show. */
export function CalledCard({
  called,
  busy,
  onRecord,
  recall,
  dismiss,
}: {
  called: QueueCard;
  busy: boolean;
  onRecord: () => void;
  recall: (c: QueueCard) => void;
  dismiss: (c: QueueCard, how: 'skip' | 'noShow') => void;
}) {
  const { t } = useTranslation();
  const [confirmNoShow, setConfirmNoShow] = useState<QueueCard | null>(null);
  return (
    <div className="queue__called" data-testid="queue-called">
      <div className="queue__called-number" data-testid="queue-called-number">
        {called.number}
      </div>
      <div>
        <div className="queue__called-name">{called.name}</div>
        <div className="mono small">
          {called.nik ? `NIK ${maskNik(called.nik)}` : t('queue.desk.noNik')}
        </div>
        {called.lane === 'priority' ? (
          <span className="badge badge--sealed">{priorityLabel(called.priorityReason, t)}</span>
        ) : null}
      </div>
      <div className="queue__called-actions">
        <button
          type="button"
          className="btn btn--primary"
          data-testid="queue-record"
          onClick={onRecord}
        >
          {t('queue.desk.startRecording')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="queue-recall"
          disabled={busy}
          onClick={() => void recall(called)}
        >
          {t('queue.desk.recall')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="queue-skip"
          disabled={busy}
          onClick={() => void dismiss(called, 'skip')}
        >
          {t('queue.desk.skip')}
        </button>
        <button
          type="button"
          className="btn btn--danger"
          data-testid="queue-no-show"
          disabled={busy}
          onClick={() => setConfirmNoShow(called)}
        >
          {t('queue.desk.noShow')}
        </button>
        {confirmNoShow && confirmNoShow.id === called.id ? (
          <span
            className="banner banner--warning queue__confirm"
            role="alertdialog"
            aria-label={t('queue.desk.markAsNoShow')}
            data-testid="queue-no-show-confirm"
          >
            {t('queue.desk.markNumberNAsNo', { n: called.number })}
            <button
              type="button"
              className="btn btn--danger btn--small"
              data-testid="queue-no-show-yes"
              autoFocus
              onClick={() => {
                setConfirmNoShow(null);
                void dismiss(called, 'noShow');
              }}
            >
              {t('queue.desk.yesNoShow')}
            </button>
            <button type="button" className="btn btn--small" onClick={() => setConfirmNoShow(null)}>
              {t('queue.desk.cancel')}
            </button>
          </span>
        ) : null}
      </div>
    </div>
  );
}
