import { useTranslation } from 'react-i18next';
import type { FingerprintSet } from '../../../../src-main/api/contract';
import { digitOf, fingerName } from '../../../../src-main/domain/fingers';
import { currentLocale } from '../../../i18n';
import { fingerOf, toneOf } from './fingerprint-model';

// Both hands palm down, as the resident sees them on the desk: left hand on the left (thumb
// pointing right), right hand on the right (thumb pointing left).
const SHAPES: Record<string, { x: number; h: number; rotate?: number; y?: number }> = {
  thumb: { x: 16, h: 62, rotate: -38, y: 128 },
  index: { x: 52, h: 82 },
  middle: { x: 84, h: 94 },
  ring: { x: 116, h: 86 },
  little: { x: 148, h: 66 },
};
const PALM_TOP = 112;
const W = 26;

function Hand({
  hand,
  set,
  current,
  onPick,
}: {
  hand: 'right' | 'left';
  set: FingerprintSet;
  current: number;
  onPick: (finger: number) => void;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const fingers = hand === 'right' ? [1, 2, 3, 4, 5] : [6, 7, 8, 9, 10];
  // Drawn as a right hand; the left one is its mirror image (positions only, so the marks
  // inside the fingers still read the right way round).
  const mx = (x: number, w = 0) => (hand === 'left' ? 190 - x - w : x);
  return (
    <g>
      <rect
        x={mx(44, 136)}
        y={PALM_TOP - 6}
        width={136}
        height={100}
        rx={34}
        className="hand__palm"
      />
      {fingers.map((f) => {
        const s = SHAPES[digitOf(f)]!;
        const rec = fingerOf(set, f);
        const tone = rec ? toneOf(rec) : 'pending';
        const y = (s.y ?? PALM_TOP) - s.h;
        const x = mx(s.x, W);
        const cx = x + W / 2;
        const rotate = s.rotate ? (hand === 'left' ? -s.rotate : s.rotate) : 0;
        const label = `${fingerName(f, locale)} — ${t(`fingerprint.tone.${tone}`)}`;
        return (
          <g
            key={f}
            transform={rotate ? `rotate(${rotate} ${cx} ${y + s.h})` : undefined}
            className={`hand__finger hand__finger--${tone}${f === current ? ' hand__finger--current' : ''}`}
            role="button"
            tabIndex={-1}
            aria-label={label}
            data-testid={`hand-finger-${f}`}
            onClick={() => onPick(f)}
          >
            <title>{label}</title>
            <rect x={x} y={y} width={W} height={s.h + 14} rx={W / 2} />
            {tone === 'exception' ? (
              <path
                d={`M${x + 6} ${y + 10} l14 14 M${x + 20} ${y + 10} l-14 14`}
                className="hand__mark"
              />
            ) : tone === 'ok' || tone === 'forced' ? (
              <path d={`M${x + 6} ${y + 18} l5 6 l10 -12`} className="hand__mark" />
            ) : tone === 'duplicate' ? (
              <text x={cx} y={y + 24} textAnchor="middle" className="hand__text">
                !
              </text>
            ) : null}
          </g>
        );
      })}
      <text x={95} y={228} textAnchor="middle" className="hand__label">
        {t(`fingerprint.hand.${hand}`)}
      </text>
    </g>
  );
}

/** Which finger is asked for, and which are done, excepted or suspicious, at a glance. */
export function HandDiagram(props: {
  set: FingerprintSet;
  current: number;
  onPick: (finger: number) => void;
}) {
  const { t } = useTranslation();
  return (
    <svg
      viewBox="0 0 420 240"
      className="hand-diagram"
      role="group"
      aria-label={t('fingerprint.diagramLabel')}
      data-testid="hand-diagram"
    >
      <Hand hand="left" {...props} />
      <g transform="translate(230 0)">
        <Hand hand="right" {...props} />
      </g>
    </svg>
  );
}
