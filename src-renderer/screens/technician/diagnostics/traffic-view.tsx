import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceEntry, TrafficEntry } from '../../../../src-main/api/contract';
import { call } from '../../../app/station-client';
import { HEX_ROW_BYTES, appendTraffic, formatClock, formatHex } from './diagnostics-model';

/** Rows kept on screen: enough to follow an exchange, small enough to stay smooth. */
export const MAX_ROWS = 300;
const POLL_MS = 600;

interface Props {
  devices: DeviceEntry[];
  deviceId: string | null;
  onDevice(id: string | null): void;
}

/** Mounted with `key={deviceId}`: a new device starts a new, empty view. */
export function TrafficView({ devices, deviceId, onDevice }: Props) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<TrafficEntry[]>([]);
  const [paused, setPaused] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const after = useRef(0);
  const box = useRef<HTMLDivElement | null>(null);

  useEffect(() => {
    if (!deviceId || paused) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      const r = await call('devices.traffic', { deviceId, after: after.current });
      if (!live) return;
      if (r.ok) {
        setError(null);
        if (r.value.length > 0) {
          after.current = r.value.at(-1)!.seq;
          setRows((prev) => appendTraffic(prev, r.value, MAX_ROWS));
        }
      } else {
        setError(r.error.message);
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [deviceId, paused]);

  // Follow the newest row while live, like a terminal.
  useEffect(() => {
    if (!paused && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [rows, paused]);

  const candidates = devices.filter((d) => d.modality !== 'camera');
  return (
    <section className="card diag__traffic" id="traffic" aria-labelledby="traffic-h">
      <div className="diag__section-head">
        <h2 id="traffic-h">{t('diag.traffic.title')}</h2>
        {deviceId ? (
          <span
            className={`diag__live diag__live--${paused ? 'paused' : 'on'}`}
            data-testid="traffic-state"
          >
            {paused ? t('diag.traffic.paused') : `● ${t('diag.traffic.live')}`}
          </span>
        ) : null}
      </div>
      <p className="muted small">{t('diag.traffic.hint')}</p>
      <div className="diag__traffic-tools">
        <label className="diag__inline-field">
          <span>{t('diag.traffic.device')}</span>
          <select
            value={deviceId ?? ''}
            data-testid="traffic-device"
            onChange={(e) => onDevice(e.target.value || null)}
          >
            <option value="">{t('diag.traffic.pick')}</option>
            {candidates.map((d) => (
              <option key={d.id} value={d.id}>
                {t(`diag.modality.${d.modality}`)} — {d.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn btn--small"
          disabled={!deviceId}
          aria-pressed={paused}
          data-testid="traffic-pause"
          onClick={() => setPaused((p) => !p)}
        >
          {paused ? `▶ ${t('diag.traffic.resume')}` : `❚❚ ${t('diag.traffic.pause')}`}
        </button>
        <button
          type="button"
          className="btn btn--small"
          disabled={rows.length === 0}
          onClick={() => setRows([])}
        >
          {t('diag.traffic.clear')}
        </button>
      </div>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      {deviceId ? (
        rows.length === 0 ? (
          <p className="muted" data-testid="traffic-empty">
            {t('diag.traffic.empty')}
          </p>
        ) : (
          <>
            <div className="diag__traffic-box" ref={box}>
              <table className="table diag__traffic-table" data-testid="traffic-table">
                <thead>
                  <tr>
                    <th>{t('diag.traffic.time')}</th>
                    <th>{t('diag.traffic.dir')}</th>
                    <th>{t('diag.traffic.bytes')}</th>
                    <th>{t('diag.traffic.data')}</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => {
                    const h = formatHex(r.hex);
                    return (
                      <tr key={r.seq} className={`diag__dir--${r.dir}`} data-dir={r.dir}>
                        <td className="mono">{formatClock(r.t)}</td>
                        <td className="diag__dir">{t(`diag.traffic.${r.dir}`)}</td>
                        <td className="mono">{h.bytes + (r.withheld ?? 0)}</td>
                        <td className="mono diag__hex">
                          {h.text}
                          {r.withheld ? (
                            <span className="muted" data-testid="traffic-withheld">
                              {h.text ? ' ' : ''}
                              {t(
                                r.what === 'pen-report'
                                  ? 'diag.traffic.withheldPen'
                                  : r.what === 'unframed'
                                    ? 'diag.traffic.withheldUnframed'
                                    : 'diag.traffic.withheldFingerprint',
                                { count: r.withheld },
                              )}
                            </span>
                          ) : null}
                          {h.cut ? (
                            <span className="muted">
                              {' '}
                              {t('diag.traffic.more', { count: h.bytes - HEX_ROW_BYTES })}
                            </span>
                          ) : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <p className="muted small">
              {t('diag.traffic.shown', { count: rows.length, max: MAX_ROWS })}
            </p>
          </>
        )
      ) : null}
    </section>
  );
}
