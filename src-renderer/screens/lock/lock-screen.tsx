import { useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo, SessionUser } from '../../../src-main/api/contract';
import { call } from '../../app/station-client';
import { Field } from '../../components/field';
import { useLeaveGuard } from '../../components/leave-guard';

/**
 * Covers the whole desk after the idle lock. The shell stays mounted underneath (inert and
 * hidden), so the operator's unsaved form is still there after unlocking.
 */
export function LockScreen({
  user,
  onUnlocked,
  onLogout,
}: {
  user: SessionUser;
  onUnlocked: (s: SessionInfo) => void;
  onLogout: () => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement | null>(null);
  const leave = useLeaveGuard(onLogout);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || password === '') return;
    setBusy(true);
    const r = await call('auth.unlock', { password });
    setBusy(false);
    setPassword('');
    if (r.ok) {
      setError(null);
      onUnlocked(r.value);
    } else {
      setError(r.error.message);
      inputRef.current?.focus();
    }
  };

  return (
    <div className="lock-overlay" role="dialog" aria-modal="true" aria-labelledby="lock-title">
      <form className="card card--narrow" onSubmit={(e) => void submit(e)} noValidate>
        <p className="eyebrow">{t('lock.eyebrow')}</p>
        <h1 id="lock-title">{t('lock.title')}</h1>
        <p>
          {t('lock.intro')} <strong>{user.fullName}</strong> ({user.username})
        </p>
        <Field id="lock-password" label={t('user.password')}>
          {(aria) => (
            <input
              {...aria}
              type="password"
              ref={inputRef}
              data-testid="lock-password"
              value={password}
              autoFocus
              autoComplete="current-password"
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        {error ? (
          <p className="banner banner--error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="actions">
          <button type="button" className="btn" data-testid="lock-logout" onClick={leave.request}>
            {t('lock.logout')}
          </button>
          <button
            type="submit"
            className="btn btn--primary"
            data-testid="lock-unlock"
            disabled={busy}
          >
            {t('lock.unlock')}
          </button>
        </div>
      </form>
      {leave.dialog}
    </div>
  );
}
