import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, SessionInfo } from '../../../src-main/api/contract';
import { call } from '../../app/station-client';
import { Field } from '../../components/field';
import { LangSwitch } from '../../components/lang-switch';

export function LoginScreen({
  info,
  onLoggedIn,
}: {
  info: AppInfo;
  onLoggedIn: (s: SessionInfo) => void;
}) {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    if (username.trim() === '' || password === '') {
      setError(t('login.errEmpty'));
      return;
    }
    setBusy(true);
    setError(null);
    const r = await call('auth.login', { username: username.trim().toLowerCase(), password });
    setBusy(false);
    if (r.ok) {
      onLoggedIn(r.value);
      return;
    }
    // Lockout and disabled-account messages come from main with the time to retry: show as-is.
    setError(r.error.message);
    setPassword('');
  };

  return (
    <main className="center-screen">
      <div className="corner-tools">
        <LangSwitch />
      </div>
      <form className="card card--narrow" onSubmit={(e) => void submit(e)} noValidate>
        <p className="eyebrow">{info.station?.name ?? 'Rekam'}</p>
        <h1>{t('login.title')}</h1>
        <Field id="login-username" label={t('user.username')}>
          {(aria) => (
            <input
              {...aria}
              data-testid="login-username"
              value={username}
              autoFocus
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              onChange={(e) => setUsername(e.target.value)}
            />
          )}
        </Field>
        <Field id="login-password" label={t('user.password')}>
          {(aria) => (
            <input
              {...aria}
              type="password"
              data-testid="login-password"
              value={password}
              autoComplete="current-password"
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        {error ? (
          <p className="banner banner--error" role="alert" data-testid="login-error">
            {error}
          </p>
        ) : null}
        <div className="actions">
          <button
            type="submit"
            className="btn btn--primary btn--block"
            data-testid="login-submit"
            disabled={busy}
          >
            {busy ? t('common.working') : t('login.submit')}
          </button>
        </div>
        <p className="muted small">{t('login.free')}</p>
      </form>
    </main>
  );
}
