// The signature self-test's view of a pad driver: the capability the pad reported when opened
// and a short live draw through a real signing session (the simulated pad plays its scripted
// strokes; a real pad waits for the technician's pen).
import type { PadCapability, PenPoint, SignatureDeviceInfo } from '../../api/contract';
import type { PadSample, SignaturePadDriver } from '../../../drivers/signature-pad/driver';
import type { SignatureTestPort } from './self-test';
import type { Locale } from '../../domain/i18n';

export interface PadTestPortOptions {
  driver: () => SignaturePadDriver | null;
  info: (locale: Locale) => SignatureDeviceInfo;
  /** Simulated pad only: draws the test strokes; resolves when they are drawn. */
  simulateDraw?: (() => Promise<void>) | null;
}

export function padTestPort(opts: PadTestPortOptions): SignatureTestPort {
  const need = () => {
    const d = opts.driver();
    const desc = d?.description();
    if (!d || !desc) throw new Error(opts.info('id').message ?? 'pad not open');
    return { d, desc };
  };
  return {
    info: (L) => opts.info(L),
    async readCapability(): Promise<PadCapability & { model?: string }> {
      const { desc } = need();
      return {
        model: desc.model,
        maxX: desc.maxX,
        maxY: desc.maxY,
        maxPressure: desc.maxPressure,
        widthMm: desc.widthMm,
        heightMm: desc.heightMm,
        reportRate: desc.reportRate,
      };
    },
    async drawTest(ms, signal) {
      const { d } = need();
      const points: PenPoint[] = [];
      let t0: number | null = null;
      const onSample = (s: PadSample) => {
        t0 ??= s.t;
        points.push({ x: s.x, y: s.y, p: s.tip ? s.p : 0, t: s.t - t0 });
      };
      const session = await d.beginSession();
      d.on('sample', onSample);
      try {
        const wait = new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, ms);
          signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
        });
        // The simulated pen finishes its strokes well within the window; stop then.
        await Promise.race([wait, opts.simulateDraw ? opts.simulateDraw() : wait]);
      } finally {
        d.off('sample', onSample);
        await session.end();
      }
      return { points, reports: points.length };
    },
  };
}

/** The station's signature device (signature-device.ts) as the self-test sees it. */
export function signatureDeviceTestPort(dev: {
  readonly simulated: boolean;
  info(locale: Locale): SignatureDeviceInfo;
  driver(): SignaturePadDriver | null;
  simulate(script: 'signature'): Promise<void>;
}): SignatureTestPort {
  return padTestPort({
    driver: () => dev.driver(),
    info: (L) => dev.info(L),
    // A real pad waits for the technician's pen for the whole window.
    simulateDraw: () => (dev.simulated ? dev.simulate('signature') : new Promise<void>(() => {})),
  });
}
