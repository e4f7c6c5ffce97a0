import type { PhotoSettings } from '../domain/photo-checks';

/**
 * Station defaults. The exact KTP-el pixel size is unconfirmed (DOMAIN.md), so everything here
 * is a starting point a supervisor can change with `photo.setSettings`.
 */
export const DEFAULT_PHOTO_SETTINGS: PhotoSettings = {
  width: 480,
  height: 640,
  jpegQuality: 90,
  thumbWidth: 120,
  redReference: [204, 28, 36],
  blueReference: [28, 102, 196],
  backgroundTolerance: 25,
};

export {
  FRAMING_GUIDE,
  ICAO,
  guideHead,
  icaoCrop,
  type HeadPlacement,
  type Rect,
} from '../domain/photo-geometry';
