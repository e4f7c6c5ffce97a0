import type { PhotoCheck, PhotoSettings } from '../domain/photo-checks';
import type { Locale } from '../domain/i18n';
import type { ImageMeasures } from './measures';
import { photoMsg } from './messages';
import { roundTo, THRESHOLDS } from './thresholds';

/** The background check: the backdrop's colour against the reference for the birth year. */

type Lab = [number, number, number];

export function srgbToLab([r, g, b]: readonly [number, number, number]): Lab {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const R = lin(r);
  const G = lin(g);
  const B = lin(b);
  // D65 white.
  const x = (0.4124564 * R + 0.3575761 * G + 0.1804375 * B) / 0.95047;
  const y = 0.2126729 * R + 0.7151522 * G + 0.072175 * B;
  const z = (0.0193339 * R + 0.119192 * G + 0.9503041 * B) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  const fx = f(x);
  const fy = f(y);
  const fz = f(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

export function deltaE76(a: Lab, b: Lab): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

const hue = (l: Lab) => (Math.atan2(l[2], l[1]) * 180) / Math.PI;
const hueDistance = (a: Lab, b: Lab) => {
  const d = Math.abs(hue(a) - hue(b)) % 360;
  return d > 180 ? 360 - d : d;
};

/** RED for odd birth years, BLUE for even ones (DOMAIN.md). */
export function checkBackground(
  m: ImageMeasures,
  birthYear: number | null,
  settings: PhotoSettings,
  locale: Locale,
): PhotoCheck {
  if (birthYear === null)
    return { id: 'background', result: 'warn', message: photoMsg(locale, 'backgroundUnknownYear') };
  const odd = birthYear % 2 !== 0;
  const params = {
    colour: photoMsg(locale, odd ? 'red' : 'blue'),
    parity: photoMsg(locale, odd ? 'odd' : 'even'),
  };
  const sample = srgbToLab(m.background);
  const want = srgbToLab(odd ? settings.redReference : settings.blueReference);
  const other = srgbToLab(odd ? settings.blueReference : settings.redReference);
  const d = deltaE76(sample, want);
  const v = roundTo(d, 1);
  if (d <= settings.backgroundTolerance)
    return {
      id: 'background',
      result: 'pass',
      message: photoMsg(locale, 'backgroundOk', params),
      value: v,
    };
  // Lighting changes lightness and chroma but hardly the hue: a dim red wall is still red.
  const chroma = Math.hypot(sample[1], sample[2]);
  const hueWant = hueDistance(sample, want);
  if (chroma >= 10 && hueWant <= THRESHOLDS.hueClose && hueWant < hueDistance(sample, other))
    return {
      id: 'background',
      result: 'warn',
      message: photoMsg(locale, 'backgroundOff', params),
      value: v,
    };
  return {
    id: 'background',
    result: 'fail',
    message: photoMsg(locale, 'backgroundWrong', params),
    value: v,
  };
}
