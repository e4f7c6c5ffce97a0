import { useEffect, useRef } from 'react';
import type { DeskDraft } from '../../../../src-main/api/contract-desk';
import { formatDateTime } from '../../../app/format';
import { Kbd } from '../../../components/kbd';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../../i18n';

/**
 * After a reload, a restart or a crash: the operator's unfinished recording is offered back
 * first thing, with Enter on "Lanjutkan".
 */
export function ResumeOffer({
  draft,
  onContinue,
  onDrop,
}: {
  draft: DeskDraft;
  onContinue: () => void;
  onDrop: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const yes = useRef<HTMLButtonElement | null>(null);
  useEffect(() => {
    yes.current?.focus();
  }, []);
  const name = draft.name || t('resumeOffer.noNameYet');
  return (
    <div
      className="banner banner--warning resume-offer"
      role="alertdialog"
      aria-labelledby="resume-title"
      aria-describedby="resume-text"
      data-testid="resume-offer"
    >
      <div>
        <strong id="resume-title" data-testid="resume-title">
          {t('resumeOffer.continueRecordingName', { name })}
        </strong>
        <p id="resume-text" className="small">
          {t('resumeOffer.thisRecordingIsNotFinished', {
            at: formatDateTime(draft.updatedAt, locale),
          })}
        </p>
      </div>
      <div className="banner__actions">
        <button
          type="button"
          ref={yes}
          className="btn btn--primary"
          data-testid="resume-continue"
          onClick={onContinue}
        >
          {t('resumeOffer.continue')} <Kbd keys="Enter" />
        </button>
        <button type="button" className="btn" data-testid="resume-drop" onClick={onDrop}>
          {draft.recordingId
            ? t('resumeOffer.laterTheDraftStaysIn')
            : t('resumeOffer.discardStartNew')}
        </button>
      </div>
    </div>
  );
}

/**
 * Moves the keyboard to the step just opened, then to its first action (`data-first-action`) as
 * soon as that is on screen and enabled — the camera and the pad take a moment — unless the
 * operator has moved the focus meanwhile.
 */
export function focusFirstAction(
  container: () => HTMLElement | null,
  tries = 50,
  claimed = false,
): void {
  const again = (c: boolean) => {
    if (tries > 0) setTimeout(() => focusFirstAction(container, tries - 1, c), 100);
  };
  const root = container();
  if (!root) return again(false);
  if (!claimed) root.focus();
  const el = root.querySelector<HTMLElement>('[data-first-action]:not(:disabled)');
  const focus = document.activeElement as HTMLElement | null;
  // Nobody else has the keyboard: nothing, the step itself, or an element no longer shown.
  const free =
    !focus ||
    focus === document.body ||
    focus === root ||
    !focus.isConnected ||
    focus.offsetParent === null;
  if (el && free) {
    el.focus();
    el.scrollIntoView({ block: 'nearest' });
    return;
  }
  if (free) again(true);
}
