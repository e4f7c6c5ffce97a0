import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import type { PhotoAttempt, PhotoRecord } from '../../../../src-main/api/contract';
import { call } from '../../../app/station-client';
import { acceptBlocks, bestAttempt, MAX_ATTEMPTS, needsForceReason } from './camera';
import type { AcceptBlock } from './camera';
import { useCamera } from './use-camera';

/**
 * The photo step's state: the accepted photo, the attempts and the one chosen, the
 * confirmations, and the station calls (process a frame, accept, start over). Focus moves to
 * the next action after each, so the step runs from the keyboard.
 */
export function usePhotoStep({
  recordingId,
  active,
  onPhotoChange,
}: {
  recordingId: string;
  active: boolean;
  onPhotoChange: (photo: PhotoRecord | null) => void;
}) {
  const [photo, setPhoto] = useState<PhotoRecord | null | undefined>(undefined);
  const [attempts, setAttempts] = useState<PhotoAttempt[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [noGlasses, setNoGlasses] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shownBlocks, setShownBlocks] = useState<AcceptBlock[]>([]);
  /** Retaking after acceptance: the accepted photo stays stored until a new one replaces it. */
  const [retake, setRetake] = useState(false);

  // The workspace keys this step by recording, so a new recording starts from fresh state.
  useEffect(() => {
    let live = true;
    void readPhotoState(recordingId).then((st) => {
      if (!live) return;
      setError(st.error);
      setPhoto(st.photo);
      setAttempts(st.attempts);
      setSelected(bestAttempt(st.attempts)?.id ?? null);
    });
    return () => {
      live = false;
    };
  }, [recordingId]);

  const capturing = photo === null || retake;
  const camera = useCamera(active && capturing);
  const full = attempts.length >= MAX_ATTEMPTS;
  const current = attempts.find((a) => a.id === selected) ?? null;
  const blocks = acceptBlocks(current, noGlasses, reason);

  const onCapture = async (frameBase64: string) => {
    setBusy(true);
    setError(null);
    const r = await call('photo.process', { recordingId, frameBase64 });
    if (!r.ok) {
      setBusy(false);
      setError(r.error.message);
      return;
    }
    const next = [...attempts.filter((a) => a.id !== r.value.id), r.value];
    // Committed at once so focus can move to what was just rendered.
    flushSync(() => {
      setBusy(false);
      setAttempts(next);
      setSelected(r.value.id);
      setShownBlocks([]);
    });
    // Keep the keyboard where the next action is (another capture, or picking among three)
    // and bring the verdict into view: on a 768-pixel screen it sits below the preview.
    // Focus leaves "Ambil foto" for the verdict, so a reflex Space cannot waste an attempt: the
    // no-glasses confirmation first (Space ticks it, Enter accepts), then "Terima".
    const target = noGlasses
      ? document.getElementById('photo-accept')
      : document.getElementById('no-glasses');
    document.getElementById('accept-panel')?.scrollIntoView({ block: 'nearest' });
    target?.focus();
  };

  const accept = async () => {
    if (!current || busy) return;
    if (blocks.length > 0) {
      setShownBlocks(blocks);
      const first = blocks[0] === 'glasses' ? 'no-glasses' : 'force-reason';
      document.getElementById(first)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    const r = await call('photo.accept', {
      recordingId,
      attemptId: current.id,
      noGlassesConfirmed: noGlasses,
      ...(needsForceReason(current.worst) ? { forceReason: reason.trim() } : {}),
    });
    if (!r.ok) {
      setBusy(false);
      setError(r.error.message);
      return;
    }
    flushSync(() => {
      setBusy(false);
      setPhoto(r.value);
      setRetake(false);
      setAttempts([]);
      setSelected(null);
    });
    onPhotoChange(r.value);
    document.getElementById('photo-next')?.focus();
  };

  const redo = async () => {
    setBusy(true);
    setError(null);
    // Leftover attempts (if any) go, so the new series starts at attempt 1 of 3.
    const r = await call('photo.discardAttempts', { recordingId });
    setBusy(false);
    if (!r.ok) {
      setError(r.error.message);
      return;
    }
    setNoGlasses(false);
    setReason('');
    setShownBlocks([]);
    setAttempts([]);
    setSelected(null);
    setRetake(true);
  };

  return {
    photo,
    attempts,
    selected,
    setSelected,
    noGlasses,
    setNoGlasses,
    reason,
    setReason,
    busy,
    error,
    shownBlocks,
    setShownBlocks,
    setRetake,
    retake,
    camera,
    full,
    current,
    onCapture,
    accept,
    redo,
  };
}

interface PhotoState {
  photo: PhotoRecord | null;
  attempts: PhotoAttempt[];
  error: string | null;
}

/** The accepted photo (if any) and the attempts so far, as the station has them. */
async function readPhotoState(recordingId: string): Promise<PhotoState> {
  const [p, a] = await Promise.all([
    call('photo.get', { recordingId }),
    call('photo.attempts', { recordingId }),
  ]);
  return {
    photo: p.ok ? p.value : null,
    attempts: a.ok ? a.value : [],
    error: !p.ok ? p.error.message : !a.ok ? a.error.message : null,
  };
}
