import type { FormEvent, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../app/format';
import { Kbd } from '../../../components/kbd';
import { currentLocale } from '../../../i18n';
import { AddressSection, IdentitySection, OtherSection } from './resident-form-sections';
import { useFormShortcuts } from './use-form-shortcuts';
import { useResidentForm } from './use-resident-form';
import type { FormSnapshot, RecordingRef, ResidentFormApi } from './use-resident-form';

export type { FormSnapshot, RecordingRef, ResidentFormApi } from './use-resident-form';

/**
 * The resident's data, the first step of a recording: state, checks and saving live in
 * useResidentForm, the keys in useFormShortcuts, the fields in resident-fields.tsx.
 */
export function ResidentForm({
  apiRef,
  active,
  onShowToday,
  onRecordingChange,
  onContinue,
  onSnapshot,
}: {
  apiRef: RefObject<ResidentFormApi | null>;
  active: boolean;
  onShowToday: () => void;
  /** The draft being edited changed: saved, opened, or cleared for the next resident. */
  onRecordingChange?: (rec: RecordingRef | null) => void;
  /** After a save: go on to the next step of the recording (the button Enter presses). */
  onContinue?: () => void;
  /** Every change of the form or of the draft it edits (the desk draft saves it, debounced). */
  onSnapshot?: (s: FormSnapshot) => void;
}) {
  const { t } = useTranslation();
  const {
    binding,
    regions,
    recordingId,
    summary,
    banner,
    saved,
    dirty,
    busy,
    confirmClear,
    setConfirmClear,
    formRef,
    newButtonRef,
    reset,
    requestNew,
    save,
  } = useResidentForm({ apiRef, onRecordingChange, onSnapshot });
  useFormShortcuts({ active, save, dirty, setConfirmClear });

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };

  return (
    <section className="screen">
      <div className="screen__head">
        <h1>{recordingId ? t('form.titleDraft') : t('form.title')}</h1>
        <div className="screen__tools">
          <button type="button" className="btn" onClick={requestNew}>
            {t('form.newRecording')} <Kbd keys="Alt+N" />
          </button>
        </div>
      </div>

      {banner?.kind === 'info' ? (
        <div className="banner banner--info" role="status">
          {banner.text}
        </div>
      ) : null}
      {summary.length > 0 ? (
        <div className="banner banner--error">
          <div>{t('form.fixErrors', { count: summary.length })}</div>
          <ul className="issue-summary">
            {summary.map((i, n) => (
              <li key={n}>
                <a
                  href={`#field-${i.field}`}
                  onClick={(e) => {
                    e.preventDefault();
                    document.getElementById(`field-${i.field}`)?.focus();
                  }}
                >
                  {i.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {confirmClear ? (
        <div
          className="banner banner--warning"
          role="alertdialog"
          aria-labelledby="confirm-clear-text"
        >
          <div id="confirm-clear-text">{t('form.confirmClear')}</div>
          <div className="banner__actions">
            <button type="button" className="btn" autoFocus onClick={() => setConfirmClear(false)}>
              {t('form.keepEditing')} <Kbd keys="Esc" />
            </button>
            <button type="button" className="btn btn--danger" onClick={reset}>
              {t('form.clear')}
            </button>
          </div>
        </div>
      ) : null}

      <form ref={formRef} className="resident-form" onSubmit={onSubmit} noValidate>
        <IdentitySection b={binding} />
        <AddressSection b={binding} regions={regions} />
        <OtherSection b={binding} />

        <div className="form-actions">
          {saved ? (
            <div className="save-note save-note--ok" role="status" data-testid="save-ok">
              <span>
                ✓ {t('form.savedTitle')} — {saved.name} · {formatTime(saved.at, currentLocale())}
              </span>
              <span className="save-note__actions">
                <button type="button" className="btn btn--small" onClick={onShowToday}>
                  {t('nav.today')} <Kbd keys="Alt+H" />
                </button>
                <button
                  type="button"
                  className={`btn btn--small${onContinue ? '' : ' btn--primary'}`}
                  ref={onContinue ? undefined : newButtonRef}
                  onClick={reset}
                >
                  {t('form.newRecording')} <Kbd keys="Alt+N" />
                </button>
                {onContinue ? (
                  <button
                    type="button"
                    className="btn btn--small btn--primary"
                    data-testid="continue-photo"
                    ref={newButtonRef}
                    onClick={onContinue}
                  >
                    {t('recording.continuePhoto')} <Kbd keys="Enter" />
                  </button>
                ) : null}
              </span>
            </div>
          ) : banner?.kind === 'error' ? (
            <div className="save-note save-note--error" role="alert">
              {banner.text}
            </div>
          ) : (
            <p id="form-keys" className="muted small">
              {t('form.keys')}
            </p>
          )}
          <button
            type="submit"
            className="btn btn--primary btn--large"
            data-testid="save-draft"
            disabled={busy}
          >
            {busy ? t('common.working') : t('form.saveDraft')} <Kbd keys="Ctrl+S" />
          </button>
        </div>
      </form>
    </section>
  );
}
