import { useState } from 'react';
import { displayDate, parseDmy } from '../../src-main/domain/format-date';
import { formatDateInput } from '../app/date-mask';
import { useTranslation } from 'react-i18next';

/**
 * A date typed day-month-year (dd-mm-yyyy, digits only, the dashes come by themselves) instead
 * of the browser's date input, which follows the OS locale (mm/dd/yyyy on many stations).
 * `value` and `onChange` speak 'YYYY-MM-DD'; a day that does not exist ('31-02-2001') is said
 * so and never passed on.
 */
export function DateField({
  id,
  value,
  onChange,
  testId,
  label,
}: {
  id?: string;
  value: string;
  onChange: (iso: string) => void;
  testId?: string;
  /** Accessible name when there is no visible <label for>. */
  label?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => (value ? displayDate(value) : ''));
  const [seen, setSeen] = useState(value);
  // A value set from outside (another control, a reset) shows up here.
  if (value !== seen) {
    setSeen(value);
    if (value !== parseDmy(text)) setText(value ? displayDate(value) : '');
  }
  const full = text.replace(/\D/g, '').length === 8;
  const bad = full && parseDmy(text) === null;
  const msgId = id ? `${id}-date-error` : undefined;
  return (
    <span className="date-field">
      <input
        id={id}
        className="mono"
        inputMode="numeric"
        placeholder="dd-mm-yyyy"
        autoComplete="off"
        maxLength={10}
        aria-label={label}
        aria-invalid={bad || undefined}
        aria-describedby={bad ? msgId : undefined}
        data-testid={testId}
        value={text}
        onChange={(e) => {
          const v = formatDateInput(e.target.value);
          setText(v);
          const iso = parseDmy(v);
          if (iso) {
            setSeen(iso);
            onChange(iso);
          }
        }}
      />
      {bad ? (
        <span id={msgId} className="field__msg field__msg--error" role="alert">
          {t('fields.date.thisDateDoesNotExist')}
        </span>
      ) : null}
    </span>
  );
}
