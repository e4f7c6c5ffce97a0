import { displayDateTime } from '../../src-main/domain/format-date';

const tag = (locale: string) => (locale === 'en' ? 'en-GB' : 'id-ID');

/** Local time as HH.mm (id) or HH:mm (en); the raw value if it is not a date. */
export function formatTime(iso: string, locale: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleTimeString(tag(locale), { hour: '2-digit', minute: '2-digit' });
}

/** 'dd-mm-yyyy HH.mm' in both languages (the one date formatter: src-main/domain/format-date). */
export function formatDateTime(iso: string | null, _locale?: string): string {
  return iso ? displayDateTime(iso) : '—';
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
