import { useTranslation } from 'react-i18next';
import type { RecapDay } from '../../../../src-main/api/contract-supervisor';

const W = 760;
const H = 240;
const PAD = { top: 16, right: 12, bottom: 36, left: 40 };

/** Bars per day with their count on top, a dashed quota line, date labels every 5 days. */
export function RecapChart({ days, quota }: { days: RecapDay[]; quota: number }) {
  const { t } = useTranslation();
  const max = Math.max(quota, ...days.map((d) => d.count), 1) * 1.1;
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(days.length, 1);
  const y = (v: number) => PAD.top + plotH - (v / max) * plotH;
  return (
    <svg
      className="recap-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={t('sup.recap.chartLabel', { quota })}
      data-testid="recap-chart"
    >
      <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} stroke="currentColor" />
      <text x={PAD.left - 6} y={y(0) + 4} textAnchor="end">
        0
      </text>
      {days.map((d, i) => {
        const x = PAD.left + i * slot + slot * 0.15;
        const w = slot * 0.7;
        return (
          <g key={d.date} data-testid="recap-bar" data-date={d.date} data-count={d.count}>
            <rect
              className={`bar${d.count >= quota ? ' bar--over' : ''}`}
              x={x}
              y={y(d.count)}
              width={w}
              height={Math.max(0, y(0) - y(d.count))}
            >
              <title>{`${d.date}: ${d.count}`}</title>
            </rect>
            {d.count > 0 ? (
              <text x={x + w / 2} y={y(d.count) - 3} textAnchor="middle">
                {d.count}
              </text>
            ) : null}
            {i % 5 === 4 || i === days.length - 1 ? (
              <text x={x + w / 2} y={H - PAD.bottom + 16} textAnchor="middle">
                {d.date.slice(8, 10)}/{d.date.slice(5, 7)}
              </text>
            ) : null}
          </g>
        );
      })}
      <line className="quota" x1={PAD.left} x2={W - PAD.right} y1={y(quota)} y2={y(quota)} />
      <text x={PAD.left - 6} y={y(quota) + 4} textAnchor="end">
        {quota}
      </text>
      <text x={W - PAD.right} y={y(quota) - 5} textAnchor="end">
        {t('sup.recap.quota', { quota })}
      </text>
    </svg>
  );
}
