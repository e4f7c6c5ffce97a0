import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../src-main/api/contract';
import { call } from '../../../app/station-client';
import {
  classifyCameraError,
  videoConstraints,
  videoInputs,
} from '../../../components/camera-device';
import type { CameraDevice, CameraErrorKind } from '../../../components/camera-device';
import { measureFps } from './diagnostics-model';

/** How long frames are counted: long enough to smooth out the first, slower frames. */
const MEASURE_MS = 2000;
const MIN_WIDTH = 1280;
const MIN_FPS = 15;

type Phase =
  | { kind: 'off' }
  | { kind: 'starting' }
  | { kind: 'measuring'; label: string; width: number; height: number }
  | { kind: 'done'; label: string; width: number; height: number; fps: number }
  | { kind: 'error'; error: CameraErrorKind };

type VideoWithFrames = HTMLVideoElement & {
  requestVideoFrameCallback?: (cb: (now: number) => void) => number;
};

/** Counts presented frames for `ms`; falls back to animation frames where rVFC is missing. */
function countFrames(video: VideoWithFrames, ms: number): Promise<number[]> {
  return new Promise((resolve) => {
    const stamps: number[] = [];
    const start = performance.now();
    let lastTime = -1;
    const done = () => resolve(stamps);
    if (video.requestVideoFrameCallback) {
      const step = (now: number) => {
        stamps.push(now);
        if (now - start < ms) video.requestVideoFrameCallback!(step);
        else done();
      };
      video.requestVideoFrameCallback(step);
    } else {
      const step = (now: number) => {
        // Only count animation frames where the video actually moved on.
        if (video.currentTime !== lastTime) {
          lastTime = video.currentTime;
          stamps.push(now);
        }
        if (now - start < ms) requestAnimationFrame(step);
        else done();
      };
      requestAnimationFrame(step);
    }
    // A camera that stops delivering frames must not hang the test.
    setTimeout(done, ms + 1500);
  });
}

export function CameraTest({ onReported }: { onReported(): void }) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'off' });
  const [cameras, setCameras] = useState<CameraDevice[]>([]);
  const [deviceId, setDeviceId] = useState<string>('');
  const [note, setNote] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement | null>(null);
  const stream = useRef<MediaStream | null>(null);
  const run = useRef(0);

  const stop = () => {
    run.current++;
    stream.current?.getTracks().forEach((tr) => tr.stop());
    stream.current = null;
    if (video.current) video.current.srcObject = null;
  };
  useEffect(() => stop, []);

  const report = async (input: MethodInput<'devices.reportCamera'>) => {
    const r = await call('devices.reportCamera', input);
    if (r.ok) onReported();
  };

  const start = async () => {
    stop();
    const my = run.current;
    setNote(null);
    setPhase({ kind: 'starting' });
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (!media?.getUserMedia) {
      setPhase({ kind: 'error', error: 'unsupported' });
      void report({
        state: 'error',
        label: '',
        width: 0,
        height: 0,
        frameRate: 0,
        message: 'unsupported',
      });
      return;
    }
    try {
      const s = await media.getUserMedia({
        video: videoConstraints(deviceId || null),
        audio: false,
      });
      if (my !== run.current) {
        s.getTracks().forEach((tr) => tr.stop());
        return;
      }
      stream.current = s;
      const track = s.getVideoTracks()[0];
      if (!track) throw Object.assign(new Error('no track'), { name: 'NotFoundError' });
      track.addEventListener('ended', () => {
        if (my === run.current) setPhase({ kind: 'error', error: 'unplugged' });
      });
      const list = videoInputs(await media.enumerateDevices());
      setCameras(list);
      const settings = track.getSettings();
      if (settings.deviceId) setDeviceId(settings.deviceId);
      const v = video.current!;
      v.srcObject = s;
      await v.play().catch(() => undefined);
      if (v.videoWidth === 0) {
        await new Promise<void>((res) => {
          v.addEventListener('loadedmetadata', () => res(), { once: true });
          setTimeout(res, 3000);
        });
      }
      const width = v.videoWidth || settings.width || 0;
      const height = v.videoHeight || settings.height || 0;
      const label = track.label;
      setPhase({ kind: 'measuring', label, width, height });
      const stamps = await countFrames(v as VideoWithFrames, MEASURE_MS);
      if (my !== run.current) return;
      const fps = measureFps(stamps) ?? settings.frameRate ?? 0;
      setPhase({ kind: 'done', label, width, height, fps });
      await report({ state: 'connected', label, width, height, frameRate: fps });
    } catch (err) {
      if (my !== run.current) return;
      const kind = classifyCameraError(err);
      setPhase({ kind: 'error', error: kind });
      stop();
      void report({
        state: kind === 'not-found' ? 'missing' : 'error',
        label: '',
        width: 0,
        height: 0,
        frameRate: 0,
        message: kind,
      });
    }
  };

  const chooseForPhotos = async () => {
    if (phase.kind !== 'done' || !deviceId) return;
    const r = await call('prefs.setCamera', { deviceId, label: phase.label });
    setNote(r.ok ? t('diag.camera.chosenOk') : r.error.message);
  };

  const live = phase.kind === 'measuring' || phase.kind === 'done';
  return (
    <section className="card diag__test" id="test-camera" aria-labelledby="test-cam-h">
      <h3 id="test-cam-h">{t('diag.camera.title')}</h3>
      <p className="muted small">{t('diag.camera.hint')}</p>
      <div className="row-actions">
        <button
          type="button"
          className="btn btn--primary"
          disabled={phase.kind === 'starting' || phase.kind === 'measuring'}
          data-testid="selftest-run-camera"
          onClick={() => void start()}
        >
          {phase.kind === 'starting'
            ? t('diag.camera.starting')
            : phase.kind === 'measuring'
              ? t('diag.camera.measuring')
              : t('diag.camera.start')}
        </button>
        {live ? (
          <button
            type="button"
            className="btn"
            onClick={() => {
              stop();
              setPhase({ kind: 'off' });
            }}
          >
            {t('diag.camera.stop')}
          </button>
        ) : null}
      </div>
      {cameras.length > 1 ? (
        <label className="diag__inline-field">
          <span>{t('diag.camera.device')}</span>
          <select
            value={deviceId}
            data-testid="camera-select"
            onChange={(e) => {
              setDeviceId(e.target.value);
              stop();
              setPhase({ kind: 'off' });
            }}
          >
            {cameras.map((c, i) => (
              <option key={c.deviceId} value={c.deviceId}>
                {c.label || `${t('diag.camera.device')} ${i + 1}`}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <video
        ref={video}
        className="diag__video"
        hidden={!live}
        muted
        playsInline
        data-testid="camera-video"
      />
      {phase.kind === 'error' ? (
        <p className="banner banner--error" role="alert" data-testid="camera-error">
          {t(`diag.camera.error.${phase.error}`)}
        </p>
      ) : null}
      {phase.kind === 'measuring' || phase.kind === 'done' ? (
        <dl className="diag__facts" data-testid="camera-result">
          <dt>{t('diag.camera.device')}</dt>
          <dd>{phase.label || '—'}</dd>
          <dt>{t('diag.camera.resolution')}</dt>
          <dd data-testid="camera-resolution">
            {phase.width}×{phase.height}
            {phase.width > 0 && phase.width < MIN_WIDTH ? (
              <span className="diag__warn"> — {t('diag.camera.lowRes')}</span>
            ) : null}
          </dd>
          <dt>{t('diag.camera.fps')}</dt>
          <dd data-testid="camera-fps">
            {phase.kind === 'done' ? (
              <>
                {phase.fps.toFixed(1)}
                {phase.fps < MIN_FPS ? (
                  <span className="diag__warn"> — {t('diag.camera.lowFps')}</span>
                ) : null}
              </>
            ) : (
              t('diag.camera.measuring')
            )}
          </dd>
        </dl>
      ) : null}
      {phase.kind === 'done' ? (
        <div className="row-actions">
          <span className="diag__verdict diag__verdict--ok" data-testid="camera-reported">
            ✓ {t('diag.camera.reported')}
          </span>
          <button type="button" className="btn btn--small" onClick={() => void chooseForPhotos()}>
            {t('diag.camera.choose')}
          </button>
        </div>
      ) : null}
      {note ? <p className="muted small">{note}</p> : null}
    </section>
  );
}
