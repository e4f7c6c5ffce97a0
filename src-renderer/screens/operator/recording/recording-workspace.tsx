import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { maskNik } from '../../../../src-main/domain/nik';
import type { DeskDraft } from '../../../../src-main/api/contract-desk';
import { registerDeskWork } from '../../../app/desk-work';
import { call } from '../../../app/station-client';
import { Kbd } from '../../../components/kbd';
import { FingerprintStep } from '../fingerprints/fingerprint-step';
import { ResidentForm } from '../new-recording/resident-form';
import type { FormSnapshot, RecordingRef, ResidentFormApi } from '../new-recording/resident-form';
import { PhotoStep } from '../photo/photo-step';
import { ReviewStep } from '../review/review-step';
import { SignatureStep } from '../signature/signature-step';
import { STEPS, firstOpenStep, stepForKey } from './steps';
import type { StepId, StepStatus } from './steps';
import { ResumeOffer, focusFirstAction } from './resume-offer';
import './recording.css';

/** Typing pauses this long before the desk draft is written. */
const DRAFT_DEBOUNCE_MS = 600;

export interface RecordingWorkspaceApi {
  /** Alt+N / "Perekaman baru": back to an empty form (asks first if unsaved). */
  requestNew(): void;
  /** "Buka" in Hari ini: the draft, on its first step still to do. */
  open(id: string): Promise<void>;
  /** A called queue card: a new draft pre-filled from it, linked to the card once saved. */
  startFromCard(cardId: string, prefill: { nik: string; name: string; address: string }): void;
}

const NO_STATUS: StepStatus = {
  data: false,
  photo: false,
  fingerprint: false,
  signature: false,
  review: false,
};

async function readStatus(id: string): Promise<StepStatus> {
  const [photo, fingers, rec, sig] = await Promise.all([
    call('photo.get', { recordingId: id }),
    call('fingerprint.list', { recordingId: id }),
    call('recordings.get', { id }),
    call('signature.get', { recordingId: id }),
  ]);
  return {
    data: true,
    photo: photo.ok && photo.value !== null,
    fingerprint: fingers.ok && fingers.value.complete,
    signature: sig.ok && sig.value !== null,
    review: rec.ok && rec.value.status !== 'draft',
  };
}

/**
 * One resident's recording: a step bar (Data, Foto, Sidik jari, Alt+1/2/3) under a header that
 * keeps the resident's name and masked NIK in sight. The resident form stays mounted while
 * other steps are shown, so unsaved edits survive a look at the photo.
 */
export function RecordingWorkspace({
  apiRef,
  active,
  onShowToday,
}: {
  apiRef: RefObject<RecordingWorkspaceApi | null>;
  active: boolean;
  onShowToday: () => void;
}) {
  const { t } = useTranslation();
  const formApi = useRef<ResidentFormApi | null>(null);
  const [rec, setRec] = useState<RecordingRef | null>(null);
  const [chosenStep, setStep] = useState<StepId>('data');
  const [known, setKnown] = useState<{ id: string; status: StepStatus } | null>(null);
  const stageRef = useRef<HTMLDivElement | null>(null);
  // The queue card being served: the first draft saved for it is linked to the card.
  const cardRef = useRef<string | null>(null);
  const onRecordingChange = useCallback((r: RecordingRef | null) => {
    setRec(r);
    const cardId = cardRef.current;
    if (r && cardId) {
      cardRef.current = null;
      void call('queue.linkRecording', { id: cardId, recordingId: r.id });
    }
  }, []);
  const recId = rec?.id ?? null;
  // Without a saved draft only Data exists; statuses belong to the recording they were read for.
  const step: StepId = recId ? chosenStep : 'data';
  const status = known && known.id === recId ? known.status : NO_STATUS;
  const setStatus = useCallback((id: string, s: StepStatus) => setKnown({ id, status: s }), []);
  const sealed = status.review;

  useEffect(() => {
    if (!recId) return;
    let live = true;
    void readStatus(recId).then((s) => {
      if (live) setStatus(recId, s);
    });
    return () => {
      live = false;
    };
  }, [recId, setStatus]);

  const go = useCallback((s: StepId) => {
    setStep(s);
    // The keyboard follows the operator to the step just opened: its first action once it is
    // there and enabled (the camera and the pad take a moment), the step itself until then.
    setTimeout(() => {
      if (s === 'data') {
        document.getElementById('field-nik')?.focus();
        return;
      }
      focusFirstAction(() => stageRef.current);
    }, 0);
  }, []);

  // ---- the desk draft: saved as typed, offered back after a reload, restart or crash --------
  const snapRef = useRef<FormSnapshot | null>(null);
  const stepRef = useRef<StepId>('data');
  const sealedRef = useRef(false);
  /** Until the stored draft was offered (and answered), nothing may overwrite it. */
  const [resume, setResume] = useState<DeskDraft | null | undefined>(undefined);
  const timerRef = useRef<ReturnType<typeof setTimeout> | null>(null);
  const resumeRef = useRef<DeskDraft | null | undefined>(undefined);
  const saveNow = useCallback(async () => {
    if (timerRef.current) clearTimeout(timerRef.current);
    timerRef.current = null;
    const cur = snapRef.current;
    if (resumeRef.current !== null || !cur) return;
    if (cur.blank || sealedRef.current) {
      await call('desk.clearDraft', {});
      return;
    }
    await call('desk.saveDraft', {
      recordingId: cur.recordingId,
      step: cur.recordingId ? stepRef.current : 'data',
      name: cur.name.slice(0, 120),
      form: cur.form,
    });
  }, []);
  const scheduleSaveRef = useRef(() => {});
  // What the callbacks above read; kept current after every render.
  useLayoutEffect(() => {
    stepRef.current = step;
    sealedRef.current = sealed;
    resumeRef.current = resume;
    scheduleSaveRef.current = () => {
      if (timerRef.current) clearTimeout(timerRef.current);
      timerRef.current = setTimeout(() => void saveNow(), DRAFT_DEBOUNCE_MS);
    };
  });
  const onSnapshot = useCallback((s: FormSnapshot) => {
    snapRef.current = s;
    scheduleSaveRef.current();
  }, []);

  useEffect(() => {
    let live = true;
    void call('desk.draft', {}).then((r) => {
      if (!live) return;
      const d = r.ok ? r.value : null;
      setResume(d && (d.recordingId || Object.values(d.form).some((v) => v.trim())) ? d : null);
    });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    registerDeskWork({
      inProgress: () => {
        const cur = snapRef.current;
        if (!cur || cur.blank || sealedRef.current) return null;
        return cur.name;
      },
      flush: saveNow,
    });
    return () => registerDeskWork(null);
  }, [saveNow]);

  // Locked or away from the desk's screen: write what is there now, not after the debounce.
  useEffect(() => {
    if (!active) void saveNow();
  }, [active, saveNow]);

  useEffect(() => scheduleSaveRef.current(), [step]);

  // Typed while the stored draft was still being looked up (a slow start): those saves were
  // held back, so write what is there now that nothing is left to offer.
  useEffect(() => {
    if (resume === null && snapRef.current && !snapRef.current.blank) scheduleSaveRef.current();
  }, [resume]);

  // Sealed: nothing left in progress.
  useEffect(() => {
    if (sealed) void saveNow();
  }, [sealed, saveNow]);

  const continueDraft = async (d: DeskDraft) => {
    setResume(null);
    await formApi.current?.restore({ form: d.form, recordingId: d.recordingId });
    if (d.recordingId) {
      const s = await readStatus(d.recordingId);
      setStatus(d.recordingId, s);
      go(d.step === 'data' ? 'data' : d.step);
    } else {
      setTimeout(() => document.getElementById('field-nik')?.focus(), 0);
    }
  };
  const dropDraft = () => {
    setResume(null);
    void call('desk.clearDraft', {});
    setTimeout(() => document.getElementById('field-nik')?.focus(), 0);
  };

  useImperativeHandle(
    apiRef,
    () => ({
      requestNew() {
        setStep('data');
        formApi.current?.requestNew();
      },
      async open(id: string) {
        setStep('data');
        const opened = (await formApi.current?.open(id)) ?? false;
        if (!opened) return;
        const s = await readStatus(id);
        setStatus(id, s);
        go(firstOpenStep(s));
      },
      startFromCard(cardId, prefill) {
        setStep('data');
        formApi.current?.prefill(prefill);
        cardRef.current = cardId;
      },
    }),
    [go, setStatus],
  );

  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const s = stepForKey(e.code);
      // Photo and fingerprints belong to a saved draft; before that only Data is open.
      if (!s || (s !== 'data' && !recId) || (sealed && s !== 'review')) return;
      e.preventDefault();
      go(s);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, recId, go, sealed]);

  const done = { ...status, data: recId !== null };

  return (
    <div className="workspace">
      <header className="workspace__head" data-testid="workspace-head">
        {rec ? (
          <p className="workspace__who">
            <span className="workspace__name" data-testid="workspace-name">
              {rec.name}
            </span>
            <span className="workspace__nik mono" data-testid="workspace-nik">
              NIK {maskNik(rec.nik)}
            </span>
          </p>
        ) : (
          <div className="workspace__who workspace__who--new">
            <span>{t('recording.newResident')}</span>
            <span id="step-locked-hint" className="muted small workspace__hint">
              {t('recording.saveFirst')}
            </span>
          </div>
        )}
        <nav className="stepbar" aria-label={t('recording.steps')}>
          <ol>
            {STEPS.map((s, i) => {
              // A sealed recording cannot change: only its receipt (review) stays open.
              const locked = (s !== 'data' && !recId) || (sealed && s !== 'review');
              return (
                <li key={s}>
                  <button
                    type="button"
                    className={`step${step === s ? ' step--current' : ''}${done[s] ? ' step--done' : ''}`}
                    data-testid={`step-${s}`}
                    data-done={done[s]}
                    aria-current={step === s ? 'step' : undefined}
                    aria-keyshortcuts={`Alt+${i + 1}`}
                    aria-describedby={locked ? 'step-locked-hint' : undefined}
                    disabled={locked}
                    onClick={() => go(s)}
                  >
                    <span className="step__no" aria-hidden="true">
                      {done[s] ? '✓' : i + 1}
                    </span>
                    <span className="step__text">
                      <span className="step__label">{t(`recording.step.${s}`)}</span>
                      <span className="step__state">
                        {done[s] ? t('recording.done') : t('recording.todo')}
                      </span>
                    </span>
                    <Kbd keys={`Alt+${i + 1}`} />
                  </button>
                </li>
              );
            })}
          </ol>
        </nav>
      </header>

      {resume ? (
        <ResumeOffer
          draft={resume}
          onContinue={() => void continueDraft(resume)}
          onDrop={dropDraft}
        />
      ) : null}
      <div hidden={step !== 'data'}>
        <ResidentForm
          apiRef={formApi}
          active={active && step === 'data' && !resume}
          onShowToday={onShowToday}
          onRecordingChange={onRecordingChange}
          onContinue={() => go('photo')}
          onSnapshot={onSnapshot}
        />
      </div>
      {step !== 'data' && recId ? (
        <div
          className="workspace__stage"
          ref={stageRef}
          tabIndex={-1}
          aria-label={t(`recording.step.${step}`)}
        >
          {step === 'photo' ? (
            <PhotoStep
              recordingId={recId}
              active={active}
              key={recId}
              onPhotoChange={(p) => setStatus(recId, { ...status, photo: p !== null })}
              onNext={() => go('fingerprint')}
            />
          ) : step === 'signature' ? (
            <SignatureStep
              recordingId={recId}
              key={recId}
              onChange={(done) => setStatus(recId, { ...status, signature: done })}
              onNext={() => go('review')}
            />
          ) : step === 'review' ? (
            <ReviewStep
              recordingId={recId}
              key={recId}
              onGoTo={go}
              onSealed={() => setStatus(recId, { ...status, review: true })}
              onNext={() => {
                setStep('data');
                formApi.current?.requestNew();
              }}
            />
          ) : (
            <FingerprintStep
              recordingId={recId}
              key={recId}
              onComplete={() => void readStatus(recId).then((s) => setStatus(recId, s))}
              onNext={() => go('signature')}
            />
          )}
        </div>
      ) : null}
    </div>
  );
}
