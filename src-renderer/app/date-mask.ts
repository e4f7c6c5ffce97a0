/**
 * Birth dates are typed as dd-mm-yyyy (how they are written on the card and the KK), digits
 * only; the dashes appear by themselves. The record stores ISO yyyy-mm-dd.
 */
export function formatDateInput(raw: string): string {
  const iso = /^\s*(\d{4})-(\d{2})-(\d{2})\s*$/.exec(raw);
  if (iso) return `${iso[3]}-${iso[2]}-${iso[1]}`;
  const d = raw.replace(/\D/g, '').slice(0, 8);
  if (d.length <= 2) return d;
  if (d.length <= 4) return `${d.slice(0, 2)}-${d.slice(2)}`;
  return `${d.slice(0, 2)}-${d.slice(2, 4)}-${d.slice(4)}`;
}

/** 'dd-mm-yyyy' → 'yyyy-mm-dd' when all 8 digits are there (calendar validity is checked by the domain rules). */
export function displayDateToIso(display: string): string | null {
  const m = /^(\d{2})-(\d{2})-(\d{4})$/.exec(formatDateInput(display));
  if (!m) return null;
  return `${m[3]}-${m[2]}-${m[1]}`;
}

export function isoToDisplayDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : '';
}

/** The day and month a NIK tells, ready to be completed with the year. */
export function dayMonthPrefix(day: number, month: number): string {
  return `${String(day).padStart(2, '0')}-${String(month).padStart(2, '0')}-`;
}
