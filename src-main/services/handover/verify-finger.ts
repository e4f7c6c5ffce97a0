// The 1:1 check on the module itself: the resident's live finger into char buffer 1 (GenImg,
// Img2Tz), the template kept at recording down into char buffer 2 (DownChar), then Match. No
// image leaves the module, nothing is stored: only the score comes back.
import type { FingerprintDriver } from '../../../drivers/fingerprint/driver';
import { FingerprintError, isFingerprintError } from '../../../drivers/fingerprint/errors';
import type { FingerprintDevice } from '../devices/fingerprint-device';

export type LiveMatch =
  | { kind: 'score'; score: number }
  | { kind: 'bad-image' }
  | { kind: 'no-finger' }
  | { kind: 'cancelled' };

const BAD_IMAGE = new Set(['IMAGE_MESSY', 'TOO_FEW_FEATURES', 'NO_VALID_IMAGE', 'CAPTURE_FAILED']);

export async function matchLiveFinger(
  device: FingerprintDevice,
  driver: FingerprintDriver,
  finger: number,
  template: Uint8Array,
  o: { signal: AbortSignal; waitMs: number },
): Promise<LiveMatch> {
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, o.waitMs);
  const abort = new AbortController();
  const onOuter = () => abort.abort();
  o.signal.addEventListener('abort', onOuter, { once: true });
  const signal = abort.signal;
  // A simulated scanner: the simulated resident puts the asked finger down (or the one the
  // test chose with presentInstead).
  device.beginCapture(finger);
  try {
    await driver.waitForImage({ signal, pollMs: 50 });
    clearTimeout(timer);
    await driver.img2Tz(1, { signal });
    await driver.downChar(2, template, { signal });
    const { score } = await driver.match({ signal });
    return { kind: 'score', score };
  } catch (e) {
    if (timedOut) return { kind: 'no-finger' };
    if (isFingerprintError(e, 'CANCELLED') || signal.aborted) return { kind: 'cancelled' };
    if (e instanceof FingerprintError && BAD_IMAGE.has(e.code)) return { kind: 'bad-image' };
    throw e;
  } finally {
    clearTimeout(timer);
    o.signal.removeEventListener('abort', onOuter);
    device.endCapture(finger);
  }
}
