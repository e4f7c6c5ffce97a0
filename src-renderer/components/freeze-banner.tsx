import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FreezeStatus } from '../../src-main/api/contract-supervisor';
import { call } from '../app/station-client';

/** How often the desk asks whether new recordings are frozen (the rules change slowly). */
export const FREEZE_POLL_MS = 30_000;

/** The operator's banner while new recordings are blocked: why, and what to do. */
export function FreezeBanner() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<FreezeStatus | null>(null);
  useEffect(() => {
    let live = true;
    const poll = () =>
      void call('freeze.status', {}).then((r) => {
        if (live && r.ok) setStatus(r.value);
      });
    poll();
    const timer = setInterval(poll, FREEZE_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  if (!status?.frozen) return null;
  return (
    <div className="banner banner--error freeze-banner" role="alert" data-testid="freeze-banner">
      <strong>{t('sup.freeze.title')}</strong> {status.message}
    </div>
  );
}
