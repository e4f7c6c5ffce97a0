import { useCallback, useEffect, useRef, useState } from 'react';
import { deskWork } from '../app/desk-work';
import { useTx } from '../app/tx';
import { Kbd } from './kbd';

/**
 * "Keluar" with a recording in progress asks first; either way the desk draft is written before
 * the session ends, so it is offered back at the next login.
 */
export function useLeaveGuard(leave: () => void): {
  request: () => void;
  dialog: React.ReactNode;
} {
  const { tx } = useTx();
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
            {tx(
              'Perekaman {{name}} belum selesai. Keluar?',
              'Recording {{name}} is not finished. Sign out?',
              {
                name: asking || tx('(tanpa nama)', '(no name)'),
              },
            )}
          </h2>
          <p>
            {tx(
              'Semua isian disimpan sebagai draf dan ditawarkan lagi saat Anda masuk kembali.',
              'Everything typed is kept as a draft and offered again when you sign in.',
            )}
          </p>
          <div className="actions">
            <button
              type="button"
              ref={stay}
              className="btn btn--primary"
              data-testid="leave-stay"
              onClick={() => setAsking(null)}
            >
              {tx('Tetap di sini', 'Stay')} <Kbd keys="Esc" />
            </button>
            <button
              type="button"
              className="btn"
              data-testid="leave-confirm-yes"
              onClick={() => void go()}
            >
              {tx('Simpan draf dan keluar', 'Keep the draft and sign out')}
            </button>
          </div>
        </div>
      </div>
    );
  return { request, dialog };
}
