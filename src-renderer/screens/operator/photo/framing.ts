import { FRAMING_GUIDE, ICAO } from '../../../../src-main/domain/photo-geometry';
/**
 * Where the framing guide sits on a camera frame: the same numbers the pipeline crops with
 * (src-main/domain/photo-geometry.ts), so a resident whose head fills the oval gets the same
 * crop even when no face is detected.
 */
export const GUIDE = {
  centerX: FRAMING_GUIDE.centerX,
  centerY: FRAMING_GUIDE.centerY,
  headHeight: FRAMING_GUIDE.headHeight,
  aspect: FRAMING_GUIDE.aspect,
  headInCrop: ICAO.headTarget,
  cropTopMargin: ICAO.topMargin,
  /** Eyes sit about half way between crown and chin. */
  eyes: 0.5,
} as const;

export interface GuideGeometry {
  /** The part of the frame that becomes the photo. */
  crop: { x: number; y: number; width: number; height: number };
  oval: { cx: number; cy: number; rx: number; ry: number };
  crownY: number;
  chinY: number;
  eyeY: number;
}

export function guideGeometry(frameWidth: number, frameHeight: number): GuideGeometry {
  const head = GUIDE.headHeight * frameHeight;
  const cx = GUIDE.centerX * frameWidth;
  const cy = GUIDE.centerY * frameHeight;
  const crownY = cy - head / 2;
  const chinY = cy + head / 2;
  const height = head / GUIDE.headInCrop;
  const width = (height * 3) / 4;
  return {
    crop: { x: cx - width / 2, y: crownY - GUIDE.cropTopMargin * height, width, height },
    oval: { cx, cy, rx: (head * GUIDE.aspect) / 2, ry: head / 2 },
    crownY,
    chinY,
    eyeY: crownY + GUIDE.eyes * head,
  };
}
