import { useEffect, useState } from 'react';
import type { OfficeStatus } from '../../../../src-main/api/contract-office';
import { call } from '../../../app/station-client';
import { useTranslation } from 'react-i18next';

const REFRESH_MS = 5_000;

/**
 * On a desk paired with the office hub: which desk this is in the office queue, and — plainly —
 * when the office queue is not connected (calls then come from this desk's own walk-in cards,
 * handed to the hub when it is back). Nothing on a standalone station or on the hub.
 */
export function OfficeLink({ onChange }: { onChange?: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<OfficeStatus | null>(null);
  useEffect(() => {
    let live = true;
    let was: boolean | null = null;
    const load = () =>
      void call('office.status', {}).then((r) => {
        if (!live || !r.ok) return;
        setStatus(r.value);
        const now = r.value.hub?.connected ?? null;
        if (was !== null && now !== was) onChange?.();
        was = now;
      });
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [onChange]);
  const hub = status?.role === 'desk' ? status.hub : null;
  if (!hub) return null;
  return hub.connected ? (
    <p className="banner banner--ok" data-testid="office-queue-connected">
      {t('office.officeQueueConnectedThisDesk', {
        d: hub.label,
      })}
    </p>
  ) : (
    <p className="banner banner--error" role="alert" data-testid="office-queue-offline">
      <strong>{t('office.officeQueueNotConnected')}</strong>
      {' — '}
      {t('office.recordingGoesOnNewCards')}
    </p>
  );
}
