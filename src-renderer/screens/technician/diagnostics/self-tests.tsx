import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PadCapability, PenPoint, SelfTestResult } from '../../../../src-main/api/contract';
import { formatTime } from '../../../app/format';
import { call, onEvent } from '../../../app/station-client';

export type TestModality = 'fingerprint' | 'signature';

export interface TestState {
  running: boolean;
  result: SelfTestResult | null;
  error: string | null;
}

export const IDLE_TEST: TestState = { running: false, result: null, error: null };

function Verdict({ result }: { result: SelfTestResult }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="diag__verdict-row">
      <span
        className={`diag__verdict diag__verdict--${result.ok ? 'ok' : 'bad'}`}
        data-testid={`selftest-verdict-${result.modality}`}
      >
        {result.ok ? `✓ ${t('diag.selfTest.ok')}` : `✕ ${t('diag.selfTest.failed')}`}
      </span>
      <span className="muted small">
        {t('diag.selfTest.at', { time: formatTime(result.at, i18n.language) })}
      </span>
    </div>
  );
}

/**
 * One device's self-test: its title and hint, the run button, what happens live (`live`, above
 * the error; `drawing`, below it), then the result (`children`) or "not run yet".
 */
function TestPanel(p: {
  modality: TestModality;
  title: string;
  hint: string;
  state: TestState;
  onRun(): void;
  live?: ReactNode;
  drawing?: ReactNode;
  children: (result: SelfTestResult) => ReactNode;
}) {
  const { t } = useTranslation();
  const { state } = p;
  const r = state.result;
  const headId = `test-${p.modality}-h`;
  return (
    <section className="card diag__test" id={`test-${p.modality}`} aria-labelledby={headId}>
      <h3 id={headId}>{p.title}</h3>
      <p className="muted small">{p.hint}</p>
      <button
        type="button"
        className="btn btn--primary"
        disabled={state.running}
        data-testid={`selftest-run-${p.modality}`}
        onClick={p.onRun}
      >
        {state.running
          ? t('diag.selfTest.running')
          : r
            ? t('diag.selfTest.again')
            : t('diag.selfTest.run')}
      </button>
      {p.live}
      {state.error ? (
        <p className="banner banner--error" role="alert">
          {state.error}
        </p>
      ) : null}
      {p.drawing}
      {r ? (
        <div className="diag__result" data-testid={`selftest-result-${p.modality}`}>
          {p.children(r)}
        </div>
      ) : state.running ? null : (
        <p className="muted">{t('diag.selfTest.notRun')}</p>
      )}
    </section>
  );
}

function Steps({ result }: { result: SelfTestResult }) {
  return (
    <ol className="diag__steps" data-testid={`selftest-steps-${result.modality}`}>
      {result.steps.map((s, i) => (
        <li key={i} className={s.ok ? 'diag__step--ok' : 'diag__step--bad'}>
          <span aria-hidden="true">{s.ok ? '✓' : '✕'}</span> <strong>{s.name}</strong>
          {s.detail ? <span className="muted"> — {s.detail}</span> : null}
        </li>
      ))}
    </ol>
  );
}

interface PanelProps {
  state: TestState;
  onRun(): void;
}

export function FingerprintTest({ state, onRun }: PanelProps) {
  const { t } = useTranslation();
  return (
    <TestPanel
      modality="fingerprint"
      title={t('diag.modality.fingerprint')}
      hint={t('diag.selfTest.fingerprintHint')}
      state={state}
      onRun={onRun}
    >
      {(r) => (
        <>
          <Verdict result={r} />
          <Steps result={r} />
          {r.imageDataUrl ? (
            <figure className="diag__fp-figure">
              <img
                src={r.imageDataUrl}
                alt={t('diag.selfTest.testImage')}
                className="diag__fp-image"
                data-testid="selftest-image"
              />
              {r.quality !== undefined ? (
                <figcaption data-testid="selftest-quality">
                  {t('diag.selfTest.quality', { q: r.quality })}
                </figcaption>
              ) : null}
            </figure>
          ) : null}
        </>
      )}
    </TestPanel>
  );
}

const CANVAS_W = 340;
const CANVAS_H = 200;

/** Draws pen points (mm) scaled to the pad's area, or to the points' own bounds when unknown. */
function drawPoints(
  canvas: HTMLCanvasElement,
  points: readonly PenPoint[],
  cap: PadCapability | null,
): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const dpr = window.devicePixelRatio || 1;
  canvas.width = CANVAS_W * dpr;
  canvas.height = CANVAS_H * dpr;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, CANVAS_W, CANVAS_H);
  if (points.length === 0) return;
  let w = cap?.widthMm ?? 0;
  let h = cap?.heightMm ?? 0;
  if (!(w > 0 && h > 0)) {
    w = Math.max(1, ...points.map((p) => p.x));
    h = Math.max(1, ...points.map((p) => p.y));
  }
  const s = Math.min((CANVAS_W - 16) / w, (CANVAS_H - 16) / h);
  ctx.strokeStyle = '#0b3a82';
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  let prev: PenPoint | null = null;
  for (const p of points) {
    if (p.p <= 0) {
      prev = null;
      continue;
    }
    if (prev) {
      ctx.lineWidth = 1 + 3 * p.p;
      ctx.beginPath();
      ctx.moveTo(8 + prev.x * s, 8 + prev.y * s);
      ctx.lineTo(8 + p.x * s, 8 + p.y * s);
      ctx.stroke();
    }
    prev = p;
  }
}

export function SignatureTest({ state, onRun }: PanelProps) {
  const { t } = useTranslation();
  const [points, setPoints] = useState<PenPoint[]>([]);
  const [cap, setCap] = useState<PadCapability | null>(null);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const fresh = useRef(false);
  const r = state.result;

  useEffect(() => {
    void call('signature.device', {}).then((res) => {
      if (res.ok) setCap(res.value.capability);
    });
  }, [r]);

  // Points stream while the test runs; a new run starts a fresh drawing.
  useEffect(() => {
    if (!state.running) return;
    fresh.current = true;
    return onEvent('signature.points', (e) => {
      const reset = fresh.current || e.cleared === true;
      fresh.current = false;
      setPoints((prev) => (reset ? [...e.points] : prev.concat(e.points)));
    });
  }, [state.running]);

  // Points come live from `signature.points`, or with the result when the device manager
  // returns them; whichever has more is the fuller drawing.
  const resultPoints = r?.points ?? [];
  const shown = state.running || points.length >= resultPoints.length ? points : resultPoints;

  useEffect(() => {
    if (canvas.current) drawPoints(canvas.current, shown, cap);
  }, [shown, cap]);

  return (
    <TestPanel
      modality="signature"
      title={t('diag.modality.signature')}
      hint={t('diag.selfTest.signatureHint')}
      state={state}
      onRun={onRun}
      live={
        state.running ? (
          <p className="diag__draw-now" role="status">
            {t('diag.selfTest.drawNow')}
          </p>
        ) : null
      }
      drawing={
        shown.length > 0 ? (
          <figure className="diag__pad">
            <canvas
              ref={canvas}
              className="diag__pad-canvas"
              style={{ width: CANVAS_W, height: CANVAS_H }}
              aria-label={t('diag.selfTest.drawing')}
              data-testid="selftest-canvas"
              data-points={shown.length}
            />
            <figcaption className="muted small">
              {t('diag.selfTest.points', { count: shown.length })}
            </figcaption>
          </figure>
        ) : null
      }
    >
      {(r) => (
        <>
          <Verdict result={r} />
          {r.reportsPerSecond !== undefined ? (
            <p className="diag__figure" data-testid="selftest-rate">
              {t('diag.selfTest.rate', { rate: Math.round(r.reportsPerSecond) })}
            </p>
          ) : null}
          {r.pressureRange ? (
            <p className="diag__figure" data-testid="selftest-pressure">
              {t('diag.selfTest.pressure', {
                min: fmtPressure(r.pressureRange[0]),
                max: fmtPressure(r.pressureRange[1]),
              })}
            </p>
          ) : null}
          <Steps result={r} />
        </>
      )}
    </TestPanel>
  );
}

/** Pressure arrives either normalised (0–1) or in the pad's raw levels (0–1023). */
const fmtPressure = (v: number) => (v <= 1 ? v.toFixed(2) : String(Math.round(v)));
