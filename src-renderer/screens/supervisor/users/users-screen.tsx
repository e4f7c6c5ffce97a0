import { useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../../src-main/api/contract';
import type { Role, UserSummary } from '../../../../src-main/api/contract';
import { useApp } from '../../../app/app-context';
import { formatDateTime } from '../../../app/format';
import { call } from '../../../app/station-client';
import { Field } from '../../../components/field';
import { AccountFields, type AccountValues } from '../../../components/account-fields';
import { OpenDrafts } from './open-drafts';

const EMPTY_ACCOUNT: AccountValues = { username: '', fullName: '', password: '' };

const USERNAME_RE = /^[a-z0-9._-]{3,32}$/;

export function UsersScreen() {
  const { t, i18n } = useTranslation();
  const { session } = useApp();
  const [users, setUsers] = useState<UserSummary[] | null>(null);
  const [banner, setBanner] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [resetFor, setResetFor] = useState<string | null>(null);

  const [reloads, setReloads] = useState(0);
  const load = useCallback(() => setReloads((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    void call('users.list', {}).then((r) => {
      if (!live) return;
      if (r.ok) setUsers(r.value);
      else setBanner({ kind: 'error', text: r.error.message });
    });
    return () => {
      live = false;
    };
  }, [reloads]);

  const setActive = async (u: UserSummary, active: boolean) => {
    const r = await call('users.setActive', { userId: u.id, active });
    if (r.ok) {
      setBanner({
        kind: 'ok',
        text: t(active ? 'users.enabled' : 'users.disabled', { username: u.username }),
      });
      load();
    } else setBanner({ kind: 'error', text: r.error.message });
  };

  return (
    <section className="screen">
      <div className="screen__head">
        <h1>{t('users.title')}</h1>
      </div>
      {banner ? (
        <p
          className={`banner banner--${banner.kind}`}
          role={banner.kind === 'error' ? 'alert' : 'status'}
        >
          {banner.text}
        </p>
      ) : null}
      <div className="split">
        <div className="split__main">
          {users === null ? (
            <p className="muted">{t('common.loading')}</p>
          ) : (
            <table className="table">
              <caption className="sr-only">{t('users.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('user.username')}</th>
                  <th scope="col">{t('user.fullName')}</th>
                  <th scope="col">{t('user.role')}</th>
                  <th scope="col">{t('users.state')}</th>
                  <th scope="col">{t('users.lastLogin')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('today.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {users.map((u) => (
                  <tr key={u.id} data-testid="user-row">
                    <td className="mono">{u.username}</td>
                    <td>{u.fullName}</td>
                    <td>{t(`role.${u.role}`)}</td>
                    <td>
                      <span className={`badge ${u.active ? 'badge--approved' : 'badge--rejected'}`}>
                        {u.active ? t('users.active') : t('users.inactive')}
                      </span>
                    </td>
                    <td>
                      {u.lastLoginAt
                        ? formatDateTime(u.lastLoginAt, i18n.language)
                        : t('users.never')}
                    </td>
                    <td>
                      <div className="row-actions">
                        {u.id === session.user.id ? (
                          <span className="muted small">{t('users.you')}</span>
                        ) : (
                          <>
                            <button
                              type="button"
                              className="btn btn--small"
                              onClick={() => void setActive(u, !u.active)}
                            >
                              {u.active ? t('users.disable') : t('users.enable')}
                            </button>
                            <button
                              type="button"
                              className="btn btn--small"
                              aria-expanded={resetFor === u.id}
                              onClick={() => setResetFor(resetFor === u.id ? null : u.id)}
                            >
                              {t('users.resetPassword')}
                            </button>
                          </>
                        )}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {resetFor && users ? (
            <ResetPassword
              user={users.find((u) => u.id === resetFor)}
              onDone={(text) => {
                setResetFor(null);
                setBanner({ kind: 'ok', text });
              }}
              onCancel={() => setResetFor(null)}
            />
          ) : null}
          {users ? <OpenDrafts users={users} onMessage={setBanner} /> : null}
        </div>
        <aside className="split__side">
          <CreateUser
            onCreated={(u) => {
              setBanner({ kind: 'ok', text: t('users.created', { username: u.username }) });
              load();
            }}
          />
        </aside>
      </div>
    </section>
  );
}

function CreateUser({ onCreated }: { onCreated: (u: UserSummary) => void }) {
  const { t } = useTranslation();
  const [account, setAccount] = useState<AccountValues>(EMPTY_ACCOUNT);
  const { username, fullName, password } = account;
  const [role, setRole] = useState<Role>('operator');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const err = (k: string) => (errors[k] ? [errors[k]] : []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const u = username.trim().toLowerCase();
    const es: Record<string, string> = {};
    if (!USERNAME_RE.test(u)) es.username = t('setup.errUsername');
    if (fullName.trim() === '') es.fullName = t('setup.errFullName');
    if (password.length < 8) es.password = t('setup.errPasswordShort');
    setErrors(es);
    setFormError(null);
    if (Object.keys(es).length) return;
    setBusy(true);
    const r = await call('users.create', {
      username: u,
      fullName: fullName.trim(),
      role,
      password,
    });
    setBusy(false);
    if (r.ok) {
      setAccount(EMPTY_ACCOUNT);
      setRole('operator');
      onCreated(r.value);
      return;
    }
    if (r.error.code === 'WEAK_PASSWORD') setErrors({ password: r.error.message });
    else if (r.error.code === 'CONFLICT') setErrors({ username: r.error.message });
    else if (r.error.fields) setErrors(r.error.fields);
    setFormError(r.error.message);
  };

  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('users.createTitle')}</h2>
      <AccountFields
        idPrefix="user-new"
        values={account}
        onChange={setAccount}
        errors={errors}
        passwordLabel={t('users.initialPassword')}
        beforePassword={
          <Field id="user-new-role" label={t('user.role')} errors={err('role')}>
            {(aria) => (
              <select
                {...aria}
                data-testid="user-new-role"
                value={role}
                onChange={(e) => setRole(e.target.value as Role)}
              >
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        }
      />
      {formError ? (
        <p className="banner banner--error" role="alert">
          {formError}
        </p>
      ) : null}
      <div className="actions">
        <button
          type="submit"
          className="btn btn--primary"
          data-testid="user-create"
          disabled={busy}
        >
          {t('users.create')}
        </button>
      </div>
    </form>
  );
}

function ResetPassword({
  user,
  onDone,
  onCancel,
}: {
  user: UserSummary | undefined;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!user) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password.length < 8) {
      setError(t('setup.errPasswordShort'));
      return;
    }
    const r = await call('users.resetPassword', { userId: user.id, password });
    if (r.ok) onDone(t('users.passwordReset', { username: user.username }));
    else setError(r.error.message);
  };
  return (
    <form
      className="card inline-form"
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
      noValidate
    >
      <h2>{t('users.resetTitle', { username: user.username })}</h2>
      <Field
        id="user-reset-password"
        label={t('users.newPassword')}
        hint={t('user.passwordPolicy')}
        errors={error ? [error] : []}
      >
        {(aria) => (
          <input
            {...aria}
            type="password"
            value={password}
            autoFocus
            autoComplete="new-password"
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      <div className="actions">
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')} <span className="kbd">Esc</span>
        </button>
        <button type="submit" className="btn btn--primary">
          {t('users.resetPassword')}
        </button>
      </div>
    </form>
  );
}
