import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordingSummary, UserSummary } from '../../../../src-main/api/contract';
import { formatDateTime } from '../../../app/format';
import { call } from '../../../app/station-client';

/**
 * Open drafts and who holds them. Only that operator can edit and seal a draft; when they are
 * gone (shift over, ill), the supervisor hands it to another operator here — audit-logged.
 */
export function OpenDrafts({
  users,
  onMessage,
}: {
  users: UserSummary[];
  onMessage: (m: { kind: 'ok' | 'error'; text: string }) => void;
}) {
  const { t, i18n } = useTranslation();
  const [drafts, setDrafts] = useState<RecordingSummary[] | null>(null);
  const [target, setTarget] = useState<Record<string, string>>({});
  const [reloads, setReloads] = useState(0);
  const operators = users.filter((u) => u.role === 'operator' && u.active);

  useEffect(() => {
    let live = true;
    void call('recordings.openDrafts', {}).then((r) => {
      if (live && r.ok) setDrafts(r.value);
    });
    return () => {
      live = false;
    };
  }, [reloads]);

  async function reassign(d: RecordingSummary) {
    const operatorId = target[d.id];
    if (!operatorId) return;
    const r = await call('recordings.reassign', { recordingId: d.id, operatorId });
    if (r.ok) {
      onMessage({
        kind: 'ok',
        text: t('users.drafts.done', { id: d.id, operator: r.value.operator }),
      });
      setReloads((n) => n + 1);
    } else onMessage({ kind: 'error', text: r.error.message });
  }

  if (!drafts || drafts.length === 0) return null;
  return (
    <section className="card inline-form" data-testid="open-drafts" aria-labelledby="open-drafts-h">
      <h2 id="open-drafts-h">{t('users.drafts.title')}</h2>
      <p className="muted small">{t('users.drafts.hint')}</p>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">{t('users.drafts.resident')}</th>
            <th scope="col">{t('users.drafts.holder')}</th>
            <th scope="col">{t('users.drafts.updated')}</th>
            <th scope="col">{t('users.drafts.moveTo')}</th>
          </tr>
        </thead>
        <tbody>
          {drafts.map((d) => (
            <tr key={d.id} data-testid="open-draft">
              <td>{d.name}</td>
              <td className="mono">{d.operator}</td>
              <td className="mono">{formatDateTime(d.updatedAt, i18n.language)}</td>
              <td>
                <select
                  aria-label={t('users.drafts.moveTo')}
                  value={target[d.id] ?? ''}
                  onChange={(e) => setTarget((m) => ({ ...m, [d.id]: e.target.value }))}
                >
                  <option value="">{t('users.drafts.pick')}</option>
                  {operators
                    .filter((o) => o.username !== d.operator)
                    .map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.fullName} ({o.username})
                      </option>
                    ))}
                </select>{' '}
                <button
                  type="button"
                  className="btn btn--small"
                  disabled={!target[d.id]}
                  onClick={() => void reassign(d)}
                >
                  {t('users.drafts.reassign')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
