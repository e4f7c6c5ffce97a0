import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, useState } from 'react';
import type { Dispatch, RefObject, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import type { Recording } from '../../../../src-main/api/contract';
import type { ResidentData, ValidationIssue } from '../../../../src-main/domain/resident';
import { useApp } from '../../../app/app-context';
import { call } from '../../../app/station-client';
import { useRegionChildren } from '../../../app/use-regions';
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

export type FieldKey = keyof ResidentData;
type Saved = { id: string; name: string; at: string };

/** What a field needs of the form: its value, its messages, and how to change it. */
export interface FormBinding {
  form: FormState;
  setForm: Dispatch<SetStateAction<FormState>>;
  /** A change by the operator: marks the form dirty and clears the fields' server messages. */
  update(patch: Partial<FormState>, fields: FieldKey[]): void;
  touch(field: string): void;
  /** Leaving an empty field says nothing (focus moves for many reasons); saving reports it. */
  touchIfFilled(field: string, value: string): void;
  errorsFor(field: FieldKey): string[];
  warningsFor(field: FieldKey): string[];
}

// Cached across forms: the answer for a district code never changes while the app runs.
const districtCache = new Map<string, boolean>();

/**
 * The resident form's state: the values, what was touched, the checks (local and the
 * server's), the draft being edited and saving it, and the form's API for the workspace.
 */
export function useResidentForm({
  apiRef,
  onRecordingChange,
  onSnapshot,
}: {
  apiRef: RefObject<ResidentFormApi | null>;
  onRecordingChange?: ((rec: RecordingRef | null) => void) | undefined;
  onSnapshot?: ((s: FormSnapshot) => void) | undefined;
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

  const binding: FormBinding = {
    form,
    setForm,
    update,
    touch,
    touchIfFilled,
    errorsFor,
    warningsFor,
  };
  const summary: ValidationIssue[] = submitted ? issues.filter((i) => i.severity === 'error') : [];
  return {
    binding,
    regions: { provinces, regencies, districts, villages },
    recordingId,
    summary,
    banner,
    saved,
    dirty,
    busy,
    confirmClear,
    setConfirmClear,
    formRef,
    newButtonRef,
    reset,
    requestNew,
    save,
  };
}
