import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateInput } from '../../../app/date-mask';
import { Field } from '../../../components/field';
import type { FieldAria } from '../../../components/field';
import { FilterSelect } from '../../../components/filter-select';
import { withNik } from './resident-form-model';
import type { ResidentForm as FormState } from './resident-form-model';
import type { FormBinding } from './use-resident-form';

/** A card text field (name, birth place, address): typed freely, upper-cased on leave. */
export function TextField({
  b,
  field: key,
  label,
  maxLength,
  wide,
  hint,
}: {
  b: FormBinding;
  field: 'name' | 'birthPlace' | 'address';
  label: string;
  maxLength: number;
  wide?: boolean;
  hint?: string;
}) {
  return (
    <Field
      id={`field-${key}`}
      label={label}
      testKey={key}
      errors={b.errorsFor(key)}
      warnings={b.warningsFor(key)}
      className={wide ? 'span-2' : undefined}
      {...(hint ? { hint } : {})}
    >
      {(aria) => (
        <input
          {...aria}
          data-testid={`field-${key}`}
          className="upper"
          value={b.form[key]}
          maxLength={maxLength}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => b.update({ [key]: e.target.value }, [key])}
          onBlur={() => {
            // Card text is upper case; convert on leave so the caret never jumps while typing.
            const v = b.form[key].toUpperCase();
            if (v !== b.form[key]) b.setForm((f) => ({ ...f, [key]: v }));
            b.touchIfFilled(key, v);
          }}
        />
      )}
    </Field>
  );
}

/** NIK or KK: 16 digits; the NIK also fills sex and birth date. */
export function NumberField({
  b,
  field: key,
  label,
  hint,
}: {
  b: FormBinding;
  field: 'nik' | 'kk';
  label: string;
  hint: string;
}) {
  return (
    <Field
      id={`field-${key}`}
      label={label}
      testKey={key}
      hint={hint}
      errors={b.errorsFor(key)}
      warnings={b.warningsFor(key)}
    >
      {(aria) => (
        <input
          {...aria}
          data-testid={`field-${key}`}
          className="mono"
          inputMode="numeric"
          autoComplete="off"
          maxLength={24}
          value={b.form[key]}
          autoFocus={key === 'nik'}
          onChange={(e) => {
            const v = e.target.value;
            if (key === 'nik') {
              b.setForm((f) => withNik(f, v));
              b.update({}, ['nik', 'sex', 'birthDate']);
            } else b.update({ kk: v }, ['kk']);
            // A full number is checked at once; a partial one waits until the field is left.
            if (v.replace(/\s+/g, '').length >= 16) b.touch(key);
          }}
          onBlur={() => b.touchIfFilled(key, b.form[key])}
        />
      )}
    </Field>
  );
}

/** One of a fixed list (sex, blood type, religion, marital status, citizenship). */
export function ChoiceField({
  b,
  field: key,
  label,
  values,
  labelOf = (v) => v,
}: {
  b: FormBinding;
  field: 'sex' | 'bloodType' | 'religion' | 'maritalStatus' | 'citizenship';
  label: string;
  values: readonly string[];
  labelOf?: (v: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <Field
      id={`field-${key}`}
      label={label}
      testKey={key}
      errors={b.errorsFor(key)}
      warnings={b.warningsFor(key)}
    >
      {(aria) => (
        <select
          {...aria}
          data-testid={`field-${key}`}
          value={b.form[key]}
          onChange={(e) => {
            b.update({ [key]: e.target.value } as Partial<FormState>, [key]);
            b.touch(key);
          }}
          onBlur={() => b.touchIfFilled(key, b.form[key])}
        >
          {key === 'citizenship' ? null : <option value="">{t('form.choose')}</option>}
          {values.map((v) => (
            <option key={v} value={v}>
              {labelOf(v)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** Birth date typed as dd-mm-yyyy, the dashes added while typing. */
export function BirthDateField({ b }: { b: FormBinding }) {
  const { t } = useTranslation();
  return (
    <Field
      id="field-birthDate"
      label={t('form.birthDate')}
      testKey="birthDate"
      hint={t('form.birthDateHint')}
      errors={b.errorsFor('birthDate')}
      warnings={b.warningsFor('birthDate')}
    >
      {(aria) => (
        <input
          {...aria}
          data-testid="field-birthDate"
          className="mono"
          inputMode="numeric"
          placeholder="dd-mm-yyyy"
          autoComplete="off"
          maxLength={10}
          value={b.form.birthDateText}
          onChange={(e) => {
            const v = formatDateInput(e.target.value);
            b.update({ birthDateText: v }, ['birthDate']);
            if (v.length === 10) b.touch('birthDate');
          }}
          onBlur={() => b.touchIfFilled('birthDate', b.form.birthDateText)}
        />
      )}
    </Field>
  );
}

/** RT and RW side by side, three digits each. */
export function RtRwFields({ b }: { b: FormBinding }) {
  return (
    <div className="pair">
      {(['rt', 'rw'] as const).map((key) => (
        <Field
          key={key}
          id={`field-${key}`}
          label={key.toUpperCase()}
          testKey={key}
          errors={b.errorsFor(key)}
          warnings={b.warningsFor(key)}
        >
          {(aria) => (
            <input
              {...aria}
              data-testid={`field-${key}`}
              className="mono"
              inputMode="numeric"
              maxLength={3}
              autoComplete="off"
              value={b.form[key]}
              onChange={(e) => b.update({ [key]: e.target.value.replace(/\s/g, '') }, [key])}
              onBlur={() => {
                // RT/RW are written with three digits on the card: 3 → 003.
                if (/^\d{1,2}$/.test(b.form[key]))
                  b.setForm((f) => ({ ...f, [key]: f[key].padStart(3, '0') }));
                b.touchIfFilled(key, b.form[key]);
              }}
            />
          )}
        </Field>
      ))}
    </div>
  );
}

/** One level of the region cascade; choosing a level clears the levels below it. */
export function RegionSelect({
  b,
  level: key,
  aria,
  options,
  loading,
  placeholder,
}: {
  b: FormBinding;
  level: 'province' | 'regency' | 'district' | 'villageCode';
  aria: FieldAria;
  options: { value: string; label: string }[];
  loading: boolean;
  placeholder: string;
}) {
  return (
    <FilterSelect
      aria={aria}
      testId={`field-${key}`}
      options={options}
      loading={loading}
      value={b.form[key]}
      disabled={key !== 'province' && options.length === 0 && !loading}
      placeholder={placeholder}
      onBlur={() => b.touchIfFilled('villageCode', b.form.villageCode)}
      onChange={(v) => {
        const patch: Partial<FormState> =
          key === 'province'
            ? { province: v, regency: '', district: '', villageCode: '' }
            : key === 'regency'
              ? { regency: v, district: '', villageCode: '' }
              : key === 'district'
                ? { district: v, villageCode: '' }
                : { villageCode: v };
        b.update(patch, ['villageCode']);
        if (key === 'villageCode') b.touch('villageCode');
      }}
    />
  );
}

/** The cascade levels above the village are not record fields, so they carry no messages. */
export function RegionField({
  id,
  label,
  children,
}: {
  id: string;
  label: string;
  children: (aria: FieldAria) => ReactNode;
}) {
  return (
    <Field id={id} label={label}>
      {children}
    </Field>
  );
}
