/**
 * Clock times are typed 24-hour as HH:MM, digits only; the colon appears by itself. A dot or
 * colon typed after a single hour digit ('7.30') pads the hour ('07:30').
 */
export function formatTimeInput(raw: string): string {
  const short = /^\s*(\d)[:.](\d*)/.exec(raw);
  const d = (short ? `0${short[1]}${short[2]}` : raw.replace(/\D/g, '')).slice(0, 4);
  return d.length <= 2 ? d : `${d.slice(0, 2)}:${d.slice(2)}`;
}

/** 'HH:MM' when `text` is a real 24-hour time (00:00–23:59), else null. */
export function parseHm(text: string): string | null {
  const t = formatTimeInput(text);
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(t) ? t : null;
}
