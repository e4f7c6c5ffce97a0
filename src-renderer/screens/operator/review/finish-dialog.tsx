import { useCallback, useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { FinishResult } from '../../../../src-main/api/contract';
import type { SealGuardState } from '../../../../src-main/api/contract-desk';
import { useApp } from '../../../app/app-context';
import { call } from '../../../app/station-client';
import { Kbd } from '../../../components/kbd';

/**
 * Sealing is final, so it asks for the operator's own password: the packet is then signed in
 * their name, and a colleague walking past cannot seal someone else's half-checked recording.
 * The dialog says how many attempts are left; after the last one a supervisor unlocks it here
 * with their own password — no timed lockout while the resident waits.
 */
export function FinishDialog({
  recordingId,
  onCancel,
  onDone,
}: {
  recordingId: string;
  onCancel: () => void;
  onDone: (result: FinishResult) => void;
}) {
  const { t } = useTranslation();
  const { session } = useApp();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [guard, setGuard] = useState<SealGuardState | null>(null);
  const [supUser, setSupUser] = useState('');
  const [supPassword, setSupPassword] = useState('');
  const input = useRef<HTMLInputElement | null>(null);
  const supInput = useRef<HTMLInputElement | null>(null);
  const locked = guard?.locked ?? false;

  const readGuard = useCallback(async () => {
    const r = await call('desk.sealGuard', {});
    if (r.ok) setGuard(r.value);
    return r.ok ? r.value : null;
  }, []);

  useEffect(() => {
    let live = true;
    void call('desk.sealGuard', {}).then((r) => {
      if (!live || !r.ok) return;
      flushSync(() => setGuard(r.value));
      if (r.value.locked) supInput.current?.focus();
    });
    input.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onCancel();
      }
    };
    // Capture phase: Esc closes this first, and the form underneath sees it already handled.
    window.addEventListener('keydown', onKey, true);
    return () => {
      live = false;
      window.removeEventListener('keydown', onKey, true);
    };
  }, [onCancel]);

  const seal = async () => {
    if (!password) {
      setError(t('review.passwordRequired'));
      input.current?.focus();
      return;
    }
    setBusy(true);
    const r = await call('recordings.finish', { id: recordingId, password });
    setBusy(false);
    if (r.ok) {
      onDone(r.value);
      return;
    }
    const g = await readGuard();
    flushSync(() => {
      // Once locked, the banner says it all; the unlock form starts without an error.
      setError(g?.locked ? null : r.error.message);
      setPassword('');
      if (g) setGuard(g);
    });
    (g?.locked ? supInput.current : input.current)?.focus();
  };

  const unlock = async () => {
    if (!supUser || !supPassword) {
      setError(t('finishDialog.enterTheSupervisorSUsername'));
      supInput.current?.focus();
      return;
    }
    setBusy(true);
    const r = await call('desk.unlockSeal', { username: supUser, password: supPassword });
    setBusy(false);
    setSupPassword('');
    if (!r.ok) {
      setError(r.error.message);
      supInput.current?.focus();
      return;
    }
    flushSync(() => {
      setGuard(r.value);
      setSupUser('');
      setError(null);
    });
    input.current?.focus();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    void (locked ? unlock() : seal());
  };

  const left = guard?.attemptsLeft ?? null;
  return (
    <div className="review-dialog__backdrop">
      <form
        className="review-dialog card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="finish-title"
        aria-describedby="finish-text"
        data-testid="finish-dialog"
        onSubmit={submit}
        noValidate
      >
        <h2 id="finish-title">{t('review.sealTitle')}</h2>
        <p id="finish-text">{t('review.sealText')}</p>
        {locked ? (
          <div className="seal-unlock" data-testid="seal-unlock">
            <p className="banner banner--warning" role="alert" data-testid="seal-locked">
              {t('finishDialog.sealingIsLockedTooMany')}
            </p>
            <div className="field">
              <label htmlFor="seal-sup-user" className="field__label">
                {t('finishDialog.supervisorUsername')}
              </label>
              <input
                id="seal-sup-user"
                ref={supInput}
                autoComplete="off"
                data-testid="seal-sup-user"
                value={supUser}
                onChange={(e) => {
                  setSupUser(e.target.value);
                  setError(null);
                }}
              />
            </div>
            <div className={`field${error ? ' field--error' : ''}`}>
              <label htmlFor="seal-sup-password" className="field__label">
                {t('finishDialog.supervisorPassword')}
              </label>
              <input
                id="seal-sup-password"
                type="password"
                autoComplete="off"
                data-testid="seal-sup-password"
                value={supPassword}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? 'finish-error' : undefined}
                onChange={(e) => {
                  setSupPassword(e.target.value);
                  setError(null);
                }}
              />
              {error ? (
                <p id="finish-error" className="field__msg field__msg--error" role="alert">
                  {error}
                </p>
              ) : null}
            </div>
          </div>
        ) : (
          <div className={`field${error ? ' field--error' : ''}`}>
            <label htmlFor="finish-password" className="field__label">
              {t('review.passwordLabel', { name: session.user.fullName })}
            </label>
            <input
              id="finish-password"
              ref={input}
              type="password"
              autoComplete="current-password"
              data-testid="finish-password"
              value={password}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'finish-error' : 'finish-attempts'}
              onChange={(e) => {
                setPassword(e.target.value);
                setError(null);
              }}
            />
            {error ? (
              <p
                id="finish-error"
                className="field__msg field__msg--error"
                role="alert"
                data-testid="finish-error"
              >
                {error}
              </p>
            ) : left !== null && guard && left < guard.maxAttempts ? (
              <p id="finish-attempts" className="field__hint" data-testid="finish-attempts">
                {t('finishDialog.nAttemptsLeft', { n: left })}
              </p>
            ) : null}
          </div>
        )}
        <div className="actions">
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            {t('common.cancel')} <Kbd keys="Esc" />
          </button>
          <button
            type="submit"
            className="btn btn--primary"
            data-testid={locked ? 'seal-unlock-confirm' : 'finish-confirm'}
            disabled={busy}
            aria-busy={busy}
          >
            {locked ? t('finishDialog.unlock') : busy ? t('review.sealing') : t('review.seal')}{' '}
            <Kbd keys="Enter" />
          </button>
        </div>
      </form>
    </div>
  );
}
