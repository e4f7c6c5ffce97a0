import type { TFunction } from 'i18next';
import type { QueueCard } from '../../../../src-main/api/contract-queue';
import { maskNik } from '../../../../src-main/domain/nik';
import { cardLabel, priorityLabel, statusBadge } from './queue-model';

/** Today's cards with their state; today's no-shows can be put back in the line. */
export function CardTable({
  cards,
  t,
  onUndoNoShow,
}: {
  cards: QueueCard[] | null;
  t: TFunction;
  /** Today's no-shows can go back to the waiting line (a mistaken click, a late resident). */
  onUndoNoShow?: (c: QueueCard) => void;
}) {
  if (cards === null) return <p className="muted">{t('queue.desk.loading')}</p>;
  return (
    <div className="card">
      <h2>{t('queue.desk.todaySCards')}</h2>
      {cards.length === 0 ? (
        <p className="muted">{t('queue.desk.noCardsForTodayYet')}</p>
      ) : (
        <div className="queue__table-wrap">
          <table className="table" data-testid="queue-cards">
            <thead>
              <tr>
                <th scope="col">{t('queue.desk.number')}</th>
                <th scope="col">{t('queue.desk.name')}</th>
                <th scope="col">NIK</th>
                <th scope="col">{t('queue.desk.lane')}</th>
                <th scope="col">{t('queue.desk.status')}</th>
                <th scope="col">{t('queue.desk.desk')}</th>
              </tr>
            </thead>
            <tbody>
              {cards.map((c) => (
                <tr key={c.id} data-testid="queue-card-row" data-status={c.status}>
                  <td className="mono">{c.number}</td>
                  <td>{c.name}</td>
                  <td className="mono">{c.nik ? maskNik(c.nik) : '—'}</td>
                  <td>{priorityLabel(c.priorityReason, t)}</td>
                  <td>
                    <span
                      className={`badge badge--${statusBadge(c.status === 'served' && !c.recordingSealed ? 'called' : c.status)}`}
                    >
                      {cardLabel(c, t)}
                    </span>
                  </td>
                  <td>
                    {c.desk ?? '—'}
                    {c.status === 'no-show' && onUndoNoShow ? (
                      <button
                        type="button"
                        className="btn btn--small"
                        data-testid="queue-undo-no-show"
                        onClick={() => onUndoNoShow(c)}
                      >
                        {t('queue.desk.undoNoShow')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
