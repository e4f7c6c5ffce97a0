import { useTranslation } from 'react-i18next';
import type { CheckResult, PhotoCheck } from '../../../../src-main/api/contract';

const ICON: Record<CheckResult, string> = { pass: '✓', warn: '!', fail: '✗' };

/** Each check says its verdict in words and with an icon, never by colour alone. */
export function CheckList({ checks, testId }: { checks: readonly PhotoCheck[]; testId?: string }) {
  const { t } = useTranslation();
  return (
    <ul className="checks" data-testid={testId}>
      {checks.map((c) => (
        <li key={c.id} className={`check check--${c.result}`} data-testid={`check-${c.id}`}>
          <span className="check__icon" aria-hidden="true">
            {ICON[c.result]}
          </span>
          <span className="check__body">
            <span className="check__head">
              {t(`photo.check.${c.id}`)}: <strong>{t(`photo.result.${c.result}`)}</strong>
            </span>
            {c.message ? <span className="check__msg">{c.message}</span> : null}
          </span>
        </li>
      ))}
    </ul>
  );
}

export function ResultBadge({ result }: { result: CheckResult }) {
  const { t } = useTranslation();
  return (
    <span className={`result-badge result-badge--${result}`}>
      <span aria-hidden="true">{ICON[result]}</span> {t(`photo.worst.${result}`)}
    </span>
  );
}
