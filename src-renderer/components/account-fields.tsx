import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from './field';

export interface AccountValues {
  username: string;
  fullName: string;
  password: string;
}

interface AccountFieldsProps {
  /** Prefix of the DOM ids and e2e hooks: `<prefix>-username`, `-fullname`, `-password`. */
  idPrefix: string;
  values: AccountValues;
  onChange: (next: AccountValues) => void;
  errors: Record<string, string>;
  passwordLabel: string;
  autoFocus?: boolean;
  /** Rendered between the full name and the password (e.g. the role picker). */
  beforePassword?: ReactNode;
}

/** Username, full name and password of a new account: the setup wizard and the users screen. */
export function AccountFields({
  idPrefix,
  values,
  onChange,
  errors,
  passwordLabel,
  autoFocus,
  beforePassword,
}: AccountFieldsProps) {
  const { t } = useTranslation();
  const err = (k: string) => (errors[k] ? [errors[k]] : []);
  const set = (patch: Partial<AccountValues>) => onChange({ ...values, ...patch });
  return (
    <>
      <Field
        id={`${idPrefix}-username`}
        label={t('user.username')}
        hint={t('user.usernameHint')}
        errors={err('username')}
      >
        {(aria) => (
          <input
            {...aria}
            data-testid={`${idPrefix}-username`}
            value={values.username}
            autoFocus={autoFocus}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={32}
            onChange={(e) => set({ username: e.target.value })}
          />
        )}
      </Field>
      <Field id={`${idPrefix}-fullname`} label={t('user.fullName')} errors={err('fullName')}>
        {(aria) => (
          <input
            {...aria}
            data-testid={`${idPrefix}-fullname`}
            value={values.fullName}
            maxLength={80}
            onChange={(e) => set({ fullName: e.target.value })}
          />
        )}
      </Field>
      {beforePassword}
      <Field
        id={`${idPrefix}-password`}
        label={passwordLabel}
        hint={t('user.passwordPolicy')}
        errors={err('password')}
      >
        {(aria) => (
          <input
            {...aria}
            type="password"
            data-testid={`${idPrefix}-password`}
            value={values.password}
            autoComplete="new-password"
            onChange={(e) => set({ password: e.target.value })}
          />
        )}
      </Field>
    </>
  );
}
