const tag = (locale: string) => (locale === 'en' ? 'en-GB' : 'id-ID');

/** Local time as HH.mm (id) or HH:mm (en); the raw value if it is not a date. */
export function formatTime(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleTimeString(tag(locale), { hour: '2-digit', minute: '2-digit' });
}

export function formatDateTime(iso: string | null, locale: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(tag(locale), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

export function formatBytes(n: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toLocaleString(tag(locale), { maximumFractionDigits: i === 0 ? 0 : 1 })} ${units[i]}`;
}
