// Is what the resident drew a signature? Counts over the pen points (points, strokes, ink length,
// time) with the thresholds below which it is a dab or a tick, and the card-sized image.
import sharp from 'sharp';
import type { PenPoint } from '../../api/contract';
import { defineMessages, translator, type Locale } from '../../domain/i18n';
import signatureInkText from './signature-ink.json' with { type: 'json' };

/** Below any of these, what was drawn is a dab or a tick, not a signature. */
export const MIN_POINTS = 20;
export const MIN_INK_MM = 15;
export const MIN_DURATION_MS = 300;
export const CARD_WIDTH = 600;
export const CARD_HEIGHT = 200;

const TEXT = defineMessages('services/recording/signature-ink', signatureInkText);

const t = translator(TEXT);

export interface InkStats {
  pointCount: number;
  strokeCount: number;
  durationMs: number;
  inkMm: number;
}

/** Counts over ink points (p > 0); strokes are runs of ink between pen lifts (p = 0). */
export function inkStats(points: readonly PenPoint[]): InkStats {
  let pointCount = 0;
  let strokeCount = 0;
  let inkMm = 0;
  let first: number | null = null;
  let last = 0;
  let prev: PenPoint | null = null;
  for (const pt of points) {
    if (pt.p <= 0) {
      prev = null;
      continue;
    }
    pointCount += 1;
    if (!prev) strokeCount += 1;
    else inkMm += Math.hypot(pt.x - prev.x, pt.y - prev.y);
    first ??= pt.t;
    last = pt.t;
    prev = pt;
  }
  return { pointCount, strokeCount, durationMs: first === null ? 0 : last - first, inkMm };
}

/** Why the ink is not a signature, or null when it is long enough. */
export function tooShortDetail(s: InkStats, locale: Locale): string | null {
  if (s.pointCount < MIN_POINTS) {
    return t(locale, 'detailPoints', { n: s.pointCount, min: MIN_POINTS });
  }
  if (s.inkMm < MIN_INK_MM)
    return t(locale, 'detailInk', { n: Math.round(s.inkMm), min: MIN_INK_MM });
  if (s.durationMs < MIN_DURATION_MS) {
    return t(locale, 'detailTime', { n: Math.round(s.durationMs), min: MIN_DURATION_MS });
  }
  return null;
}

/**
 * The card image: the ink fitted into 600×200 (aspect kept, centred, a margin), black on
 * white, the line width following the pen pressure, as an 8-bit grey PNG.
 */
export async function renderSignaturePng(points: readonly PenPoint[]): Promise<Buffer> {
  const ink = points.filter((p) => p.p > 0);
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of ink) {
    minX = Math.min(minX, p.x);
    maxX = Math.max(maxX, p.x);
    minY = Math.min(minY, p.y);
    maxY = Math.max(maxY, p.y);
  }
  const margin = 14;
  const w = maxX - minX;
  const h = maxY - minY;
  // A straight stroke has no height (or width): scale by the other side, centre it anyway.
  const scale = Math.min(
    (CARD_WIDTH - 2 * margin) / Math.max(w, 1),
    (CARD_HEIGHT - 2 * margin) / Math.max(h, 1),
  );
  const ox = (CARD_WIDTH - w * scale) / 2 - minX * scale;
  const oy = (CARD_HEIGHT - h * scale) / 2 - minY * scale;
  const lines: string[] = [];
  let prev: PenPoint | null = null;
  for (const p of points) {
    if (p.p <= 0) {
      prev = null;
      continue;
    }
    const a = prev ?? p;
    const width = (1.2 + 3.6 * ((a.p + p.p) / 2)).toFixed(2);
    lines.push(
      `<line x1="${(a.x * scale + ox).toFixed(1)}" y1="${(a.y * scale + oy).toFixed(1)}" x2="${(p.x * scale + ox).toFixed(1)}" y2="${(p.y * scale + oy).toFixed(1)}" stroke-width="${width}"/>`,
    );
    prev = p;
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${CARD_WIDTH}" height="${CARD_HEIGHT}"><rect width="100%" height="100%" fill="#fff"/><g stroke="#000" stroke-linecap="round" fill="none">${lines.join('')}</g></svg>`;
  return sharp(Buffer.from(svg))
    .flatten({ background: '#ffffff' })
    .toColourspace('b-w')
    .png({ compressionLevel: 9 })
    .toBuffer();
}
