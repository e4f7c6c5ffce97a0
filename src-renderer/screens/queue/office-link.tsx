import { useEffect, useState } from 'react';
import type { OfficeStatus } from '../../../src-main/api/contract-office';
import { call } from '../../app/station-client';
import { useTx } from '../../app/tx';

const REFRESH_MS = 5_000;

/**
 * On a desk paired with the office hub: which desk this is in the office queue, and — plainly —
 * when the office queue is not connected (calls then come from this desk's own walk-in cards,
 * handed to the hub when it is back). Nothing on a standalone station or on the hub.
 */
export function OfficeLink({ onChange }: { onChange?: () => void }) {
  const { tx } = useTx();
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
      {tx(
        'Antrean kantor terhubung — meja ini: {{d}}',
        'Office queue connected — this desk: {{d}}',
        {
          d: hub.label,
        },
      )}
    </p>
  ) : (
    <p className="banner banner--error" role="alert" data-testid="office-queue-offline">
      <strong>{tx('Antrean kantor tidak terhubung', 'Office queue not connected')}</strong>
      {' — '}
      {tx(
        'perekaman tetap jalan. Kartu baru diberi nomor meja ini sendiri dan dikirim ke hub saat tersambung lagi.',
        'recording goes on. New cards get this desk’s own numbers and go to the hub when it is back.',
      )}
    </p>
  );
}
