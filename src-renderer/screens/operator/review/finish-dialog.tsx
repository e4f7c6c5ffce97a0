import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FinishResult } from '../../../../src-main/api/contract';
import { useApp } from '../../../app/app-context';
import { call } from '../../../app/station-client';
import { Kbd } from '../../../components/kbd';

/**
 * Sealing is final, so it asks for the operator's own password: the packet is then signed in
 * their name, and a colleague walking past cannot seal someone else's half-checked recording.
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
  const input = useRef<HTMLInputElement | null>(null);

  useEffect(() => {
    input.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onCancel();
      }
    };
    // Capture phase: Esc closes this first, and the form underneath sees it already handled.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onCancel]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
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
    setError(r.error.message);
    setPassword('');
    input.current?.focus();
  };

  return (
    <div className="review-dialog__backdrop">
      <form
        className="review-dialog card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="finish-title"
        aria-describedby="finish-text"
        data-testid="finish-dialog"
        onSubmit={(e) => void submit(e)}
        noValidate
      >
        <h2 id="finish-title">{t('review.sealTitle')}</h2>
        <p id="finish-text">{t('review.sealText')}</p>
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
            aria-describedby={error ? 'finish-error' : undefined}
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
          ) : null}
        </div>
        <div className="actions">
          <button type="button" className="btn" onClick={onCancel} disabled={busy}>
            {t('common.cancel')} <Kbd keys="Esc" />
          </button>
          <button
            type="submit"
            className="btn btn--primary"
            data-testid="finish-confirm"
            disabled={busy}
            aria-busy={busy}
          >
            {busy ? t('review.sealing') : t('review.seal')} <Kbd keys="Enter" />
          </button>
        </div>
      </form>
    </div>
  );
}
