import { useCallback, useEffect, useRef, useState } from 'react';
import { deskWork } from '../app/desk-work';
import { Kbd } from './kbd';
import { useTranslation } from 'react-i18next';

/**
 * "Keluar" with a recording in progress asks first; either way the desk draft is written before
 * the session ends, so it is offered back at the next login.
 */
export function useLeaveGuard(leave: () => void): {
  request: () => void;
  dialog: React.ReactNode;
} {
  const { t } = useTranslation();
  const [asking, setAsking] = useState<string | null>(null);
  const stay = useRef<HTMLButtonElement | null>(null);
  const go = useCallback(async () => {
    setAsking(null);
    await deskWork()?.flush();
    leave();
  }, [leave]);
  const request = useCallback(() => {
    const name = deskWork()?.inProgress() ?? null;
    if (name === null) void go();
    else setAsking(name);
  }, [go]);
  useEffect(() => {
    if (asking === null) return;
    stay.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      e.preventDefault();
      e.stopPropagation();
      setAsking(null);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [asking]);
  const dialog =
    asking === null ? null : (
      <div className="review-dialog__backdrop">
        <div
          className="review-dialog card"
          role="alertdialog"
          aria-modal="true"
          aria-labelledby="leave-title"
          data-testid="leave-confirm"
        >
          <h2 id="leave-title">
            {t('leaveGuard.recordingNameIsNotFinished', {
              name: asking || t('leaveGuard.noName'),
            })}
          </h2>
          <p>{t('leaveGuard.everythingTypedIsKeptAs')}</p>
          <div className="actions">
            <button
              type="button"
              ref={stay}
              className="btn btn--primary"
              data-testid="leave-stay"
              onClick={() => setAsking(null)}
            >
              {t('leaveGuard.stay')} <Kbd keys="Esc" />
            </button>
            <button
              type="button"
              className="btn"
              data-testid="leave-confirm-yes"
              onClick={() => void go()}
            >
              {t('leaveGuard.keepTheDraftAndSign')}
            </button>
          </div>
        </div>
      </div>
    );
  return { request, dialog };
}
