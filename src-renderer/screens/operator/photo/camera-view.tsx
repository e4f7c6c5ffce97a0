import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Kbd } from '../../../components/kbd';
import { FramingGuide } from './framing-guide';
import { grabFrame } from './use-camera';
import type { CameraControl } from './use-camera';

/**
 * Live preview with the framing guide, the camera choice, the resolution in use and the
 * capture button (Space works from anywhere on the step that is not a text field or button).
 */
export function CameraView({
  camera,
  active,
  captureBlocked,
  busy,
  onCapture,
}: {
  camera: CameraControl;
  /** The step is on screen and not locked: Space may capture. */
  active: boolean;
  /** Why capture is off (e.g. all attempts used), or null. */
  captureBlocked: string | null;
  busy: boolean;
  onCapture: (frameBase64: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const [sized, setSized] = useState<{ stream: MediaStream; w: number; h: number } | null>(null);
  const [grabError, setGrabError] = useState(false);
  const { state } = camera;
  const stream = state.phase === 'live' ? state.stream : null;
  // A size belongs to the stream it was measured on; a new stream starts unmeasured.
  const size = sized && sized.stream === stream ? sized : null;

  useEffect(() => {
    const v = videoRef.current;
    if (!v) return;
    v.srcObject = stream;
    if (!stream) return;
    const onMeta = () => setSized({ stream, w: v.videoWidth, h: v.videoHeight });
    v.addEventListener('loadedmetadata', onMeta);
    v.addEventListener('resize', onMeta);
    void v.play().catch(() => {});
    return () => {
      v.removeEventListener('loadedmetadata', onMeta);
      v.removeEventListener('resize', onMeta);
    };
  }, [stream]);

  const ready = state.phase === 'live' && size !== null && size.w > 0;
  const canCapture = ready && !busy && captureBlocked === null;

  const capture = async () => {
    const v = videoRef.current;
    if (!v || !canCapture) return;
    setGrabError(false);
    let frame: string;
    try {
      frame = await grabFrame(v);
    } catch {
      setGrabError(true);
      return;
    }
    await onCapture(frame);
  };
  const onSpace = useEffectEvent(() => void capture());

  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || e.repeat || e.altKey || e.ctrlKey || e.metaKey) return;
      const el = e.target as HTMLElement | null;
      // Space already means "press" on buttons and "type" in fields; leave those alone.
      if (el?.closest('input, textarea, select, button, a, [role="radio"]')) return;
      e.preventDefault();
      onSpace();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);

  return (
    <div className="camera">
      <div className="camera__stage" data-testid="camera-stage">
        <video
          ref={videoRef}
          className="camera__video"
          autoPlay
          muted
          playsInline
          data-testid="camera-video"
          hidden={state.phase !== 'live'}
        />
        {ready && size ? <FramingGuide width={size.w} height={size.h} /> : null}
        {state.phase === 'starting' ? (
          <p className="camera__placeholder" aria-busy="true">
            {t('photo.cameraStarting')}
          </p>
        ) : null}
        {state.phase === 'error' ? (
          <div className="camera__error" role="alert" data-testid="camera-error">
            <p className="camera__error-title">⚠ {t(`photo.cameraError.${state.kind}.title`)}</p>
            <p>{t(`photo.cameraError.${state.kind}.action`)}</p>
            <button
              type="button"
              className="btn btn--primary"
              data-testid="camera-retry"
              autoFocus
              onClick={camera.retry}
            >
              ↻ {t('common.retry')}
            </button>
          </div>
        ) : null}
      </div>

      <div className="camera__bar">
        <div className="camera__device">
          <label htmlFor="camera-select" className="field__label">
            {t('photo.camera')}
          </label>
          <select
            id="camera-select"
            data-testid="camera-select"
            value={state.phase === 'live' ? state.deviceId : ''}
            disabled={camera.cameras.length === 0}
            onChange={(e) => {
              const c = camera.cameras.find((d) => d.deviceId === e.target.value);
              if (c) camera.choose(c);
            }}
          >
            {state.phase !== 'live' ? <option value="">—</option> : null}
            {camera.cameras.map((c, i) => (
              <option key={c.deviceId} value={c.deviceId}>
                {c.label || t('photo.cameraN', { n: i + 1 })}
              </option>
            ))}
          </select>
          <span className="muted small" data-testid="camera-resolution">
            {ready && size
              ? t('photo.resolution', { w: size.w, h: size.h })
              : t('photo.resolutionUnknown')}
            {ready && size && size.h < 720 ? ` — ${t('photo.resolutionLow')}` : ''}
          </span>
        </div>
        <button
          type="button"
          className="btn btn--primary btn--large"
          id="photo-capture"
          data-first-action
          data-testid="photo-capture"
          disabled={!canCapture}
          aria-keyshortcuts="Space"
          onClick={() => void capture()}
        >
          {busy ? t('photo.processing') : t('photo.capture')} <Kbd keys={t('photo.spaceKey')} />
        </button>
      </div>
      {camera.missingPref ? (
        <p className="banner banner--warning" role="status" data-testid="camera-fallback">
          {t('photo.cameraFallback', { label: camera.missingPref.label || '—' })}
        </p>
      ) : null}
      {grabError ? (
        <p className="banner banner--error" role="alert">
          {t('photo.grabFailed')}
        </p>
      ) : null}
      {captureBlocked ? (
        <p className="banner banner--info" role="status" data-testid="capture-blocked">
          {captureBlocked}
        </p>
      ) : null}
    </div>
  );
}
