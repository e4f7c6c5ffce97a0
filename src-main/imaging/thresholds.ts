/*
 * Thresholds of the photo quality checks, calibrated on the real-photo fixtures in
 * test/helpers/photo-fixtures.ts and documented in docs/photo-pipeline.md.
 */
export const THRESHOLDS = {
  /** Head centre distance from the guide centre, as a fraction of the frame's width/height. */
  centreWarn: 0.1,
  centreFail: 0.2,
  /** Chin-to-crown as a fraction of the frame height. */
  headFail: 0.2,
  headWarn: 0.28,
  headTooLarge: 0.75,
  /** Roll in degrees; up to `rollCorrect` the pipeline levels the eyes itself. */
  rollCorrect: 10,
  rollFail: 20,
  /** Mean face luma (0–255). */
  lumaFailLow: 70,
  lumaWarnLow: 95,
  lumaWarnHigh: 195,
  lumaFailHigh: 225,
  /** Share of clipped face pixels. */
  clipWarn: 0.05,
  clipFail: 0.15,
  /** Variance of the Laplacian over the variance of the intensity (size- and gain-free). */
  sharpFail: 0.0015,
  sharpWarn: 0.003,
  /** Hue distance (degrees) within which an off-tone backdrop is "the right colour, badly lit". */
  hueClose: 30,
} as const;

/** A measured figure as reported with a check's verdict. */
export const roundTo = (v: number, digits = 3) => Number(v.toFixed(digits));
