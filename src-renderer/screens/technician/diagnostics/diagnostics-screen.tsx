import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceEntry } from '../../../../src-main/api/contract';
import { call, onEvent, onReconnect } from '../../../app/station-client';
import { CameraTest } from './camera-test';
import { DeviceCards } from './device-cards';
import { sortDevices } from './diagnostics-model';
import { ExportButton } from './export-button';
import { NetworkPanel, StoragePanel } from './network-storage';
import { PrinterPanel } from './printer-panel';
import { FingerprintTest, IDLE_TEST, SignatureTest } from './self-tests';
import type { TestModality, TestState } from './self-tests';
import { TrafficView } from './traffic-view';
import './diagnostics.css';

/**
 * The technician's desk: every device with the facts the office asks for on the phone, a
 * self-test per device, the raw bytes on the wire, the network path to the centre, the store
 * on disk, and a diagnostics bundle to send. Sections are numbered so "look at section 3"
 * works over the phone.
 */
export function DiagnosticsScreen() {
  const { t } = useTranslation();
  const [devices, setDevices] = useState<DeviceEntry[] | null>(null);
  const [devicesError, setDevicesError] = useState<string | null>(null);
  const [busyChoose, setBusyChoose] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [tests, setTests] = useState<Record<TestModality, TestState>>({
    fingerprint: IDLE_TEST,
    signature: IDLE_TEST,
  });
  const [trafficId, setTrafficId] = useState<string | null>(null);

  const load = useCallback(
    () =>
      call('devices.list', {}).then((r) => {
        if (r.ok) {
          setDevices(sortDevices(r.value));
          setDevicesError(null);
        } else setDevicesError(r.error.message);
      }),
    [],
  );

  useEffect(() => {
    void load();
    const offChanged = onEvent('devices.changed', (list) => {
      setDevices(sortDevices(list));
      setDevicesError(null);
    });
    const offReconnect = onReconnect(() => void load());
    return () => {
      offChanged();
      offReconnect();
    };
  }, [load]);

  const chosenOf = (m: TestModality) =>
    devices?.find((d) => d.modality === m && d.chosen) ??
    devices?.find((d) => d.modality === m) ??
    null;

  const runTest = async (modality: TestModality) => {
    setTests((s) => ({ ...s, [modality]: { ...s[modality], running: true, error: null } }));
    // Watch the bytes of the test unless the technician is already watching another device.
    const dev = chosenOf(modality);
    if (dev && trafficId === null) setTrafficId(dev.id);
    const r = await call('devices.selfTest', { modality });
    setTests((s) => ({
      ...s,
      [modality]: r.ok
        ? { running: false, result: r.value, error: null }
        : { running: false, result: s[modality].result, error: r.error.message },
    }));
    void load();
  };

  const choose = async (d: DeviceEntry) => {
    if (d.modality === 'camera') return;
    setBusyChoose(d.id);
    const r = await call('devices.choose', { modality: d.modality, deviceId: d.id });
    setBusyChoose(null);
    setNotice(
      r.ok
        ? {
            kind: 'ok',
            text: t('diag.devices.chooseOk', {
              name: d.name,
              modality: t(`diag.modality.${d.modality}`),
            }),
          }
        : { kind: 'error', text: r.error.message },
    );
    void load();
  };

  const goToTest = (d: DeviceEntry) => {
    document
      .getElementById(`test-${d.modality}`)
      ?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    if (d.modality !== 'camera' && !tests[d.modality].running) void runTest(d.modality);
  };

  const showTraffic = (d: DeviceEntry) => {
    setTrafficId(d.id);
    document.getElementById('traffic')?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };

  return (
    <section className="screen diag" data-testid="diagnostics-screen">
      <div className="diag__head">
        <div>
          <h1>{t('diag.title')}</h1>
          <p className="muted diag__intro">{t('diag.intro')}</p>
        </div>
        <ExportButton />
      </div>

      <section className="diag__section" aria-labelledby="devices-h">
        <div className="diag__section-head">
          <h2 id="devices-h">{t('diag.devices.title')}</h2>
          <button type="button" className="btn btn--small" onClick={() => void load()}>
            ↻ {t('diag.refresh')}
          </button>
        </div>
        {notice ? (
          <p
            className={`banner banner--${notice.kind === 'ok' ? 'ok' : 'error'}`}
            role={notice.kind === 'ok' ? 'status' : 'alert'}
            data-testid="devices-notice"
          >
            {notice.text}
          </p>
        ) : null}
        <DeviceCards
          devices={devices}
          error={devicesError}
          busyChoose={busyChoose}
          trafficId={trafficId}
          onChoose={(d) => void choose(d)}
          onTest={goToTest}
          onTraffic={showTraffic}
        />
      </section>

      <section className="diag__section" aria-labelledby="tests-h">
        <h2 id="tests-h">{t('diag.selfTest.title')}</h2>
        <div className="diag__tests">
          <FingerprintTest state={tests.fingerprint} onRun={() => void runTest('fingerprint')} />
          <SignatureTest state={tests.signature} onRun={() => void runTest('signature')} />
          <CameraTest onReported={() => void load()} />
        </div>
      </section>

      <div className="diag__section">
        <TrafficView
          key={trafficId ?? ''}
          devices={devices ?? []}
          deviceId={trafficId}
          onDevice={setTrafficId}
        />
      </div>

      <div className="diag__section diag__pair">
        <NetworkPanel />
        <StoragePanel />
      </div>

      <div className="diag__section">
        <PrinterPanel />
      </div>
    </section>
  );
}
