import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupervisorSettings } from '../../../../src-main/api/contract-supervisor';
import { call } from '../../../app/station-client';

type NumberKey = Exclude<keyof SupervisorSettings, 'approvalRequiredForUpload'>;
const NUMBERS: [NumberKey, string][] = [
  ['dailyQuota', 'sup.recap.dailyQuota'],
  ['freezeMaxAwaitingApproval', 'sup.recap.maxAwaiting'],
  ['freezeMaxUnsent', 'sup.recap.maxUnsent'],
  ['freezeMaxHoursWithoutOffload', 'sup.recap.maxHours'],
];

/** The station settings the supervisor owns: approval before upload, quota, freeze limits. */
export function RecapSettings({ onSaved }: { onSaved: () => void }) {
  const { t } = useTranslation();
  const [s, setS] = useState<SupervisorSettings | null>(null);
  const [msg, setMsg] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    void call('supervisor.settings', {}).then((r) => r.ok && setS(r.value));
  }, []);
  if (!s) return null;
  return (
    <section className="recap__panel">
      <h2>{t('sup.recap.settings')}</h2>
      <form
        className="recap-settings"
        onSubmit={(e) => {
          e.preventDefault();
          void call('supervisor.setSettings', s).then((r) => {
            if (r.ok) {
              setS(r.value);
              setMsg({ ok: true, text: t('sup.recap.saved') });
              onSaved();
            } else setMsg({ ok: false, text: r.error.message });
          });
        }}
      >
        <label className="check">
          <span>
            <input
              type="checkbox"
              data-testid="settings-approval-required"
              checked={s.approvalRequiredForUpload}
              onChange={(e) => setS({ ...s, approvalRequiredForUpload: e.target.checked })}
            />{' '}
            {t('sup.recap.approvalRequired')}
          </span>
        </label>
        {NUMBERS.map(([k, label]) => (
          <label key={k}>
            <span>{t(label)}</span>
            <input
              type="number"
              min={k === 'dailyQuota' ? 1 : 0}
              data-testid={`settings-${k}`}
              value={s[k]}
              onChange={(e) =>
                setS({ ...s, [k]: Math.max(0, Math.floor(Number(e.target.value) || 0)) })
              }
            />
          </label>
        ))}
        <div>
          <p className="muted small">{t('sup.recap.zeroOff')}</p>
          <button type="submit" className="btn btn--primary" data-testid="settings-save">
            {t('sup.recap.save')}
          </button>
        </div>
      </form>
      {msg ? (
        <p className={`banner ${msg.ok ? 'banner--ok' : 'banner--error'}`} role="status">
          {msg.text}
        </p>
      ) : null}
    </section>
  );
}
