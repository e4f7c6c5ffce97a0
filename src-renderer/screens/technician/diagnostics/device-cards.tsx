import { useTranslation } from 'react-i18next';
import type { DeviceEntry } from '../../../../src-main/api/contract';
import { STATE_TONE, usbId } from './diagnostics-model';

interface Props {
  devices: DeviceEntry[] | null;
  error: string | null;
  busyChoose: string | null;
  trafficId: string | null;
  onChoose(d: DeviceEntry): void;
  onTest(d: DeviceEntry): void;
  onTraffic(d: DeviceEntry): void;
}

/**
 * One card per device, every fact a technician reads out on the phone (ids in hex, serial,
 * firmware, driver, port), and the status as text and colour — never colour alone.
 */
export function DeviceCards(p: Props) {
  const { t } = useTranslation();
  if (p.error) {
    return (
      <p className="banner banner--warning" role="status" data-testid="devices-error">
        {t('diag.devices.unavailable', { message: p.error })}
      </p>
    );
  }
  if (p.devices === null) return <p className="muted">{t('common.loading')}</p>;
  if (p.devices.length === 0) return <p className="muted">{t('diag.devices.empty')}</p>;
  const anySimulated = p.devices.some((d) => d.simulated);
  return (
    <>
      {anySimulated ? (
        <p className="banner banner--info diag__sim-note">{t('diag.devices.simulatedNote')}</p>
      ) : null}
      <ul className="diag__devices" data-testid="device-list">
        {p.devices.map((d) => {
          const tone = STATE_TONE[d.state];
          return (
            <li
              key={d.id}
              className={`diag__device card diag__device--${tone}`}
              data-testid={`device-${d.modality}`}
              data-device-id={d.id}
              data-chosen={d.chosen}
            >
              <div className="diag__device-head">
                <span className="diag__modality">{t(`diag.modality.${d.modality}`)}</span>
                <span
                  className={`diag__state diag__state--${tone}`}
                  data-testid={`device-state-${d.modality}`}
                >
                  <span aria-hidden="true">{tone === 'ok' ? '●' : tone === 'bad' ? '✕' : '◆'}</span>{' '}
                  {t(`diag.state.${d.state}`)}
                </span>
              </div>
              <div className="diag__device-name">
                {d.name}
                {d.chosen ? (
                  <span className="diag__chosen">✓ {t('diag.devices.chosen')}</span>
                ) : null}
              </div>
              <dl className="diag__facts">
                <dt>{t('diag.devices.ids')}</dt>
                <dd className="mono">{usbId(d)}</dd>
                <dt>{t('diag.devices.serial')}</dt>
                <dd className="mono">{d.serial ?? '—'}</dd>
                <dt>{t('diag.devices.firmware')}</dt>
                <dd className="mono">{d.firmware ?? '—'}</dd>
                <dt>{t('diag.devices.driver')}</dt>
                <dd className="mono">{d.driver}</dd>
                <dt>{t('diag.devices.path')}</dt>
                <dd className="mono">{d.path ?? '—'}</dd>
                <dt>{t('diag.devices.lastError')}</dt>
                <dd className={d.lastError ? 'diag__error' : undefined}>{d.lastError ?? '—'}</dd>
              </dl>
              <div className="row-actions">
                {d.modality !== 'camera' ? (
                  <>
                    <button
                      type="button"
                      className="btn btn--small"
                      disabled={d.chosen || p.busyChoose !== null}
                      data-testid={`choose-${d.id}`}
                      onClick={() => p.onChoose(d)}
                    >
                      {d.chosen ? `✓ ${t('diag.devices.chosen')}` : t('diag.devices.choose')}
                    </button>
                    <button
                      type="button"
                      className={`btn btn--small${p.trafficId === d.id ? ' btn--primary' : ''}`}
                      aria-pressed={p.trafficId === d.id}
                      data-testid={`traffic-${d.modality}`}
                      onClick={() => p.onTraffic(d)}
                    >
                      {t('diag.devices.traffic')}
                    </button>
                  </>
                ) : null}
                <button
                  type="button"
                  className="btn btn--small"
                  data-testid={`goto-test-${d.modality}`}
                  onClick={() => p.onTest(d)}
                >
                  {t('diag.devices.test')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </>
  );
}
