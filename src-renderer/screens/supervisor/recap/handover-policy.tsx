import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../../app/station-client';

/** The supervisor's policy for pickup of a card by a family member from the same KK. */
export function HandoverPolicy() {
  const { t } = useTranslation();
  const [allowed, setAllowed] = useState<boolean | null>(null);
  const [msg, setMsg] = useState<string | null>(null);
  useEffect(() => {
    void call('handover.policy', {}).then((r) => r.ok && setAllowed(r.value.proxyAllowed));
  }, []);
  if (allowed === null) return null;
  return (
    <section className="recap__panel" data-testid="handover-policy">
      <h2>{t('handover.policyTitle')}</h2>
      <label className="check">
        <span>
          <input
            type="checkbox"
            data-testid="policy-proxy-allowed"
            checked={allowed}
            onChange={(e) => {
              const next = e.target.checked;
              void call('handover.setPolicy', { proxyAllowed: next }).then((r) => {
                if (r.ok) {
                  setAllowed(r.value.proxyAllowed);
                  setMsg(t('sup.recap.saved'));
                } else setMsg(r.error.message);
              });
            }}
          />{' '}
          {t('handover.policyProxy')}
        </span>
      </label>
      <p className="muted">{t('handover.policyHint')}</p>
      {msg ? <p role="status">{msg}</p> : null}
    </section>
  );
}
