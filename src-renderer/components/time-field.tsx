import { useState } from 'react';
import { formatTimeInput, parseHm } from '../app/time-mask';
import { useTranslation } from 'react-i18next';

/**
 * A 24-hour time typed HH:MM (digits only, the colon comes by itself) instead of the browser's
 * time input, which follows the OS locale ("12:00 AM"). `value` and `onChange` speak 'HH:MM';
 * while the text is not a real time ('25:00', '07:3') the value is '' and the field says why.
 */
export function TimeField({
  id,
  value,
  onChange,
  testId,
  label,
  describedBy,
}: {
  id?: string;
  value: string;
  onChange: (hm: string) => void;
  testId?: string;
  /** Accessible name when there is no visible <label for>. */
  label?: string;
  describedBy?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  // A value set from outside (loaded settings, a reset) shows up here.
  if (value !== seen) {
    setSeen(value);
    if (value !== parseHm(text)) setText(value);
  }
  const bad = text.length > 0 && parseHm(text) === null && text.length >= 5;
  const msgId = `${id ?? testId ?? 'time'}-time-error`;
  const described = [describedBy, bad ? msgId : null].filter(Boolean).join(' ') || undefined;
  return (
    <span className="date-field">
      <input
        id={id}
        className="mono time-field"
        inputMode="numeric"
        placeholder={t('fields.time.hhMm')}
        autoComplete="off"
        maxLength={5}
        size={5}
        aria-label={label}
        aria-invalid={bad || undefined}
        aria-describedby={described}
        data-testid={testId}
        value={text}
        onChange={(e) => {
          const v = formatTimeInput(e.target.value);
          setText(v);
          const hm = parseHm(v) ?? '';
          setSeen(hm);
          onChange(hm);
        }}
      />
      {bad ? (
        <span id={msgId} className="field__msg field__msg--error" role="alert">
          {t('fields.time.noSuchTimeUse00')}
        </span>
      ) : null}
    </span>
  );
}
