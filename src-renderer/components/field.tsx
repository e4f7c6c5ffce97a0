import type { ReactNode } from 'react';

export interface FieldAria {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby'?: string;
}

interface FieldProps {
  /** DOM id of the control; also the base of the message ids. */
  id: string;
  label: string;
  /** Used for the e2e hooks `error-<key>` and `warning-<key>`. */
  testKey?: string;
  hint?: string;
  errors?: readonly string[];
  warnings?: readonly string[];
  className?: string;
  children: (aria: FieldAria) => ReactNode;
}

/** A labelled control with its hint, errors (red) and warnings (amber) wired for screen readers. */
export function Field({
  id,
  label,
  testKey,
  hint,
  errors = [],
  warnings = [],
  className,
  children,
}: FieldProps) {
  const describedBy = [
    hint ? `${id}-hint` : null,
    errors.length ? `${id}-error` : null,
    warnings.length ? `${id}-warning` : null,
  ]
    .filter(Boolean)
    .join(' ');
  const aria: FieldAria = { id, 'aria-invalid': errors.length > 0 };
  if (describedBy) aria['aria-describedby'] = describedBy;
  return (
    <div
      className={`field${errors.length ? ' field--error' : ''}${className ? ` ${className}` : ''}`}
    >
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {children(aria)}
      {hint ? (
        <div id={`${id}-hint`} className="field__hint">
          {hint}
        </div>
      ) : null}
      {errors.length ? (
        <div
          id={`${id}-error`}
          className="field__msg field__msg--error"
          role="alert"
          data-testid={testKey ? `error-${testKey}` : undefined}
        >
          {errors.map((m, i) => (
            <div key={i}>{m}</div>
          ))}
        </div>
      ) : null}
      {warnings.length ? (
        <div
          id={`${id}-warning`}
          className="field__msg field__msg--warning"
          data-testid={testKey ? `warning-${testKey}` : undefined}
        >
          {warnings.map((m, i) => (
            <div key={i}>{m}</div>
          ))}
        </div>
      ) : null}
    </div>
  );
}
