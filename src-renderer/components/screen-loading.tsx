import { useTranslation } from 'react-i18next';

/**
 * What the main area shows while a screen's code loads: a quiet line that fills the area (the
 * status bar stays put) and only fades in if the load takes a noticeable moment.
 */
export function ScreenLoading() {
  const { t } = useTranslation();
  return (
    <div className="screen-loading" aria-busy="true">
      <p className="muted">{t('common.loading')}</p>
    </div>
  );
}
