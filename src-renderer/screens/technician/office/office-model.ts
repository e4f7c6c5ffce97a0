/** Desk clock minus hub clock, for the technician: "+2 dtk", "−1 mnt 30 dtk", "—". */
export function skewText(skewMs: number | null, locale: 'id' | 'en'): string {
  if (skewMs === null) return '—';
  const total = Math.round(Math.abs(skewMs) / 1000);
  const sign = total === 0 ? '' : skewMs < 0 ? '−' : '+';
  const m = Math.floor(total / 60);
  const s = total % 60;
  const [mu, su] = locale === 'en' ? ['min', 's'] : ['mnt', 'dtk'];
  return m > 0 ? `${sign}${m} ${mu} ${s} ${su}` : `${sign}${s} ${su}`;
}
