/**
 * Photo geometry shared by the camera preview (renderer) and the pipeline (main): where the
 * framing guide sits on a frame and how the 3:4 ICAO crop is placed around a head. Pure, so the
 * renderer draws exactly the oval and crop the pipeline uses.
 */

/**
 * The framing guide drawn over the camera preview: a head oval centred horizontally, as
 * fractions of the frame. The renderer draws the same oval (see docs/photo-pipeline.md), so a
 * resident who fills the oval ends up with a compliant crop even when no face is detected.
 */
export const FRAMING_GUIDE = {
  /** Centre of the oval (head centre, half way between chin and crown). */
  centerX: 0.5,
  centerY: 0.45,
  /** Chin-to-crown height of the oval as a fraction of the frame height. */
  headHeight: 0.42,
  /** Oval width relative to its height (a typical head is about 3:4). */
  aspect: 0.75,
} as const;

/** ICAO 9303-style placement inside the 3:4 output. */
export const ICAO = {
  /** Chin-to-crown as a fraction of the output height; aim for the middle of 70–80 %. */
  headTarget: 0.75,
  headMin: 0.7,
  headMax: 0.8,
  /** Space above the crown as a fraction of the output height. */
  topMargin: 0.1,
} as const;

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** Where the head is in the (oriented) frame, in pixels. */
export interface HeadPlacement {
  /** Horizontal centre of the head. */
  centerX: number;
  /** Crown (top of the head) and chin. */
  crownY: number;
  chinY: number;
}

export function guideHead(frameWidth: number, frameHeight: number): HeadPlacement {
  const h = FRAMING_GUIDE.headHeight * frameHeight;
  const cy = FRAMING_GUIDE.centerY * frameHeight;
  return { centerX: FRAMING_GUIDE.centerX * frameWidth, crownY: cy - h / 2, chinY: cy + h / 2 };
}

/**
 * The 3:4 crop that puts the head at `ICAO.headTarget` of the height with the crown
 * `ICAO.topMargin` from the top. It may reach outside the frame: callers extend the frame with
 * its edge colour rather than shrink the head, so the geometry stays right.
 */
export function icaoCrop(head: HeadPlacement): Rect {
  const headHeight = Math.max(1, head.chinY - head.crownY);
  const height = headHeight / ICAO.headTarget;
  const width = (height * 3) / 4;
  return {
    left: Math.round(head.centerX - width / 2),
    top: Math.round(head.crownY - ICAO.topMargin * height),
    width: Math.max(3, Math.round(width)),
    height: Math.max(4, Math.round(height)),
  };
}
