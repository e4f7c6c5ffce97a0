import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  FingerCheck,
  HandoverCase,
  ProxyDetails,
} from '../../../../src-main/api/contract-handover';
import { PROXY_RELATIONS } from '../../../../src-main/domain/handover';
import { fingerName } from '../../../../src-main/domain/fingers';
import { call } from '../../../app/station-client';

type Mode = 'self' | 'visual' | 'proxy';

/**
 * Step 1: who receives the card. The resident's own finger against the template kept at
 * recording; a visual check with a reason when fingers cannot be read; or a family member from
 * the same KK when the supervisor's policy allows it.
 */
export function IdentityPanel({
  hc,
  onCase,
  onError,
}: {
  hc: HandoverCase;
  onCase: (c: HandoverCase) => void;
  onError: (m: string | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const L = i18n.language === 'en' ? 'en' : 'id';
  const [mode, setMode] = useState<Mode>(hc.fingers.length > 0 ? 'self' : 'visual');
  const [check, setCheck] = useState<FingerCheck | null>(null);
  const [waiting, setWaiting] = useState<number | null>(null);
  const [simFinger, setSimFinger] = useState('');
  const [reason, setReason] = useState('');
  const [proxy, setProxy] = useState<ProxyDetails>({ name: '', nik: '', relation: 'anak', kk: '' });
  const id = hc.candidate.recordingId;

  const verify = async (finger: number) => {
    setWaiting(finger);
    setCheck(null);
    onError(null);
    const r = await call('handover.verifyFinger', { recordingId: id, finger });
    setWaiting(null);
    // The simulated resident's other finger was for one check only.
    setSimFinger('');
    if (!r.ok) return onError(r.error.message);
    setCheck(r.value);
    const again = await call('handover.open', {
      recordingId: id,
      kind: hc.kind,
      ...(hc.roundId ? { roundId: hc.roundId } : {}),
    });
    if (again.ok) onCase(again.value);
  };

  const saveVisual = async () => {
    const r = await call('handover.visualCheck', { recordingId: id, reason });
    if (!r.ok) return onError(r.error.message);
    onError(null);
    onCase(r.value);
  };

  const saveProxy = async (p: ProxyDetails | null) => {
    const r = await call('handover.setProxy', { recordingId: id, proxy: p });
    if (!r.ok) return onError(r.error.message);
    onError(null);
    onCase(r.value);
  };

  const v = hc.verified;
  const verifiedText = hc.proxy
    ? t('handover.verifiedProxy', { name: hc.proxy.name })
    : v?.method === 'fingerprint'
      ? t('handover.verifiedFinger', { finger: fingerName(v.finger ?? 2, L), score: v.score })
      : v
        ? t('handover.verifiedVisual')
        : null;

  return (
    <div className="ho-step" data-testid="ho-identity">
      <h2>{t('handover.step1')}</h2>
      {verifiedText ? (
        <p className="banner banner--ok" data-testid="ho-verified">
          {verifiedText}
        </p>
      ) : null}
      <div className="ho-modes" role="radiogroup" aria-label={t('handover.step1')}>
        {(['self', 'visual', 'proxy'] as const).map((m) => (
          <label key={m} className={`ho-mode${mode === m ? ' ho-mode--on' : ''}`}>
            <input
              type="radio"
              name="ho-mode"
              data-testid={`ho-mode-${m}`}
              checked={mode === m}
              onChange={() => setMode(m)}
            />
            {t(`handover.mode.${m}`)}
          </label>
        ))}
      </div>
      {mode === 'self' ? (
        <div className="ho-fingers">
          {hc.fingers.length === 0 ? <p>{t('handover.noFingers')}</p> : null}
          {hc.scanner === 'simulated' ? (
            <p className="ho-sim" data-testid="ho-sim-badge">
              {t('handover.simulated')}{' '}
              <select
                data-testid="ho-sim-finger"
                aria-label={t('handover.simFinger')}
                value={simFinger}
                onChange={(e) => {
                  setSimFinger(e.target.value);
                  const f = Number(e.target.value);
                  if (f) void call('handover.simulateFinger', { finger: f });
                }}
              >
                <option value="">{t('handover.simAsked')}</option>
                {[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((f) => (
                  <option key={f} value={f}>
                    {fingerName(f, L)}
                  </option>
                ))}
              </select>
            </p>
          ) : null}
          {hc.fingers.map((f) => (
            <button
              key={f}
              type="button"
              className="btn btn--primary"
              data-testid={`ho-finger-${f}`}
              disabled={waiting !== null || hc.fingerTriesLeft <= 0}
              onClick={() => void verify(f)}
            >
              {waiting === f
                ? t('handover.placeFinger', { finger: fingerName(f, L) })
                : t('handover.checkFinger', { finger: fingerName(f, L) })}
            </button>
          ))}
          {waiting !== null ? (
            <button
              type="button"
              className="btn"
              onClick={() => void call('handover.cancelFinger', {})}
            >
              {t('handover.cancel')}
            </button>
          ) : null}
          {check ? (
            <p
              className={`banner ${check.matched ? 'banner--ok' : 'banner--error'}`}
              role="alert"
              data-testid="ho-finger-result"
            >
              {check.message}
            </p>
          ) : null}
        </div>
      ) : null}
      {mode === 'visual' ? (
        <form
          className="ho-form"
          onSubmit={(e) => {
            e.preventDefault();
            void saveVisual();
          }}
        >
          <label htmlFor="ho-visual-reason">{t('handover.visualReason')}</label>
          <textarea
            id="ho-visual-reason"
            data-testid="ho-visual-reason"
            rows={2}
            value={reason}
            placeholder={t('handover.visualPlaceholder')}
            onChange={(e) => setReason(e.target.value)}
          />
          <button type="submit" className="btn" data-testid="ho-visual-save">
            {t('handover.visualSave')}
          </button>
        </form>
      ) : null}
      {mode === 'proxy' ? (
        hc.proxyAllowed ? (
          <form
            className="ho-form ho-proxy"
            onSubmit={(e) => {
              e.preventDefault();
              void saveProxy(proxy);
            }}
          >
            <label>
              {t('handover.proxyName')}
              <input
                data-testid="ho-proxy-name"
                value={proxy.name}
                onChange={(e) => setProxy({ ...proxy, name: e.target.value })}
              />
            </label>
            <label>
              {t('handover.proxyNik')}
              <input
                data-testid="ho-proxy-nik"
                inputMode="numeric"
                value={proxy.nik}
                onChange={(e) => setProxy({ ...proxy, nik: e.target.value })}
              />
            </label>
            <label>
              {t('handover.proxyRelation')}
              <select
                data-testid="ho-proxy-relation"
                value={proxy.relation}
                onChange={(e) =>
                  setProxy({ ...proxy, relation: e.target.value as ProxyDetails['relation'] })
                }
              >
                {PROXY_RELATIONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`handover.relation.${r}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('handover.proxyKk')}
              <input
                data-testid="ho-proxy-kk"
                inputMode="numeric"
                value={proxy.kk}
                onChange={(e) => setProxy({ ...proxy, kk: e.target.value })}
              />
            </label>
            <button type="submit" className="btn" data-testid="ho-proxy-save">
              {t('handover.proxySave')}
            </button>
          </form>
        ) : (
          <p className="banner banner--warning" data-testid="ho-proxy-off">
            {t('handover.proxyOff')}
          </p>
        )
      ) : null}
    </div>
  );
}
