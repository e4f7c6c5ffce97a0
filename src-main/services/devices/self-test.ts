// Self-tests a technician runs from the diagnostics screen. They use the station's own device
// objects (the scanner's driver, the pad) so they test exactly what the operator will use.
import type {
  PadCapability,
  PenPoint,
  SelfTestResult,
  SelfTestStep,
  SignatureDeviceInfo,
} from '../../api/contract';
import { IMAGE_HEIGHT, IMAGE_WIDTH } from '../../../drivers/fingerprint/codec';
import { fingerprintQuality } from '../../../drivers/fingerprint/quality';
import type { FingerprintDevice } from './fingerprint-device';
import { encodeGrayPng } from '../recording/fingerprint-records';
import { defineMessages, translator, type Locale } from '../../domain/i18n';
import selfTestCatalogue from './self-test.json' with { type: 'json' };

const TEXT = defineMessages('services/devices/self-test', selfTestCatalogue);

export const selfTestText = translator(TEXT);

const errText = (e: unknown) => (e instanceof Error ? e.message : String(e));

export interface FingerprintSelfTestOptions {
  locale: Locale;
  now: () => Date;
  /** How long to wait for a finger (a real scanner needs the technician's finger). */
  fingerTimeoutMs?: number;
}

/** Handshake, ReadSysPara and one capture with its quality score. Never throws. */
export async function fingerprintSelfTest(
  device: FingerprintDevice | null,
  opts: FingerprintSelfTestOptions,
): Promise<SelfTestResult> {
  const L = opts.locale;
  const steps: SelfTestStep[] = [];
  const done = (extra: Partial<SelfTestResult> = {}): SelfTestResult => ({
    modality: 'fingerprint',
    ok: steps.length > 0 && steps.every((s) => s.ok),
    steps,
    ...extra,
    at: opts.now().toISOString(),
  });
  await device?.ready();
  const driver = device?.driver() ?? null;
  if (!device || !driver) {
    const m = device?.info(L).message ?? selfTestText(L, 'unknown');
    steps.push({
      name: selfTestText(L, 'handshake'),
      ok: false,
      detail: selfTestText(L, 'notReady', { m }),
    });
    return done();
  }
  try {
    await driver.handshake();
    steps.push({
      name: selfTestText(L, 'handshake'),
      ok: true,
      detail: selfTestText(L, 'handshakeOk'),
    });
  } catch (e) {
    steps.push({ name: selfTestText(L, 'handshake'), ok: false, detail: errText(e) });
    return done();
  }
  try {
    const p = await driver.readSysPara();
    steps.push({
      name: selfTestText(L, 'sysPara'),
      ok: true,
      detail: selfTestText(L, 'sysParaOk', {
        id: p.systemId.toString(16).toUpperCase(),
        cap: p.capacity,
        sec: p.securityLevel,
        pkt: p.packetSize,
        baud: p.baud,
      }),
    });
  } catch (e) {
    steps.push({ name: selfTestText(L, 'sysPara'), ok: false, detail: errText(e) });
    return done();
  }
  const waitMs = opts.fingerTimeoutMs ?? 20_000;
  const signal = AbortSignal.timeout(waitMs);
  // Finger 2 (right index): on the simulator a clear finger lands after the resident's delay.
  device.beginCapture(2);
  try {
    const img = await driver.captureImage({ signal });
    const q = fingerprintQuality(img.gray, img.width, img.height).score;
    const png = await encodeGrayPng(img.gray, img.width, img.height);
    steps.push({
      name: selfTestText(L, 'capture'),
      ok: true,
      detail: selfTestText(L, 'captureOk', { w: IMAGE_WIDTH, h: IMAGE_HEIGHT, q }),
    });
    return done({ imageDataUrl: `data:image/png;base64,${png.toString('base64')}`, quality: q });
  } catch (e) {
    const detail = signal.aborted
      ? selfTestText(L, 'captureWait', { s: Math.round(waitMs / 1000) })
      : errText(e);
    steps.push({ name: selfTestText(L, 'capture'), ok: false, detail });
    return done();
  } finally {
    device.endCapture(2);
  }
}

/**
 * What the signature self-test needs of the station's pad (the signature-device module
 * provides it): the capability as the pad reports it now, and a short live draw during which
 * the simulated pad draws its scripted strokes and a real one waits for the technician's pen.
 */
export interface SignatureTestPort {
  info(locale: Locale): SignatureDeviceInfo;
  readCapability(): Promise<PadCapability & { model?: string }>;
  drawTest(ms: number, signal: AbortSignal): Promise<{ points: PenPoint[]; reports: number }>;
}

export interface SignatureSelfTestOptions {
  locale: Locale;
  now: () => Date;
  drawMs?: number;
}

/** Capability read + a short live draw: reports per second and the pressure range seen. */
export async function signatureSelfTest(
  pad: SignatureTestPort | null,
  opts: SignatureSelfTestOptions,
): Promise<SelfTestResult> {
  const L = opts.locale;
  const steps: SelfTestStep[] = [];
  const done = (extra: Partial<SelfTestResult> = {}): SelfTestResult => ({
    modality: 'signature',
    ok: steps.length > 0 && steps.every((s) => s.ok),
    steps,
    ...extra,
    at: opts.now().toISOString(),
  });
  if (!pad) {
    steps.push({
      name: selfTestText(L, 'capability'),
      ok: false,
      detail: selfTestText(L, 'notReady', { m: selfTestText(L, 'unknown') }),
    });
    return done();
  }
  try {
    const c = await pad.readCapability();
    steps.push({
      name: selfTestText(L, 'capability'),
      ok: true,
      detail: selfTestText(L, 'capabilityOk', {
        model: c.model ?? pad.info(L).model ?? '?',
        maxX: c.maxX,
        maxY: c.maxY,
        maxP: c.maxPressure,
        w: c.widthMm,
        h: c.heightMm,
      }),
    });
  } catch (e) {
    steps.push({ name: selfTestText(L, 'capability'), ok: false, detail: errText(e) });
    return done();
  }
  const drawMs = opts.drawMs ?? 3000;
  const started = performance.now();
  try {
    const { points, reports } = await pad.drawTest(drawMs, AbortSignal.timeout(drawMs + 5000));
    const ms = Math.max(1, Math.round(performance.now() - started));
    const inked = points.filter((p) => p.p > 0).map((p) => p.p);
    if (reports === 0 || inked.length === 0) {
      steps.push({
        name: selfTestText(L, 'draw'),
        ok: false,
        detail: selfTestText(L, 'drawNothing', { s: Math.round(drawMs / 1000) }),
      });
      return done({ reportsPerSecond: 0 });
    }
    // Rate over the span the pen was actually reporting, not the whole wait.
    const ts = points.map((p) => p.t);
    const span = Math.max(...ts) - Math.min(...ts);
    const rate =
      span > 0
        ? Math.round(((points.length - 1) * 1000) / span)
        : Math.round((reports * 1000) / ms);
    const range: [number, number] = [
      Math.round(Math.min(...inked) * 1000) / 1000,
      Math.round(Math.max(...inked) * 1000) / 1000,
    ];
    steps.push({
      name: selfTestText(L, 'draw'),
      ok: true,
      detail: selfTestText(L, 'drawOk', { n: reports, ms, rate, pmin: range[0], pmax: range[1] }),
    });
    // Bounded: a stuck pen must not turn the reply into megabytes.
    return done({ reportsPerSecond: rate, pressureRange: range, points: points.slice(0, 4000) });
  } catch (e) {
    steps.push({ name: selfTestText(L, 'draw'), ok: false, detail: errText(e) });
    return done();
  }
}
