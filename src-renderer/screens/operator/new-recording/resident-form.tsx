import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import type { FormEvent, ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { Recording } from '../../../../src-main/api/contract';
import {
  BLOOD_TYPES,
  CITIZENSHIPS,
  MARITAL_STATUSES,
  OCCUPATIONS,
  RELIGIONS,
  SEXES,
  VALID_FOR_LIFE,
} from '../../../../src-main/domain/resident';
import type { ResidentData, ValidationIssue } from '../../../../src-main/domain/resident';
import { useApp } from '../../../app/app-context';
import { formatDateInput } from '../../../app/date-mask';
import { formatTime } from '../../../app/format';
import { call } from '../../../app/station-client';
import { regionOptions, useRegionChildren } from '../../../app/use-regions';
import { Field } from '../../../components/field';
import type { FieldAria } from '../../../components/field';
import { FilterSelect } from '../../../components/filter-select';
import { Kbd } from '../../../components/kbd';
import { currentLocale } from '../../../i18n';
import {
  checkForm,
  districtCodesToCheck,
  emptyForm,
  formFromResident,
  formFromSnapshot,
  isBlankForm,
  isSendable,
  toResident,
  withNik,
} from './resident-form-model';
import type { ResidentForm as FormState } from './resident-form-model';

export interface ResidentFormApi {
  /** Alt+N / "Perekaman baru": start the next resident (asks first if unsaved). */
  requestNew(): void;
  /** Reopen a draft from Hari ini; false when it could not be opened (the form says why). */
  open(id: string): Promise<boolean>;
  /** A called queue card: a new, unsaved form with what the card knows (the operator checks). */
  prefill(p: { nik: string; name: string; address: string }): void;
  /** The desk draft after a reload or restart: the form as typed, on its saved recording. */
  restore(d: { form: Record<string, string>; recordingId: string | null }): Promise<void>;
}

/** What the desk draft keeps of the form, reported on every change. */
export interface FormSnapshot {
  form: Record<string, string>;
  recordingId: string | null;
  name: string;
  blank: boolean;
}

/** The saved draft the form is editing, for the recording workspace's header. */
export interface RecordingRef {
  id: string;
  name: string;
  nik: string;
}

type FieldKey = keyof ResidentData;
type Saved = { id: string; name: string; at: string };

const OCCUPATION_OPTIONS = OCCUPATIONS.map((o) => ({ value: o, label: o }));

// Cached across forms: the answer for a district code never changes while the app runs.
const districtCache = new Map<string, boolean>();

export function ResidentForm({
  apiRef,
  active,
  onShowToday,
  onRecordingChange,
  onContinue,
  onSnapshot,
}: {
  apiRef: RefObject<ResidentFormApi | null>;
  active: boolean;
  onShowToday: () => void;
  /** The draft being edited changed: saved, opened, or cleared for the next resident. */
  onRecordingChange?: (rec: RecordingRef | null) => void;
  /** After a save: go on to the next step of the recording (the button Enter presses). */
  onContinue?: () => void;
  /** Every change of the form or of the draft it edits (the desk draft saves it, debounced). */
  onSnapshot?: (s: FormSnapshot) => void;
}) {
  const { t, i18n } = useTranslation();
  const { info } = useApp();
  const stationDistrict = info.station?.kecamatanCode ?? null;
  const [form, setForm] = useState<FormState>(() => emptyForm(stationDistrict));
  const [recordingId, setRecordingId] = useState<string | null>(null);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [dirty, setDirty] = useState(false);
  const [confirmClear, setConfirmClear] = useState(false);
  const [busy, setBusy] = useState(false);
  const [districtKnownMap, setDistrictKnownMap] = useState<ReadonlyMap<string, boolean>>(
    () => new Map(districtCache),
  );
  const formRef = useRef<HTMLFormElement | null>(null);
  const onRecordingChangeRef = useRef(onRecordingChange);
  onRecordingChangeRef.current = onRecordingChange;
  const newButtonRef = useRef<HTMLButtonElement | null>(null);
  const [focusInvalid, setFocusInvalid] = useState(0);

  const regencies = useRegionChildren(form.province || null);
  const districts = useRegionChildren(form.regency || null);
  const villages = useRegionChildren(form.district || null);
  const provinces = useRegionChildren('');

  // Is the NIK's (and KK's) kecamatan in the region list? Unknown = a warning, never a block.
  const codesToCheck = districtCodesToCheck(form).join(',');
  useEffect(() => {
    const missing = codesToCheck.split(',').filter((c) => c && !districtCache.has(c));
    let live = true;
    for (const code of missing) {
      void call('regions.lookup', { code }).then((r) => {
        if (!r.ok) return;
        districtCache.set(code, r.value.district !== null);
        if (live) setDistrictKnownMap(new Map(districtCache));
      });
    }
    return () => {
      live = false;
    };
  }, [codesToCheck]);

  const villageCodes = useMemo(
    () => new Set(villages.regions.map((v) => v.code)),
    [villages.regions],
  );
  const locale = i18n.language === 'en' ? 'en' : 'id';
  const issues = useMemo(
    () =>
      checkForm(form, {
        today: new Date(),
        locale,
        districtKnown: (c) => districtKnownMap.get(c),
        villageKnown: (c) => (villageCodes.has(c) ? true : undefined),
      }),
    [form, locale, districtKnownMap, villageCodes],
  );

  const shown = (field: string) => submitted || touched.has(field);
  const errorsFor = (field: FieldKey): string[] => {
    const out = shown(field)
      ? issues.filter((i) => i.field === field && i.severity === 'error').map((i) => i.message)
      : [];
    const server = serverErrors[field];
    if (server && !out.includes(server)) out.push(server);
    return out;
  };
  const warningsFor = (field: FieldKey): string[] =>
    shown(field)
      ? issues.filter((i) => i.field === field && i.severity === 'warning').map((i) => i.message)
      : [];

  // Leaving an empty field says nothing (focus moves for many reasons); saving reports it.
  const touchIfFilled = (field: string, value: string) => {
    if (value.trim() !== '') touch(field);
  };
  const touch = (field: string) =>
    setTouched((s) => {
      if (s.has(field)) return s;
      const n = new Set(s);
      n.add(field);
      return n;
    });

  const update = (patch: Partial<FormState>, fields: FieldKey[]) => {
    setForm((f) => ({ ...f, ...patch }));
    setDirty(true);
    setSaved(null);
    setServerErrors((e) => {
      if (!fields.some((k) => k in e)) return e;
      const n = { ...e };
      for (const k of fields) delete n[k];
      return n;
    });
  };

  const reset = useCallback(() => {
    setForm(emptyForm(stationDistrict));
    setRecordingId(null);
    setTouched(new Set());
    setSubmitted(false);
    setServerErrors({});
    setBanner(null);
    setSaved(null);
    setDirty(false);
    setConfirmClear(false);
    onRecordingChangeRef.current?.(null);
    // Next resident: straight back to the first field.
    setTimeout(() => document.getElementById('field-nik')?.focus(), 0);
  }, [stationDistrict]);

  const requestNew = useCallback(() => {
    if (dirty) setConfirmClear(true);
    else reset();
  }, [dirty, reset]);

  const open = useCallback(
    async (id: string) => {
      const r = await call('recordings.get', { id });
      if (!r.ok) {
        setBanner({ kind: 'error', text: r.error.message });
        return false;
      }
      load(r.value);
      return true;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  function load(rec: Recording) {
    setForm(formFromResident(rec.resident as ResidentData));
    setRecordingId(rec.id);
    setTouched(new Set(Object.keys(rec.resident)));
    setSubmitted(false);
    setServerErrors({});
    setSaved(null);
    setDirty(false);
    setConfirmClear(false);
    setBanner({ kind: 'info', text: t('form.opened', { name: rec.name }) });
    onRecordingChangeRef.current?.({ id: rec.id, name: rec.name, nik: rec.resident.nik });
  }

  const prefill = useCallback(
    (p: { nik: string; name: string; address: string }) => {
      reset();
      setForm((f) => ({ ...withNik(f, p.nik), name: p.name, address: p.address }));
      setDirty(true);
      if (p.nik) setTouched(new Set(['nik']));
    },
    [reset],
  );

  const restore = useCallback(
    async (d: { form: Record<string, string>; recordingId: string | null }) => {
      let base = emptyForm(stationDistrict);
      if (d.recordingId) {
        const r = await call('recordings.get', { id: d.recordingId });
        if (r.ok) {
          load(r.value);
          base = formFromResident(r.value.resident as ResidentData);
        }
      }
      const f = formFromSnapshot(d.form, base);
      setForm(f);
      const changed = JSON.stringify(f) !== JSON.stringify(base);
      setDirty(changed);
      if (!d.recordingId) setTouched(new Set(Object.keys(d.form).filter((k) => d.form[k])));
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [stationDistrict],
  );

  useImperativeHandle(apiRef, () => ({ requestNew, open, prefill, restore }), [
    requestNew,
    open,
    prefill,
    restore,
  ]);

  const onSnapshotRef = useRef(onSnapshot);
  onSnapshotRef.current = onSnapshot;
  useEffect(() => {
    onSnapshotRef.current?.({
      form: { ...form },
      recordingId,
      name: form.name.trim().toUpperCase(),
      blank: !recordingId && isBlankForm(form, stationDistrict),
    });
  }, [form, recordingId, stationDistrict]);

  const save = async () => {
    if (busy) return;
    setSubmitted(true);
    setBanner(null);
    const resident = toResident(form);
    const errors = issues.filter((i) => i.severity === 'error');
    if (errors.length > 0 || !isSendable(resident)) {
      setBanner({ kind: 'error', text: t('form.notSaved') });
      setFocusInvalid((n) => n + 1);
      return;
    }
    setBusy(true);
    const r = await call(
      'recordings.saveDraft',
      recordingId ? { id: recordingId, resident } : { resident },
    );
    setBusy(false);
    if (r.ok) {
      setRecordingId(r.value.id);
      setForm(formFromResident(r.value.resident as ResidentData));
      setServerErrors({});
      setDirty(false);
      setSaved({ id: r.value.id, name: r.value.name, at: r.value.updatedAt });
      onRecordingChangeRef.current?.({
        id: r.value.id,
        name: r.value.name,
        nik: r.value.resident.nik,
      });
      return;
    }
    if (r.error.code === 'VALIDATION' && r.error.fields) {
      setServerErrors(r.error.fields);
      setFocusInvalid((n) => n + 1);
    }
    setBanner({ kind: 'error', text: r.error.message });
  };

  // After a save, Enter goes on: focus sits on the next step (or on "Perekaman baru").
  useEffect(() => {
    if (saved) newButtonRef.current?.focus();
  }, [saved]);

  // Move focus to the first field in trouble, so the operator can fix it right away.
  useEffect(() => {
    if (focusInvalid === 0) return;
    const el = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    el?.focus();
  }, [focusInvalid]);

  // Ctrl+S saves and Esc offers to clear, wherever the focus is in the form.
  const saveRef = useRef(save);
  saveRef.current = save;
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.code === 'KeyS') {
        e.preventDefault();
        void saveRef.current();
      } else if (e.key === 'Escape' && !e.defaultPrevented) {
        setConfirmClear((c) => (c ? false : dirtyRef.current));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save();
  };

  const text = (
    key: 'name' | 'birthPlace' | 'address',
    label: string,
    opts: { maxLength: number; wide?: boolean; hint?: string },
  ) => (
    <Field
      id={`field-${key}`}
      label={label}
      testKey={key}
      errors={errorsFor(key)}
      warnings={warningsFor(key)}
      className={opts.wide ? 'span-2' : undefined}
      {...(opts.hint ? { hint: opts.hint } : {})}
    >
      {(aria) => (
        <input
          {...aria}
          data-testid={`field-${key}`}
          className="upper"
          value={form[key]}
          maxLength={opts.maxLength}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => update({ [key]: e.target.value }, [key])}
          onBlur={() => {
            // Card text is upper case; convert on leave so the caret never jumps while typing.
            const v = form[key].toUpperCase();
            if (v !== form[key]) setForm((f) => ({ ...f, [key]: v }));
            touchIfFilled(key, v);
          }}
        />
      )}
    </Field>
  );

  const number16 = (key: 'nik' | 'kk', label: string, hint: string) => (
    <Field
      id={`field-${key}`}
      label={label}
      testKey={key}
      hint={hint}
      errors={errorsFor(key)}
      warnings={warningsFor(key)}
    >
      {(aria) => (
        <input
          {...aria}
          data-testid={`field-${key}`}
          className="mono"
          inputMode="numeric"
          autoComplete="off"
          maxLength={24}
          value={form[key]}
          autoFocus={key === 'nik'}
          onChange={(e) => {
            const v = e.target.value;
            if (key === 'nik') {
              setForm((f) => withNik(f, v));
              update({}, ['nik', 'sex', 'birthDate']);
            } else update({ kk: v }, ['kk']);
            // A full number is checked at once; a partial one waits until the field is left.
            if (v.replace(/\s+/g, '').length >= 16) touch(key);
          }}
          onBlur={() => touchIfFilled(key, form[key])}
        />
      )}
    </Field>
  );

  const select = (
    key: 'sex' | 'bloodType' | 'religion' | 'maritalStatus' | 'citizenship',
    label: string,
    values: readonly string[],
    labelOf: (v: string) => string = (v) => v,
  ) => (
    <Field
      id={`field-${key}`}
      label={label}
      testKey={key}
      errors={errorsFor(key)}
      warnings={warningsFor(key)}
    >
      {(aria) => (
        <select
          {...aria}
          data-testid={`field-${key}`}
          value={form[key]}
          onChange={(e) => {
            update({ [key]: e.target.value } as Partial<FormState>, [key]);
            touch(key);
          }}
          onBlur={() => touchIfFilled(key, form[key])}
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

  const region = (
    key: 'province' | 'regency' | 'district' | 'villageCode',
    aria: FieldAria,
    options: { value: string; label: string }[],
    loading: boolean,
    placeholder: string,
  ) => (
    <FilterSelect
      aria={aria}
      testId={`field-${key}`}
      options={options}
      loading={loading}
      value={form[key]}
      disabled={key !== 'province' && options.length === 0 && !loading}
      placeholder={placeholder}
      onBlur={() => touchIfFilled('villageCode', form.villageCode)}
      onChange={(v) => {
        const patch: Partial<FormState> =
          key === 'province'
            ? { province: v, regency: '', district: '', villageCode: '' }
            : key === 'regency'
              ? { regency: v, district: '', villageCode: '' }
              : key === 'district'
                ? { district: v, villageCode: '' }
                : { villageCode: v };
        update(patch, ['villageCode']);
        if (key === 'villageCode') touch('villageCode');
      }}
    />
  );

  const villageErrors = errorsFor('villageCode');
  const summary = submitted ? issues.filter((i) => i.severity === 'error') : [];

  return (
    <section className="screen">
      <div className="screen__head">
        <h1>{recordingId ? t('form.titleDraft') : t('form.title')}</h1>
        <div className="screen__tools">
          <button type="button" className="btn" onClick={requestNew}>
            {t('form.newRecording')} <Kbd keys="Alt+N" />
          </button>
        </div>
      </div>

      {banner?.kind === 'info' ? (
        <div className="banner banner--info" role="status">
          {banner.text}
        </div>
      ) : null}
      {summary.length > 0 ? (
        <div className="banner banner--error">
          <div>{t('form.fixErrors', { count: summary.length })}</div>
          <ul className="issue-summary">
            {summary.map((i: ValidationIssue, n) => (
              <li key={n}>
                <a
                  href={`#field-${i.field}`}
                  onClick={(e) => {
                    e.preventDefault();
                    document.getElementById(`field-${i.field}`)?.focus();
                  }}
                >
                  {i.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {confirmClear ? (
        <div
          className="banner banner--warning"
          role="alertdialog"
          aria-labelledby="confirm-clear-text"
        >
          <div id="confirm-clear-text">{t('form.confirmClear')}</div>
          <div className="banner__actions">
            <button type="button" className="btn" autoFocus onClick={() => setConfirmClear(false)}>
              {t('form.keepEditing')} <Kbd keys="Esc" />
            </button>
            <button type="button" className="btn btn--danger" onClick={reset}>
              {t('form.clear')}
            </button>
          </div>
        </div>
      ) : null}

      <form ref={formRef} className="resident-form" onSubmit={onSubmit} noValidate>
        <fieldset className="card form-section">
          <legend>{t('form.sectionIdentity')}</legend>
          <div className="grid">
            {number16('nik', 'NIK', t('form.nikHint'))}
            {number16('kk', t('form.kk'), t('form.kkHint'))}
            {text('name', t('form.name'), { maxLength: 120, wide: true })}
            {text('birthPlace', t('form.birthPlace'), { maxLength: 80 })}
            <Field
              id="field-birthDate"
              label={t('form.birthDate')}
              testKey="birthDate"
              hint={t('form.birthDateHint')}
              errors={errorsFor('birthDate')}
              warnings={warningsFor('birthDate')}
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
                  value={form.birthDateText}
                  onChange={(e) => {
                    const v = formatDateInput(e.target.value);
                    update({ birthDateText: v }, ['birthDate']);
                    if (v.length === 10) touch('birthDate');
                  }}
                  onBlur={() => touchIfFilled('birthDate', form.birthDateText)}
                />
              )}
            </Field>
            {select('sex', t('form.sex'), SEXES, (v) => t(`sex.${v}`))}
            {select('bloodType', t('form.bloodType'), BLOOD_TYPES, (v) =>
              v === '-' ? t('form.bloodUnknown') : v,
            )}
          </div>
        </fieldset>

        <fieldset className="card form-section">
          <legend>{t('form.sectionAddress')}</legend>
          <div className="grid">
            {text('address', t('form.address'), { maxLength: 200, wide: true })}
            <div className="pair">
              {(['rt', 'rw'] as const).map((key) => (
                <Field
                  key={key}
                  id={`field-${key}`}
                  label={key.toUpperCase()}
                  testKey={key}
                  errors={errorsFor(key)}
                  warnings={warningsFor(key)}
                >
                  {(aria) => (
                    <input
                      {...aria}
                      data-testid={`field-${key}`}
                      className="mono"
                      inputMode="numeric"
                      maxLength={3}
                      autoComplete="off"
                      value={form[key]}
                      onChange={(e) => update({ [key]: e.target.value.replace(/\s/g, '') }, [key])}
                      onBlur={() => {
                        // RT/RW are written with three digits on the card: 3 → 003.
                        if (/^\d{1,2}$/.test(form[key]))
                          setForm((f) => ({ ...f, [key]: f[key].padStart(3, '0') }));
                        touchIfFilled(key, form[key]);
                      }}
                    />
                  )}
                </Field>
              ))}
            </div>
            <RegionField id="field-province" label={t('region.province')}>
              {(aria) =>
                region(
                  'province',
                  aria,
                  regionOptions(provinces.regions),
                  provinces.loading,
                  t('region.chooseProvince'),
                )
              }
            </RegionField>
            <RegionField id="field-regency" label={t('region.regency')}>
              {(aria) =>
                region(
                  'regency',
                  aria,
                  regionOptions(regencies.regions),
                  regencies.loading,
                  t('region.chooseRegency'),
                )
              }
            </RegionField>
            <RegionField id="field-district" label={t('region.district')}>
              {(aria) =>
                region(
                  'district',
                  aria,
                  regionOptions(districts.regions),
                  districts.loading,
                  t('region.chooseDistrict'),
                )
              }
            </RegionField>
            <Field
              id="field-villageCode"
              label={t('region.village')}
              testKey="villageCode"
              errors={villageErrors}
              warnings={warningsFor('villageCode')}
            >
              {(aria) =>
                region(
                  'villageCode',
                  aria,
                  regionOptions(villages.regions),
                  villages.loading,
                  t('region.chooseVillage'),
                )
              }
            </Field>
          </div>
        </fieldset>

        <fieldset className="card form-section">
          <legend>{t('form.sectionOther')}</legend>
          <div className="grid">
            {select('religion', t('form.religion'), RELIGIONS)}
            {select('maritalStatus', t('form.maritalStatus'), MARITAL_STATUSES)}
            <Field
              id="field-occupation"
              label={t('form.occupation')}
              testKey="occupation"
              hint={t('form.occupationHint')}
              errors={errorsFor('occupation')}
              warnings={warningsFor('occupation')}
              className="span-2"
            >
              {(aria) => (
                <FilterSelect
                  aria={aria}
                  testId="field-occupation"
                  options={OCCUPATION_OPTIONS}
                  value={form.occupation}
                  placeholder={t('form.choose')}
                  onBlur={() => touchIfFilled('occupation', form.occupation)}
                  onChange={(v) => {
                    update({ occupation: v as FormState['occupation'] }, ['occupation']);
                    touch('occupation');
                  }}
                />
              )}
            </Field>
            {select('citizenship', t('form.citizenship'), CITIZENSHIPS)}
            <div className="field">
              <label htmlFor="field-validUntil" className="field__label">
                {t('form.validUntil')}
              </label>
              <input
                id="field-validUntil"
                data-testid="field-validUntil"
                readOnly
                tabIndex={-1}
                className="readonly"
                value={form.citizenship === 'WNI' ? VALID_FOR_LIFE : t('form.validUntilWna')}
              />
            </div>
          </div>
        </fieldset>

        <div className="form-actions">
          {saved ? (
            <div className="save-note save-note--ok" role="status" data-testid="save-ok">
              <span>
                ✓ {t('form.savedTitle')} — {saved.name} · {formatTime(saved.at, currentLocale())}
              </span>
              <span className="save-note__actions">
                <button type="button" className="btn btn--small" onClick={onShowToday}>
                  {t('nav.today')} <Kbd keys="Alt+H" />
                </button>
                <button
                  type="button"
                  className={`btn btn--small${onContinue ? '' : ' btn--primary'}`}
                  ref={onContinue ? undefined : newButtonRef}
                  onClick={reset}
                >
                  {t('form.newRecording')} <Kbd keys="Alt+N" />
                </button>
                {onContinue ? (
                  <button
                    type="button"
                    className="btn btn--small btn--primary"
                    data-testid="continue-photo"
                    ref={newButtonRef}
                    onClick={onContinue}
                  >
                    {t('recording.continuePhoto')} <Kbd keys="Enter" />
                  </button>
                ) : null}
              </span>
            </div>
          ) : banner?.kind === 'error' ? (
            <div className="save-note save-note--error" role="alert">
              {banner.text}
            </div>
          ) : (
            <p id="form-keys" className="muted small">
              {t('form.keys')}
            </p>
          )}
          <button
            type="submit"
            className="btn btn--primary btn--large"
            data-testid="save-draft"
            disabled={busy}
          >
            {busy ? t('common.working') : t('form.saveDraft')} <Kbd keys="Ctrl+S" />
          </button>
        </div>
      </form>
    </section>
  );
}

/** The cascade levels above the village are not record fields, so they carry no messages. */
function RegionField({
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
