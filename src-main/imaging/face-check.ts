import type { PhotoCheck } from '../domain/photo-checks';
import type { DetectedFace } from './face-detector';
import { FRAMING_GUIDE } from './geometry';
import type { Locale } from '../domain/i18n';
import { photoMsg } from './messages';
import { roundTo, THRESHOLDS } from './thresholds';

/** The face check, on the detection in the camera frame (placement, size, roll). */

export interface FaceInput {
  /** null when the detector could not run at all. */
  faces: DetectedFace[] | null;
  frameWidth: number;
  frameHeight: number;
}

export function checkFace(input: FaceInput, locale: Locale): PhotoCheck {
  const { faces, frameWidth: fw, frameHeight: fh } = input;
  if (!faces) return { id: 'face', result: 'warn', message: photoMsg(locale, 'faceUnavailable') };
  if (faces.length === 0)
    return { id: 'face', result: 'fail', message: photoMsg(locale, 'faceNone'), value: 0 };
  if (faces.length > 1)
    return {
      id: 'face',
      result: 'fail',
      message: photoMsg(locale, 'faceMany'),
      value: faces.length,
    };
  const f = faces[0] as DetectedFace;
  const g = headGeometry(f);
  const dx = Math.abs(g.centerX / fw - FRAMING_GUIDE.centerX);
  const dy = Math.abs((g.crownY + g.chinY) / 2 / fh - FRAMING_GUIDE.centerY);
  const off = Math.max(dx, dy);
  const headShare = (g.chinY - g.crownY) / fh;
  const roll = Math.abs(f.roll);
  if (off > THRESHOLDS.centreFail)
    return {
      id: 'face',
      result: 'fail',
      message: photoMsg(locale, 'faceOffCentre'),
      value: roundTo(off),
    };
  if (headShare < THRESHOLDS.headFail)
    return {
      id: 'face',
      result: 'fail',
      message: photoMsg(locale, 'faceSmall'),
      value: roundTo(headShare),
    };
  if (headShare > THRESHOLDS.headTooLarge)
    return {
      id: 'face',
      result: 'fail',
      message: photoMsg(locale, 'faceLarge'),
      value: roundTo(headShare),
    };
  if (roll > THRESHOLDS.rollFail)
    return {
      id: 'face',
      result: 'fail',
      message: photoMsg(locale, 'faceTilted', { deg: Math.round(roll) }),
      value: roundTo(roll, 1),
    };
  if (roll > THRESHOLDS.rollCorrect)
    return {
      id: 'face',
      result: 'warn',
      message: photoMsg(locale, 'faceTilted', { deg: Math.round(roll) }),
      value: roundTo(roll, 1),
    };
  if (headShare < THRESHOLDS.headWarn)
    return {
      id: 'face',
      result: 'warn',
      message: photoMsg(locale, 'faceSmall'),
      value: roundTo(headShare),
    };
  if (off > THRESHOLDS.centreWarn)
    return {
      id: 'face',
      result: 'warn',
      message: photoMsg(locale, 'faceSlightlyOffCentre'),
      value: roundTo(off),
    };
  return { id: 'face', result: 'pass', message: photoMsg(locale, 'faceOk'), value: roundTo(off) };
}

/**
 * Chin-to-crown from the landmarks: the eyes sit about half way between chin and crown (a
 * classic anthropometric rule), which ignores hair volume as ICAO asks.
 */
export function headGeometry(f: DetectedFace): {
  centerX: number;
  crownY: number;
  chinY: number;
  eyeMid: { x: number; y: number };
  half: number;
} {
  const eyeMid = { x: (f.leftEye.x + f.rightEye.x) / 2, y: (f.leftEye.y + f.rightEye.y) / 2 };
  const half = Math.hypot(f.chin.x - eyeMid.x, f.chin.y - eyeMid.y);
  return { centerX: eyeMid.x, crownY: eyeMid.y - half, chinY: eyeMid.y + half, eyeMid, half };
}
