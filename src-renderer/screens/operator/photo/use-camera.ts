import { useCallback, useEffect, useState } from 'react';
import type { CameraPref } from '../../../../src-main/api/contract';
import { call } from '../../../app/station-client';
import {
  classifyCameraError,
  pickCamera,
  videoConstraints,
  videoInputs,
} from '../../../components/camera-device';
import type { CameraDevice, CameraErrorKind } from '../../../components/camera-device';

export type CameraState =
  | { phase: 'off' }
  | { phase: 'starting' }
  | { phase: 'live'; stream: MediaStream; deviceId: string; label: string }
  | { phase: 'error'; kind: CameraErrorKind };

export interface CameraControl {
  state: CameraState;
  cameras: CameraDevice[];
  /** The remembered camera when it was not found and another one is in use. */
  missingPref: CameraPref | null;
  choose(camera: CameraDevice): void;
  retry(): void;
}

/**
 * Opens the station's webcam while `enabled`, and closes it when the step is left (the light
 * goes off, and another app may use it). Every failure ends in an error state the screen can
 * explain — never a preview that silently froze.
 */
export function useCamera(enabled: boolean): CameraControl {
  const [state, setState] = useState<CameraState>({ phase: 'off' });
  const [cameras, setCameras] = useState<CameraDevice[]>([]);
  const [missingPref, setMissingPref] = useState<CameraPref | null>(null);
  const [chosen, setChosen] = useState<CameraDevice | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!enabled) {
      setState({ phase: 'off' });
      return;
    }
    let live = true;
    let stream: MediaStream | null = null;
    setState({ phase: 'starting' });
    void (async () => {
      const media = navigator.mediaDevices as MediaDevices | undefined;
      if (!media?.getUserMedia) {
        setState({ phase: 'error', kind: 'unsupported' });
        return;
      }
      try {
        let pref: CameraPref | null = null;
        if (!chosen) {
          const r = await call('prefs.camera', {});
          pref = r.ok ? r.value : null;
        }
        const before = videoInputs(await media.enumerateDevices());
        const pick = chosen
          ? { camera: before.find((c) => c.deviceId === chosen.deviceId) ?? null, fallback: false }
          : pickCamera(before, pref);
        let s: MediaStream;
        try {
          s = await media.getUserMedia({
            video: videoConstraints(pick.camera?.deviceId ?? null),
            audio: false,
          });
        } catch (err) {
          // The chosen camera vanished between listing and opening: take any camera instead.
          if (!pick.camera || classifyCameraError(err) !== 'overconstrained') throw err;
          s = await media.getUserMedia({ video: videoConstraints(null), audio: false });
        }
        if (!live) {
          stopAll(s);
          return;
        }
        stream = s;
        const track = s.getVideoTracks()[0];
        if (!track) throw Object.assign(new Error('no video track'), { name: 'NotFoundError' });
        track.addEventListener('ended', () => {
          if (live) setState({ phase: 'error', kind: 'unplugged' });
        });
        const after = videoInputs(await media.enumerateDevices());
        if (!live) return;
        const deviceId = track.getSettings().deviceId ?? '';
        const label = after.find((c) => c.deviceId === deviceId)?.label ?? track.label;
        setCameras(after);
        setMissingPref(pref && pref.deviceId !== deviceId && pref.label !== label ? pref : null);
        setState({ phase: 'live', stream: s, deviceId, label });
      } catch (err) {
        if (live) setState({ phase: 'error', kind: classifyCameraError(err) });
      }
    })();
    return () => {
      live = false;
      if (stream) stopAll(stream);
    };
  }, [enabled, chosen, generation]);

  // A camera plugged in (or out) while the step is open: refresh the list, and try again at
  // once if the screen was saying that no camera is attached.
  const notFound = state.phase === 'error' && state.kind === 'not-found';
  useEffect(() => {
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (!enabled || !media?.addEventListener) return;
    const onChange = () => {
      void media.enumerateDevices().then((d) => {
        const list = videoInputs(d);
        setCameras(list);
        if (notFound && list.length > 0) setGeneration((n) => n + 1);
      });
    };
    media.addEventListener('devicechange', onChange);
    return () => media.removeEventListener('devicechange', onChange);
  }, [enabled, notFound]);

  // The status bar's camera state comes from what this step actually sees.
  useEffect(() => {
    if (state.phase === 'live') {
      const settings = state.stream.getVideoTracks()[0]?.getSettings() ?? {};
      void call('devices.reportCamera', {
        state: 'connected',
        label: state.label.slice(0, 256),
        width: settings.width ?? 0,
        height: settings.height ?? 0,
        frameRate: Math.min(1000, Math.max(0, settings.frameRate ?? 0)),
      });
    } else if (state.phase === 'error') {
      void call('devices.reportCamera', {
        state: state.kind === 'not-found' ? 'missing' : 'error',
        label: '',
        width: 0,
        height: 0,
        frameRate: 0,
        message: state.kind,
      });
    }
  }, [state]);

  const choose = useCallback((camera: CameraDevice) => {
    setChosen(camera);
    void call('prefs.setCamera', { deviceId: camera.deviceId, label: camera.label.slice(0, 256) });
  }, []);
  const retry = useCallback(() => {
    setChosen(null);
    setGeneration((n) => n + 1);
  }, []);

  return { state, cameras, missingPref, choose, retry };
}

function stopAll(s: MediaStream): void {
  for (const t of s.getTracks()) t.stop();
}

/** The current video frame at the camera's native size, as base64 JPEG (quality 0.92). */
export async function grabFrame(video: HTMLVideoElement): Promise<string> {
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const g = canvas.getContext('2d');
  if (!g || canvas.width === 0) throw new Error('no frame');
  g.drawImage(video, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) =>
    canvas.toBlob(resolve, 'image/jpeg', 0.92),
  );
  if (!blob) throw new Error('no frame');
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
  return dataUrl.slice(dataUrl.indexOf(',') + 1);
}
