import { useTranslation } from 'react-i18next';
import type { CallResult } from '../../../../src-main/api/contract-queue';
import { tvUrl } from '../../../tv/tv-model';
import '../../../components/queue.css';
import { BannerLine } from '../../../components/split-table';
import { CalledCard } from './called-card';
import { CardTable } from './card-table';
import { OfficeLink } from './office-link';
import { useQueueDesk } from './use-queue-desk';
import { WalkIn } from './walk-in';

/** Opens the waiting-room TV page as a second window (browser host; Electron allows #/tv). */
export function openTvWindow(): void {
  window.open(tvUrl(window.location.href), 'rekam-tv', 'popup,width=1280,height=720');
}

/**
 * The operator's queue desk: call the next card, recall / skip / no-show, start the recording
 * for the called card, and give walk-ins their card (today if there is room, otherwise the
 * earliest day with room — nobody leaves without one).
 */
export function QueueDesk({ onRecord }: { onRecord: (called: CallResult) => void }) {
  const { t } = useTranslation();
  const {
    desk,
    rename,
    current,
    cards,
    counts,
    banner,
    busy,
    reload,
    callNext,
    recall,
    undoNoShow,
    dismiss,
  } = useQueueDesk();
  const called = current?.card;

  return (
    <section className="screen queue">
      <div className="screen__head">
        <h1>{t('queue.desk.queue')}</h1>
        <div className="queue__tools">
          <label htmlFor="queue-desk-name">{t('queue.desk.deskName')}</label>
          <input
            id="queue-desk-name"
            data-testid="queue-desk-name"
            value={desk}
            maxLength={40}
            onChange={(e) => rename(e.target.value)}
          />
          <button type="button" className="btn" data-testid="queue-open-tv" onClick={openTvWindow}>
            {t('queue.desk.openTvScreen')}
          </button>
        </div>
      </div>
      <OfficeLink onChange={reload} />
      <BannerLine banner={banner} testId="queue-banner" />
      <div className="queue__grid">
        <div className="card queue__caller">
          <h2>{t('queue.desk.calling')}</h2>
          <p className="muted small" data-testid="queue-counts">
            {t('queue.desk.todayWWaitingSRecorded', {
              w: counts.waiting + counts.skipped,
              s: counts.served,
              n: counts['no-show'],
            })}
          </p>
          <button
            type="button"
            className="btn btn--primary btn--large btn--block"
            data-testid="queue-call-next"
            disabled={busy}
            onClick={() => void callNext()}
          >
            {t('queue.desk.callNext')}
          </button>
          {called ? (
            <CalledCard
              called={called}
              busy={busy}
              onRecord={() => current && onRecord(current)}
              recall={(c) => void recall(c)}
              dismiss={(c, how) => void dismiss(c, how)}
            />
          ) : null}
        </div>
        <WalkIn onIssued={reload} />
      </div>
      <CardTable cards={cards} t={t} onUndoNoShow={(c) => void undoNoShow(c)} />
    </section>
  );
}
