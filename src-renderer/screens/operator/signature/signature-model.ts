import type { PenPoint } from '../../../../src-main/api/contract';

export interface LiveStats {
  pointCount: number;
  strokeCount: number;
  inkMm: number;
}

/** The same counts the station checks on accept (ink points, strokes, length of ink). */
export function liveStats(points: readonly PenPoint[]): LiveStats {
  let pointCount = 0;
  let strokeCount = 0;
  let inkMm = 0;
  let prev: PenPoint | null = null;
  for (const p of points) {
    if (p.p <= 0) {
      prev = null;
      continue;
    }
    pointCount += 1;
    if (!prev) strokeCount += 1;
    else inkMm += Math.hypot(p.x - prev.x, p.y - prev.y);
    prev = p;
  }
  return { pointCount, strokeCount, inkMm };
}

/** Line width in CSS pixels for a pen pressure 0–1 (a light touch stays visible). */
export const lineWidth = (p: number, pxPerMm: number) =>
  Math.max(1, (0.25 + 0.75 * Math.min(1, Math.max(0, p))) * 0.6 * pxPerMm);
