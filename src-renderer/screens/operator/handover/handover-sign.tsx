import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignatureDeviceInfo } from '../../../../src-main/api/contract';
import type { HandoverCase } from '../../../../src-main/api/contract-handover';
import { call, onEvent } from '../../../app/station-client';
import { SignatureCanvas } from '../signature/signature-canvas';
import type { SignatureCanvasApi } from '../signature/signature-canvas';

/** Step 2: the recipient signs on the pad (the recording step's canvas, live strokes). */
export function HandoverSign({
  hc,
  onCase,
  onError,
}: {
  hc: HandoverCase;
  onCase: (c: HandoverCase) => void;
  onError: (m: string | null) => void;
}) {
  const { t } = useTranslation();
  const [device, setDevice] = useState<SignatureDeviceInfo | null>(null);
  const [signing, setSigning] = useState(false);
  /** Pen points on the canvas now: the operator sees the pad is live (and when it went still). */
  const [points, setPoints] = useState(0);
  const canvas = useRef<SignatureCanvasApi | null>(null);
  const id = hc.candidate.recordingId;

  useEffect(() => {
    void call('signature.device', {}).then((r) => r.ok && setDevice(r.value));
    const off = onEvent('signature.points', (e) => {
      if (e.recordingId !== id) return;
      if (e.cleared) {
        canvas.current?.clear();
        setPoints(0);
      }
      if (e.points.length > 0) {
        canvas.current?.add(e.points);
        setPoints((n) => n + e.points.length);
      }
    });
    return off;
  }, [id]);

  const start = async () => {
    const r = await call('handover.signStart', { recordingId: id });
    if (!r.ok) return onError(r.error.message);
    onError(null);
    setSigning(true);
  };
  const clear = async () => {
    await call('handover.signClear', { recordingId: id });
    canvas.current?.clear();
    setPoints(0);
  };
  const accept = async () => {
    const r = await call('handover.signAccept', { recordingId: id });
    if (!r.ok) return onError(r.error.message);
    onError(null);
    setSigning(false);
    onCase(r.value);
  };

  const widthMm = device?.capability?.widthMm ?? 108;
  const heightMm = device?.capability?.heightMm ?? 65;
  return (
    <div className="ho-step" data-testid="ho-sign">
      <h2>{t('handover.step2')}</h2>
      {hc.signed && !signing ? (
        <img
          className="ho-sign__img"
          src={hc.signed.imageDataUrl}
          alt={t('handover.signedAlt')}
          data-testid="ho-signed"
        />
      ) : (
        <>
          <SignatureCanvas apiRef={canvas} widthMm={widthMm} heightMm={heightMm} />
          {signing ? (
            <p className="muted small" data-testid="ho-sign-stats">
              {t('counts.point', { count: points })}
            </p>
          ) : null}
        </>
      )}
      <div className="ho-actions">
        {!signing ? (
          <button
            type="button"
            className="btn"
            data-testid="ho-sign-start"
            onClick={() => void start()}
          >
            {hc.signed ? t('handover.signAgain') : t('handover.signStart')}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="btn"
              data-testid="ho-sign-clear"
              onClick={() => void clear()}
            >
              {t('handover.signClear')}
            </button>
            <button
              type="button"
              className="btn btn--primary"
              data-testid="ho-sign-accept"
              onClick={() => void accept()}
            >
              {t('handover.signAccept')}
            </button>
            {device?.simulated ? (
              <button
                type="button"
                className="btn btn--small"
                data-testid="ho-sign-simulate"
                onClick={() => void call('signature.simulate', { script: 'signature' })}
              >
                {t('handover.signSimulate')}
              </button>
            ) : null}
          </>
        )}
      </div>
    </div>
  );
}
