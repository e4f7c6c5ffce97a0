import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, SessionInfo, StatusEvent } from '../../src-main/api/contract';
import { applyLocale } from '../i18n';
import { LockScreen } from '../screens/lock/lock-screen';
import { LoginScreen } from '../screens/login/login-screen';
import { SetupWizard } from '../screens/setup/setup-wizard';
import { AppContext } from './app-context';
import type { AppState } from './app-context';
import { Shell } from './shell';
import { call, onEvent, onReconnect, onSessionTrouble } from './station-client';

/**
 * Decides what the desk shows: setup (first run), login, the role's shell, and the lock screen
 * on top of the shell (the shell stays mounted underneath, so a half-filled form survives the
 * idle lock).
 */
export function App() {
  const { t } = useTranslation();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [status, setStatus] = useState<StatusEvent | null>(null);
  const [fatal, setFatal] = useState<string | null | undefined>(null);

  const refreshSession = useCallback(async () => {
    const s = await call('auth.session', {});
    if (s.ok) setSession(s.value);
  }, []);

  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    void readStart().then((r) => {
      if (!live) return;
      setFatal(r.fatal);
      if (r.info) setInfo(r.info);
      setSession(r.session);
    });
    return () => {
      live = false;
    };
  }, [attempt]);
  useEffect(() => onEvent('session.changed', (s) => setSession(s)), []);
  useEffect(() => onEvent('status', (s) => setStatus(s)), []);
  useEffect(() => onSessionTrouble(() => void refreshSession()), [refreshSession]);
  useEffect(() => onReconnect(() => void refreshSession()), [refreshSession]);

  const logout = useCallback(async () => {
    await call('auth.logout', {});
    setSession(null);
  }, []);

  const state: AppState | null = useMemo(
    () => (info && session ? { info, session, status, logout } : null),
    [info, session, status, logout],
  );

  if (fatal) {
    return (
      <main className="center-screen">
        <div className="card card--narrow" role="alert">
          <h1>{t('app.unavailableTitle')}</h1>
          <p>{fatal}</p>
          <button
            type="button"
            className="btn btn--primary"
            onClick={() => setAttempt((n) => n + 1)}
          >
            {t('common.retry')}
          </button>
        </div>
      </main>
    );
  }
  if (!info || session === undefined) {
    return (
      <main className="center-screen" aria-busy="true">
        <p className="muted">{t('common.loading')}</p>
      </main>
    );
  }
  if (!info.setupDone) {
    return (
      <SetupWizard
        onDone={async (s) => {
          const r = await call('app.info', {});
          if (r.ok) setInfo(r.value);
          setSession(s);
        }}
      />
    );
  }
  if (!state) {
    return <LoginScreen info={info} onLoggedIn={(s) => setSession(s)} />;
  }
  return (
    <AppContext.Provider value={state}>
      <Shell locked={state.session.locked} />
      {state.session.locked ? (
        <LockScreen
          user={state.session.user}
          onUnlocked={(s) => setSession(s)}
          onLogout={() => void logout()}
        />
      ) : null}
    </AppContext.Provider>
  );
}

/** What the first screen depends on: the station (set up or not) and who is at the desk. */
async function readStart(): Promise<{
  info?: AppInfo;
  session: SessionInfo | null | undefined;
  fatal?: string;
}> {
  const r = await call('app.info', {});
  if (!r.ok) return { fatal: r.error.message, session: undefined };
  await applyLocale(r.value.locale);
  if (!r.value.setupDone) return { info: r.value, session: null };
  const s = await call('auth.session', {});
  return { info: r.value, session: s.ok ? s.value : null };
}
