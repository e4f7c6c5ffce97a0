import { useMemo, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { filterOptions } from '../app/match-option';
import type { FieldAria } from './field';

export interface Option {
  value: string;
  label: string;
}

interface FilterSelectProps {
  aria: FieldAria;
  testId: string;
  options: readonly Option[];
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  disabled?: boolean;
  loading?: boolean;
  onBlur?: () => void;
  /** Lists longer than this get a filter box. */
  filterFrom?: number;
}

/**
 * A native <select> (so keyboard, screen readers and Playwright's selectOption just work) with
 * a small "type to filter" box in front of it for long lists such as regions. The filter box
 * is named "Saring daftar" on purpose: it must not share the field's label text.
 */
export function FilterSelect({
  aria,
  testId,
  options,
  value,
  onChange,
  placeholder,
  disabled,
  loading,
  onBlur,
  filterFrom = 12,
}: FilterSelectProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const shown = useMemo(() => {
    const hits = filterOptions(options, query, (o) => `${o.label} ${o.value}`);
    // The chosen value stays visible even when the filter would hide it.
    const chosen = options.find((o) => o.value === value);
    return chosen && !hits.includes(chosen) ? [chosen, ...hits] : hits;
  }, [options, query, value]);
  const withFilter = options.length > filterFrom;

  const onFilterChange = (q: string) => {
    setQuery(q);
    const hits = filterOptions(options, q, (o) => `${o.label} ${o.value}`);
    if (q.trim() !== '' && hits.length === 1 && hits[0] && hits[0].value !== value) {
      onChange(hits[0].value);
    }
  };
  const onFilterKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const first = filterOptions(options, query, (o) => `${o.label} ${o.value}`)[0];
      if (first && first.value !== value) onChange(first.value);
    } else if (e.key === 'Escape' && query !== '') {
      e.stopPropagation();
      setQuery('');
    }
  };

  return (
    <div className={withFilter ? 'filter-select filter-select--with-filter' : 'filter-select'}>
      {withFilter ? (
        <input
          type="search"
          className="filter-select__filter"
          aria-label={t('common.filterList')}
          aria-controls={aria.id}
          placeholder={t('common.typeToFilter')}
          value={query}
          disabled={disabled}
          onChange={(e) => onFilterChange(e.target.value)}
          onKeyDown={onFilterKey}
          autoComplete="off"
        />
      ) : null}
      <select
        {...aria}
        data-testid={testId}
        value={value}
        disabled={disabled}
        onChange={(e) => {
          // Re-choosing the same value must not reset the levels below it in a cascade.
          if (e.target.value !== value) onChange(e.target.value);
        }}
        onBlur={onBlur}
      >
        <option value="">{loading ? t('common.loading') : placeholder}</option>
        {shown.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
