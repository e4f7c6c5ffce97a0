import { useEffect, useImperativeHandle, useRef } from 'react';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { PenPoint } from '../../../../src-main/api/contract';
import { lineWidth } from './signature-model';

export interface SignatureCanvasApi {
  add(points: readonly PenPoint[]): void;
  clear(): void;
}

const CSS_WIDTH = 540;

/**
 * The pad's surface on screen, to scale: strokes are drawn as the points arrive (no re-render
 * per point), the line width following the pressure.
 */
export function SignatureCanvas({
  apiRef,
  widthMm,
  heightMm,
}: {
  apiRef: RefObject<SignatureCanvasApi | null>;
  widthMm: number;
  heightMm: number;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLCanvasElement | null>(null);
  const last = useRef<PenPoint | null>(null);
  const cssHeight = Math.round((CSS_WIDTH * heightMm) / widthMm);
  const pxPerMm = CSS_WIDTH / widthMm;

  useEffect(() => {
    const c = ref.current;
    if (!c) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(CSS_WIDTH * dpr);
    c.height = Math.round(cssHeight * dpr);
    const ctx = c.getContext('2d');
    ctx?.setTransform(dpr, 0, 0, dpr, 0, 0);
  }, [cssHeight]);

  useImperativeHandle(
    apiRef,
    () => ({
      add(points) {
        const ctx = ref.current?.getContext('2d');
        if (!ctx) return;
        ctx.strokeStyle = '#0b1f4d';
        ctx.lineCap = 'round';
        for (const p of points) {
          const a = last.current;
          if (p.p > 0) {
            const from = a && a.p > 0 ? a : p;
            ctx.lineWidth = lineWidth((from.p + p.p) / 2, pxPerMm);
            ctx.beginPath();
            ctx.moveTo(from.x * pxPerMm, from.y * pxPerMm);
            ctx.lineTo(p.x * pxPerMm + (from === p ? 0.01 : 0), p.y * pxPerMm);
            ctx.stroke();
          }
          last.current = p;
        }
      },
      clear() {
        const c = ref.current;
        last.current = null;
        c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);
      },
    }),
    [pxPerMm],
  );

  return (
    <div className="sig-pad" style={{ maxWidth: CSS_WIDTH }}>
      <canvas
        ref={ref}
        className="sig-canvas"
        data-testid="sig-canvas"
        role="img"
        aria-label={t('signature.canvasLabel')}
        style={{ width: '100%', aspectRatio: `${CSS_WIDTH} / ${cssHeight}` }}
      />
      <div className="sig-baseline" aria-hidden="true" />
    </div>
  );
}
