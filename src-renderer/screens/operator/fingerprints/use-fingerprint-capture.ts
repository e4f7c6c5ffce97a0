import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  FingerCaptureResult,
  FingerException,
  FingerprintDeviceInfo,
  FingerprintProgress,
  FingerprintSet,
} from '../../../../src-main/api/contract';
import { fingerName } from '../../../../src-main/domain/fingers';
import { call, onEvent } from '../../../app/station-client';
import { currentLocale } from '../../../i18n';
import { enterAction, fingerOf, nextOpenFinger, nextToAsk } from './fingerprint-model';

export const SPEAK_KEY = 'rekam.fingerprint.speak';
export const SIM_QUALITIES = ['clear', 'smudged', 'partial', 'dry'] as const;

function speak(text: string, on: boolean): void {
  if (!on || typeof speechSynthesis === 'undefined') return;
  try {
    speechSynthesis.cancel();
    const u = new SpeechSynthesisUtterance(text);
    u.lang = currentLocale() === 'en' ? 'en-US' : 'id-ID';
    speechSynthesis.speak(u);
  } catch {
    // No voice installed: the written prompt is the main channel anyway.
  }
}

/**
 * The fingerprint step's state and the capture loop: which finger is asked for, the scanner's
 * progress, each capture's outcome (retry, duplicate, accepted), the automatic ask for the
 * next finger once an image is in the module, exceptions, and the step's keys (Enter = capture
 * / next / finish, U = retake the previous finger, Esc = cancel).
 */
export function useFingerprintCapture({
  recordingId,
  onComplete,
  onNext,
}: {
  recordingId: string;
  onComplete: () => void;
  onNext: () => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [set, setSet] = useState<FingerprintSet | null>(null);
  const [finger, setFinger] = useState<number>(1);
  /** The finger whose capture waits for the resident (at most one). */
  const [waiting, setWaiting] = useState<number | null>(null);
  /** The finger whose image is on its way from the module (shown apart from the prompt). */
  const [transfer, setTransfer] = useState<FingerprintProgress | null>(null);
  const [progress, setProgress] = useState<FingerprintProgress | null>(null);
  const [result, setResult] = useState<FingerCaptureResult | null>(null);
  /** The last finger taken before the current one: shown small, U retakes it. */
  const [previous, setPrevious] = useState<FingerCaptureResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [device, setDevice] = useState<FingerprintDeviceInfo | null>(null);
  const [exceptionOpen, setExceptionOpen] = useState(false);
  const [kind, setKind] = useState<FingerException>('missing');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [finishTried, setFinishTried] = useState(false);
  const [speakOn, setSpeakOn] = useState(() => localStorage.getItem(SPEAK_KEY) === '1');
  const [simQuality, setSimQuality] = useState<(typeof SIM_QUALITIES)[number]>('clear');
  const wasComplete = useRef<boolean | null>(null);
  const primaryRef = useRef<HTMLButtonElement | null>(null);
  const finishRef = useRef<HTMLButtonElement | null>(null);
  // Event handlers and the capture loop read the latest values through these.
  const setRef = useRef<FingerprintSet | null>(null);
  const fingerRef = useRef(finger);
  const underWay = useRef(new Set<number>());
  /** Prompt shown → the finger whose image let it be asked for (auto-advance). */
  const askedAfter = useRef(new Map<number, number>());
  const capturing = waiting !== null;

  const refreshDevice = useCallback(async () => {
    const r = await call('fingerprint.device', {});
    if (r.ok) setDevice(r.value);
  }, []);

  const applySet = useCallback(
    (s: FingerprintSet) => {
      setSet(s);
      setRef.current = s;
      if (wasComplete.current === false && s.complete) onComplete();
      wasComplete.current = s.complete;
    },
    [onComplete],
  );

  useEffect(() => {
    let live = true;
    void call('fingerprint.list', { recordingId }).then((r) => {
      if (!live) return;
      if (!r.ok) return setError(r.error.message);
      applySet(r.value);
      const first = nextOpenFinger(r.value) ?? 1;
      setFinger(first);
      fingerRef.current = first;
    });
    void refreshDevice();
    return () => {
      live = false;
    };
    // applySet changes with onComplete; the list is read once per recording.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [recordingId, refreshDevice]);

  useEffect(() => onEvent('status', () => void refreshDevice()), [refreshDevice]);

  // Ten fingers done and nothing under way: Enter (the focused button) moves on.
  const complete = set?.complete ?? false;
  useEffect(() => {
    if (complete && waiting === null) finishRef.current?.focus();
  }, [complete, waiting]);

  const current = set ? fingerOf(set, finger) : undefined;
  const name = fingerName(finger, locale);

  const select = useCallback((f: number) => {
    setFinger(f);
    fingerRef.current = f;
    setResult((r) => (r && r.attempt.finger === f ? r : null));
    setError(null);
    setProgress(null);
    setExceptionOpen(false);
  }, []);

  /** The operator's own choice of finger (tile, hand diagram): no automatic jump away from it. */
  const pick = useCallback(
    (f: number) => {
      askedAfter.current.delete(f);
      select(f);
    },
    [select],
  );

  /** Back to a finger that needs the operator (low quality, duplicate, error). */
  const backTo = useCallback(
    (f: number) => {
      for (const other of underWay.current) {
        // The next finger's prompt is withdrawn; one already in the module finishes.
        if (other !== f) void call('fingerprint.cancel', { finger: other });
      }
      select(f);
      setTimeout(() => primaryRef.current?.focus(), 0);
    },
    [select],
  );

  const startCapture = useCallback(
    async (f: number) => {
      if (underWay.current.has(f)) return;
      underWay.current.add(f);
      setWaiting(f);
      setError(null);
      setResult((r) => (r && r.attempt.finger === f ? null : r));
      let r = await call('fingerprint.capture', { recordingId, finger: f });
      if (!r.ok && r.error.code === 'CONFLICT') {
        // A withdrawn prompt may not have left the scanner yet: ask once more.
        await new Promise((ok) => setTimeout(ok, 150));
        r = await call('fingerprint.capture', { recordingId, finger: f });
      }
      underWay.current.delete(f);
      setWaiting((w) => (w === f ? null : w));
      setTransfer((x) => (x?.finger === f ? null : x));
      if (!r.ok) {
        // A cancel is the operator's own choice (or a withdrawn prompt); nothing to say.
        if (r.error.code === 'CANCELLED') return;
        const now = fingerRef.current;
        if (now === f || askedAfter.current.get(now) === f) backTo(f);
        setError(r.error.message);
        return;
      }
      applySet(r.value.set);
      if (r.value.outcome === 'retry' || r.value.duplicateOf !== null) {
        // Back to it if the operator is still on it or on the prompt it led to; otherwise it
        // stays open and is asked for again when the round comes back to it.
        const now = fingerRef.current;
        if (now === f || askedAfter.current.get(now) === f) {
          backTo(f);
          setResult(r.value);
        } else {
          setPrevious(r.value);
        }
        return;
      }
      if (fingerRef.current === f) {
        setResult(r.value);
        setProgress(null);
        if (!r.value.set.complete) setTimeout(() => primaryRef.current?.focus(), 0);
      } else {
        setPrevious(r.value);
      }
    },
    [recordingId, applySet, backTo],
  );

  useEffect(
    () =>
      onEvent('fingerprint.progress', (p) => {
        if (p.recordingId !== recordingId) return;
        if (p.phase === 'uploading' || p.phase === 'image-ready') {
          setTransfer(p);
          return;
        }
        if (p.finger === fingerRef.current) setProgress(p);
        if (p.phase === 'waiting-finger') speak(p.message, speakOn);
        if (p.phase !== 'lift') return;
        setTransfer(p);
        setWaiting((w) => (w === p.finger ? null : w));
        // The image is in the module: ask for the next finger now; it is captured as soon as
        // the module has sent this one. A poor image brings the operator back here.
        const s = setRef.current;
        if (!s || p.finger !== fingerRef.current) return;
        const n = nextToAsk(s, p.finger, underWay.current);
        if (n === null) return;
        askedAfter.current.set(n, p.finger);
        select(n);
        void startCapture(n);
      }),
    [recordingId, speakOn, select, startCapture],
  );

  const cancel = useCallback(() => void call('fingerprint.cancel', {}), []);

  const goNext = useCallback(() => {
    if (!set) return;
    const n = nextOpenFinger(set, finger);
    if (n !== null) select(n);
  }, [set, finger, select]);

  const clear = useCallback(
    async (f: number) => {
      const r = await call('fingerprint.clear', { recordingId, finger: f });
      if (!r.ok) return setError(r.error.message);
      applySet(r.value);
      select(f);
    },
    [recordingId, applySet, select],
  );

  /** U: the finger just taken is taken again (the prompt for the next one is withdrawn). */
  const retake = useCallback(async () => {
    const f = previous?.attempt.finger;
    if (f === undefined || underWay.current.has(f)) return;
    const w = [...underWay.current];
    await Promise.all(w.map((other) => call('fingerprint.cancel', { finger: other })));
    const r = await call('fingerprint.clear', { recordingId, finger: f });
    if (!r.ok) return setError(r.error.message);
    applySet(r.value);
    setPrevious(null);
    select(f);
    void startCapture(f);
  }, [previous, recordingId, applySet, select, startCapture]);

  const saveException = useCallback(async () => {
    if (reason.trim().length < 3) {
      setReasonError(t('fingerprint.exception.reasonRequired'));
      return;
    }
    const r = await call('fingerprint.setException', {
      recordingId,
      finger,
      kind,
      reason: reason.trim(),
    });
    if (!r.ok) return setReasonError(r.error.message);
    applySet(r.value);
    setExceptionOpen(false);
    setReason('');
    setReasonError(null);
    const n = nextOpenFinger(r.value, finger);
    if (n !== null) select(n);
  }, [reason, recordingId, finger, kind, applySet, select, t]);

  const finish = useCallback(() => {
    setFinishTried(true);
    if (set?.complete) onNext();
  }, [set, onNext]);

  // Enter = capture / next / finish; U = retake the previous finger; Esc = cancel (or close
  // the exception form).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!set || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target as HTMLElement | null;
      const inField = target?.closest('textarea, input, select, button');
      if (e.key === 'Escape') {
        if (capturing) {
          e.preventDefault();
          cancel();
        } else if (exceptionOpen) {
          e.preventDefault();
          setExceptionOpen(false);
        }
        return;
      }
      if ((e.key === 'u' || e.key === 'U') && !target?.closest('textarea, input, select')) {
        if (exceptionOpen || !previous) return;
        e.preventDefault();
        void retake();
        return;
      }
      if (e.key !== 'Enter' || inField || exceptionOpen) return;
      const action = enterAction(set, finger, capturing || underWay.current.has(finger));
      if (action === 'none') return;
      e.preventDefault();
      if (action === 'capture') void startCapture(finger);
      else if (action === 'next') goNext();
      else finish();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [
    set,
    finger,
    capturing,
    exceptionOpen,
    previous,
    startCapture,
    cancel,
    goNext,
    finish,
    retake,
  ]);

  /** What Enter does now (the primary button shows the same). */
  const action = set ? enterAction(set, finger, capturing || underWay.current.has(finger)) : 'none';
  return {
    locale,
    set,
    finger,
    current,
    name,
    waiting,
    capturing,
    transfer,
    progress,
    result,
    previous,
    error,
    device,
    action,
    exception: {
      open: exceptionOpen,
      setOpen: setExceptionOpen,
      kind,
      setKind,
      reason,
      setReason,
      reasonError,
      setReasonError,
      save: saveException,
    },
    finishTried,
    speakOn,
    setSpeakOn,
    simQuality,
    setSimQuality,
    primaryRef,
    finishRef,
    pick,
    startCapture,
    cancel,
    goNext,
    clear,
    retake,
    finish,
  };
}
