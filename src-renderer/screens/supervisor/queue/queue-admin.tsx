import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../../../components/queue.css';
import { CapacityTab } from './capacity-tab';
import { ListsTab } from './lists-tab';
import { OutreachTab } from './outreach-tab';
// Registers the queue figures on the recap screen.
import './queue-figures';

type Tab = 'capacity' | 'lists' | 'outreach';

/** The supervisor's queue settings: capacity, pre-registration lists, outreach sessions. */
export function QueueAdmin() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('capacity');
  const tabs: [Tab, string][] = [
    ['capacity', t('queue.admin.capacity')],
    ['lists', t('queue.admin.preRegistrationLists')],
    ['outreach', t('queue.admin.outreachSessions')],
  ];
  return (
    <section className="screen queue">
      <div className="screen__head">
        <h1>{t('queue.admin.queueSettings')}</h1>
      </div>
      <div className="queue__tabs" role="tablist">
        {tabs.map(([id, label]) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={`btn${tab === id ? ' btn--primary' : ''}`}
            data-testid={`queue-tab-${id}`}
            onClick={() => setTab(id)}
          >
            {label}
          </button>
        ))}
      </div>
      {tab === 'capacity' ? <CapacityTab /> : tab === 'lists' ? <ListsTab /> : <OutreachTab />}
    </section>
  );
}
