import { useTranslation } from 'react-i18next';
import type { DeviceState } from '../../src-main/api/contract';
import { useApp } from '../app/app-context';
import { LangSwitch } from './lang-switch';
import { useLeaveGuard } from './leave-guard';
import { SyncIndicator } from './sync-indicator';

const DEVICE_TONE: Record<DeviceState, string> = {
  connected: 'ok',
  simulated: 'sim',
  missing: 'bad',
  error: 'bad',
  pending: 'muted',
};

/** Always visible after login: who is at the desk and what the station can and cannot do. */
export function StatusBar() {
  const { t } = useTranslation();
  const { info, session, status, logout } = useApp();
  const leave = useLeaveGuard(() => void logout());
  const dev = (key: 'camera' | 'fingerprint' | 'signature') => {
    const state = status?.devices[key];
    return (
      <span className={`status-item tone-${state ? DEVICE_TONE[state] : 'muted'}`}>
        {t(`status.device.${key}`)}:{' '}
        <strong>{t(`status.deviceState.${state ?? 'unknown'}`)}</strong>
      </span>
    );
  };
  const net = status?.network ?? 'unknown';
  return (
    <footer className="status-bar" data-testid="status-bar" aria-label={t('status.label')}>
      <div className="status-bar__who">
        <div>
          <strong>{info.station?.name ?? '—'}</strong>
          {info.station?.kecamatanName ? (
            <span className="muted"> · {info.station.kecamatanName}</span>
          ) : null}
        </div>
        <div>
          {session.user.fullName} <span className="muted">({t(`role.${session.user.role}`)})</span>
        </div>
      </div>
      <div className="status-bar__items">
        {dev('camera')}
        {dev('fingerprint')}
        {dev('signature')}
        <span
          className={`status-item tone-${net === 'online' ? 'ok' : net === 'offline' ? 'bad' : 'muted'}`}
        >
          {t('status.network.label')}: <strong>{t(`status.network.${net}`)}</strong>
        </span>
        <SyncIndicator />
      </div>
      <div className="status-bar__tools">
        <LangSwitch />
        <button
          type="button"
          className="btn btn--small"
          data-testid="logout"
          onClick={leave.request}
        >
          {t('common.logout')}
        </button>
        {leave.dialog}
      </div>
    </footer>
  );
}
