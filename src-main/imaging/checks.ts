import type { CheckResult, PhotoCheck } from '../domain/photo-checks';
import type { Locale } from '../domain/i18n';
import type { ImageMeasures } from './measures';
import { photoMsg } from './messages';
import { roundTo, THRESHOLDS } from './thresholds';

/*
 * The photo quality checks: face (on the detection in the camera frame), exposure, sharpness and
 * background (on the processed photo's pixel measures) and the glasses prompt. Thresholds are
 * calibrated on the real-photo fixtures in test/helpers/photo-fixtures.ts and documented in
 * docs/photo-pipeline.md.
 */

export { THRESHOLDS } from './thresholds';
export { checkFace, headGeometry, type FaceInput } from './face-check';
export { checkBackground } from './background-check';
export { measure, type ImageMeasures } from './measures';

const worstOf = (a: CheckResult, b: CheckResult): CheckResult => {
  const rank = { pass: 0, warn: 1, fail: 2 } as const;
  return rank[b] > rank[a] ? b : a;
};

/**
 * The verdict of an attempt. The glasses check is a prompt the operator answers with the
 * no-glasses confirmation on accept, so it does not colour the verdict: otherwise every good
 * photo would read "check needed" and operators would learn to ignore the badge.
 */
export function worstResult(checks: readonly PhotoCheck[]): CheckResult {
  return checks
    .filter((c) => c.id !== 'glasses')
    .reduce<CheckResult>((w, c) => worstOf(w, c.result), 'pass');
}

export function checkExposure(m: ImageMeasures, locale: Locale): PhotoCheck {
  const v = roundTo(m.faceLuma, 1);
  const t = THRESHOLDS;
  if (m.faceLuma < t.lumaFailLow)
    return { id: 'exposure', result: 'fail', message: photoMsg(locale, 'exposureDark'), value: v };
  if (m.faceLuma > t.lumaFailHigh)
    return {
      id: 'exposure',
      result: 'fail',
      message: photoMsg(locale, 'exposureBright'),
      value: v,
    };
  if (m.highlights > t.clipFail)
    return {
      id: 'exposure',
      result: 'fail',
      message: photoMsg(locale, 'exposureHighlights'),
      value: v,
    };
  if (m.shadows > t.clipFail)
    return {
      id: 'exposure',
      result: 'fail',
      message: photoMsg(locale, 'exposureShadows'),
      value: v,
    };
  if (m.faceLuma < t.lumaWarnLow)
    return { id: 'exposure', result: 'warn', message: photoMsg(locale, 'exposureDark'), value: v };
  if (m.faceLuma > t.lumaWarnHigh)
    return {
      id: 'exposure',
      result: 'warn',
      message: photoMsg(locale, 'exposureBright'),
      value: v,
    };
  if (m.highlights > t.clipWarn)
    return {
      id: 'exposure',
      result: 'warn',
      message: photoMsg(locale, 'exposureHighlights'),
      value: v,
    };
  if (m.shadows > t.clipWarn)
    return {
      id: 'exposure',
      result: 'warn',
      message: photoMsg(locale, 'exposureShadows'),
      value: v,
    };
  return { id: 'exposure', result: 'pass', message: photoMsg(locale, 'exposureOk'), value: v };
}

export function checkSharpness(m: ImageMeasures, locale: Locale): PhotoCheck {
  const v = roundTo(m.sharpness, 4);
  if (m.sharpness < THRESHOLDS.sharpFail)
    return { id: 'sharpness', result: 'fail', message: photoMsg(locale, 'sharpBlurred'), value: v };
  if (m.sharpness < THRESHOLDS.sharpWarn)
    return { id: 'sharpness', result: 'warn', message: photoMsg(locale, 'sharpSoft'), value: v };
  return { id: 'sharpness', result: 'pass', message: photoMsg(locale, 'sharpOk'), value: v };
}

export function checkGlasses(locale: Locale): PhotoCheck {
  // The detector cannot tell glasses or contact lenses apart reliably: the operator confirms.
  return { id: 'glasses', result: 'warn', message: photoMsg(locale, 'glassesPrompt') };
}
