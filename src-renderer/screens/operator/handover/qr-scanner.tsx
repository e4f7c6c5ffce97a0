import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCamera } from '../photo/use-camera';
import { decodeSize } from './handover-model';
import type { QrRequest, QrResult } from './qr-worker';

const FRAME_EVERY_MS = 200;

/**
 * The webcam looks for the receipt's QR code: a frame every 200 ms, scaled down, decoded in a
 * Web Worker; the first code found is handed over once (the camera closes with the panel).
 */
export function QrScanner({ onCode }: { onCode: (text: string) => void }) {
  const { t } = useTranslation();
  const camera = useCamera(true);
  const videoRef = useRef<HTMLVideoElement | null>(null);
  const [found, setFound] = useState(false);
  const stream = camera.state.phase === 'live' ? camera.state.stream : null;
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    const v = videoRef.current;
    if (!v || !stream) return;
    v.srcObject = stream;
    void v.play().catch(() => {});
    const worker = new Worker(new URL('./qr-worker.ts', import.meta.url), { type: 'module' });
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    let inFlight = false;
    let seq = 0;
    let done = false;
    worker.onmessage = (e: MessageEvent<QrResult>) => {
      inFlight = false;
      if (done || !e.data.text) return;
      done = true;
      setFound(true);
      onCodeRef.current(e.data.text);
    };
    const timer = setInterval(() => {
      if (inFlight || done || !ctx || v.videoWidth === 0) return;
      const { w, h } = decodeSize(v.videoWidth, v.videoHeight);
      canvas.width = w;
      canvas.height = h;
      ctx.drawImage(v, 0, 0, w, h);
      const img = ctx.getImageData(0, 0, w, h);
      inFlight = true;
      const msg: QrRequest = { id: ++seq, data: img.data, width: w, height: h };
      worker.postMessage(msg, [img.data.buffer]);
    }, FRAME_EVERY_MS);
    return () => {
      clearInterval(timer);
      worker.terminate();
    };
  }, [stream]);

  return (
    <div className="ho-qr" data-testid="ho-qr">
      <video
        ref={videoRef}
        className="ho-qr__video"
        muted
        playsInline
        aria-label={t('handover.qrVideo')}
      />
      <p className="ho-qr__hint" role="status">
        {camera.state.phase === 'error'
          ? t('handover.qrNoCamera')
          : found
            ? t('handover.qrFound')
            : t('handover.qrHint')}
      </p>
    </div>
  );
}
