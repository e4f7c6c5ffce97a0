import { useTranslation } from 'react-i18next';
import { call } from '../app/station-client';
import { applyLocale, currentLocale } from '../i18n';

/** Switches between Bahasa Indonesia and English, and tells main so its messages follow. */
export function LangSwitch() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const next = locale === 'id' ? 'en' : 'id';
  const onClick = async () => {
    await applyLocale(next);
    // Main's messages (errors, validation) follow the stored preference.
    await call('prefs.setLocale', { locale: next });
  };
  return (
    <button
      type="button"
      className="lang-switch"
      data-testid="lang-switch"
      aria-label={t('common.langSwitch')}
      title={t('common.langSwitch')}
      onClick={() => void onClick()}
    >
      <span className={locale === 'id' ? 'lang-switch__on' : ''}>ID</span>
      <span aria-hidden="true">|</span>
      <span className={locale === 'en' ? 'lang-switch__on' : ''}>EN</span>
    </button>
  );
}
