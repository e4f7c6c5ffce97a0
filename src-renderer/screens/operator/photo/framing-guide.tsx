import { useTranslation } from 'react-i18next';
import { guideGeometry } from './framing';

/**
 * The overlay drawn on the live preview, in the video's own pixel space (viewBox) so it sits
 * on the same spot of the frame whatever the screen size. The area outside the 3:4 crop is
 * dimmed: what is dim will not be in the photo.
 */
export function FramingGuide({ width, height }: { width: number; height: number }) {
  const { t } = useTranslation();
  const g = guideGeometry(width, height);
  const { crop, oval } = g;
  const tick = crop.width * 0.12;
  const stroke = Math.max(2, height / 240);
  return (
    <svg
      className="framing-guide"
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="xMidYMid meet"
      role="img"
      aria-label={t('photo.guideLabel')}
      data-testid="framing-guide"
    >
      <path
        fillRule="evenodd"
        fill="rgb(0 0 0 / 0.45)"
        d={`M0 0H${width}V${height}H0Z M${crop.x} ${crop.y}h${crop.width}v${crop.height}h${-crop.width}Z`}
      />
      <rect
        x={crop.x}
        y={crop.y}
        width={crop.width}
        height={crop.height}
        fill="none"
        stroke="#fff"
        strokeWidth={stroke}
        strokeOpacity={0.8}
      />
      <ellipse
        cx={oval.cx}
        cy={oval.cy}
        rx={oval.rx}
        ry={oval.ry}
        fill="none"
        stroke="#fde047"
        strokeWidth={stroke * 1.5}
        strokeDasharray={`${stroke * 6} ${stroke * 4}`}
      />
      <line
        x1={crop.x + crop.width * 0.18}
        x2={crop.x + crop.width * 0.82}
        y1={g.eyeY}
        y2={g.eyeY}
        stroke="#fde047"
        strokeWidth={stroke}
        strokeOpacity={0.9}
      />
      {[g.crownY, g.chinY].map((y) => (
        <g key={y} stroke="#fff" strokeWidth={stroke * 1.5}>
          <line x1={crop.x} x2={crop.x + tick} y1={y} y2={y} />
          <line x1={crop.x + crop.width - tick} x2={crop.x + crop.width} y1={y} y2={y} />
        </g>
      ))}
      <g fill="#fff" fontSize={height / 28} fontWeight={700} fontFamily="system-ui, sans-serif">
        <text x={crop.x + crop.width + height / 80} y={g.crownY} dominantBaseline="middle">
          {t('photo.guideCrown')}
        </text>
        <text x={crop.x + crop.width + height / 80} y={g.eyeY} dominantBaseline="middle">
          {t('photo.guideEyes')}
        </text>
        <text x={crop.x + crop.width + height / 80} y={g.chinY} dominantBaseline="middle">
          {t('photo.guideChin')}
        </text>
      </g>
    </svg>
  );
}
