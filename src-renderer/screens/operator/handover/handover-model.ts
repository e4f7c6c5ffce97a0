// Pure helpers of the handover screen (tested without a browser).

/**
 * A USB barcode scanner "types" the code: characters arrive a few milliseconds apart and end
 * with Enter. A person types 80–300 ms apart. Given the times (ms) each character of the field
 * arrived, the input came from a scanner when it is long enough and almost all gaps are short.
 */
export const SCANNER_MAX_GAP_MS = 35;
export const SCANNER_MIN_CHARS = 8;

export function typedByScanner(times: readonly number[]): boolean {
  if (times.length < SCANNER_MIN_CHARS) return false;
  let slow = 0;
  for (let i = 1; i < times.length; i++) {
    if (times[i]! - times[i - 1]! > SCANNER_MAX_GAP_MS) slow++;
  }
  // One hiccup (the OS scheduling the HID reports) is tolerated, a human's rhythm is not.
  return slow <= 1;
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
