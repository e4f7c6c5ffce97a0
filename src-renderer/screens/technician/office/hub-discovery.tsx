import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiscoveredHub } from '../../../../src-main/api/contract-office';
import { call } from '../../../app/station-client';

/**
 * The hubs answering on the office LAN (mDNS), to pick one instead of typing its address. What
 * a hub says of itself proves nothing: the code shown on the hub does, and pairing refuses a
 * hub whose key is not the fingerprint listed here.
 */
export function HubDiscovery({
  busy,
  picked,
  onPick,
}: {
  busy: boolean;
  picked: DiscoveredHub | null;
  onPick: (hub: DiscoveredHub) => void;
}) {
  const { t } = useTranslation();
  const [hubs, setHubs] = useState<DiscoveredHub[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const search = async () => {
    setSearching(true);
    setProblem(null);
    try {
      const r = await call('office.discover', {});
      if (r.ok) setHubs(r.value);
      else setProblem(r.error.message);
    } finally {
      setSearching(false);
    }
  };

  return (
    <div className="office__discovery" data-testid="office-discovery">
      <button
        type="button"
        className="btn"
        disabled={busy || searching}
        onClick={() => void search()}
        data-testid="office-discover"
      >
        {searching ? t('office.discoverSearching') : t('office.discoverHubs')}
      </button>
      {problem ? (
        <p className="banner banner--error" role="alert">
          {problem}
        </p>
      ) : null}
      {hubs && hubs.length === 0 ? <p className="muted">{t('office.discoverNone')}</p> : null}
      {hubs && hubs.length > 0 ? (
        <ul className="office__hubs">
          {hubs.map((h) => (
            <li
              key={h.stationId}
              className={picked?.stationId === h.stationId ? 'office__hub--picked' : undefined}
            >
              <div>
                <strong>{h.name}</strong>
                <div className="mono">{h.urls[0]}</div>
                <div className="mono muted">
                  {t('office.keyFingerprint')}: {h.fingerprint}
                </div>
              </div>
              <button
                type="button"
                className="btn btn--small"
                disabled={busy}
                onClick={() => onPick(h)}
                data-testid="office-discovered-pick"
              >
                {t('office.discoverPick')}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
