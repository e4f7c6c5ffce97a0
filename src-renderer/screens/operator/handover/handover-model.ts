// Pure helpers of the handover screen (tested without a browser).

/**
 * A USB barcode scanner "types" the code: characters arrive a few milliseconds apart and end
 * with Enter; a person types 80–300 ms apart. Given the times (ms) each character of the field
 * arrived, the input came from a scanner when it is long enough and its typical (median) gap is
 * short — a few late key events (a busy machine, the OS batching HID reports) do not change it.
 */
export const SCANNER_MAX_GAP_MS = 40;
export const SCANNER_MIN_CHARS = 8;

export function typedByScanner(times: readonly number[]): boolean {
  if (times.length < SCANNER_MIN_CHARS) return false;
  const gaps = times
    .slice(1)
    .map((t, i) => t - times[i]!)
    .sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)]! <= SCANNER_MAX_GAP_MS;
}

/**
 * A code rather than a NIK or a name: one word mixing letters and digits, like the packet number
 * printed on the receipt under its QR. A NIK is digits only and a name has no digits, so such a
 * query goes to the receipt look-up however it was typed (by hand, or by a scanner slowed down
 * by a busy machine).
 */
export function looksLikeCode(query: string): boolean {
  const q = query.trim();
  return q.length >= SCANNER_MIN_CHARS && !/\s/.test(q) && /\d/.test(q) && /\p{L}/u.test(q);
}

/** Largest frame side given to the decoder: a receipt QR fills plenty of a 640 px frame. */
export const QR_FRAME_MAX = 640;

export function decodeSize(w: number, h: number): { w: number; h: number } {
  const scale = Math.min(1, QR_FRAME_MAX / Math.max(w, h, 1));
  return { w: Math.max(1, Math.round(w * scale)), h: Math.max(1, Math.round(h * scale)) };
}

/** "3201 0145 0190 0003" — grouped for reading aloud against the card. */
export function groupNik(nik: string): string {
  return nik.replace(/(\d{4})(?=\d)/g, '$1 ');
}
