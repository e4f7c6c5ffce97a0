// The diagnostics bundle leaves the station (e-mailed to the office, copied to a USB stick), so
// everything in it passes through here: log lines that look like personal data are dropped
// whole (a half-masked line is still a leak), and config values that look like secrets are
// blanked. The logger already masks NIKs; this is the second, independent line of defence.

/** What the bundle must never contain, gathered from the store at export time. */
export interface SensitiveTerms {
  /** Resident NIK and KK numbers (16 digits). */
  numbers: string[];
  /** Resident and staff names, birth places, addresses — matched case-insensitively. */
  words: string[];
  /** Resident birth dates as stored (`YYYY-MM-DD`). */
  dates: string[];
}

export const EMPTY_TERMS: SensitiveTerms = { numbers: [], words: [], dates: [] };

export const REMOVED = '[DIHAPUS]';

/** 16 digits, possibly grouped with spaces, dots or dashes (a NIK or KK typed by hand). */
const SIXTEEN_DIGITS = /\d(?:[ .-]?\d){15}/;
const EMAIL = /[\w.+-]+@[\w-]+\.[\w.-]+/;
/** Indonesian mobile numbers: +62 8xx… or 08xx…, 9–13 digits. */
const PHONE = /(?:\+62|\b0)8\d{7,11}\b/;
const PEM = /-----BEGIN [A-Z ]+-----/;
const PASSWORD_HASH = /\$(?:scrypt|argon2(?:id|i|d)?|2[aby])\$/;
/** JSON keys that only ever carry personal data or secrets. */
const SENSITIVE_KEY =
  /"(?:nik|kk|fullName|residentName|birthDate|birthPlace|address|alamat|password|passwordHash|password_hash|token|secret|privateKey|private_key)"\s*:/i;

const normalise = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** Birth dates in the forms a log line or a form echo could carry them. */
function dateForms(iso: string): string[] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return [];
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  // A bare YYYY-MM-DD would also match log timestamps of that day, so only quoted or
  // day-first forms count.
  return [`"${iso}"`, `${d}-${mo}-${y}`, `${d}/${mo}/${y}`, `${d}.${mo}.${y}`];
}

export interface TermMatcher {
  /** True when the text holds anything personal or secret. */
  test(text: string): boolean;
}

export function termMatcher(terms: SensitiveTerms): TermMatcher {
  const numbers = [...new Set(terms.numbers.map((n) => n.replace(/\D/g, '')))].filter(
    (n) => n.length >= 8,
  );
  // Short fragments ("Ani") would drop half the log; four letters is where a name starts to
  // identify someone rather than match a word.
  const words = [...new Set(terms.words.map(normalise))].filter((w) => w.length >= 4);
  const dates = [...new Set(terms.dates.flatMap(dateForms))];
  return {
    test(text) {
      if (
        SIXTEEN_DIGITS.test(text) ||
        EMAIL.test(text) ||
        PHONE.test(text) ||
        PEM.test(text) ||
        PASSWORD_HASH.test(text) ||
        SENSITIVE_KEY.test(text)
      ) {
        return true;
      }
      if (numbers.length > 0) {
        const digits = text.replace(/[ .-]/g, '');
        if (numbers.some((n) => digits.includes(n))) return true;
      }
      if (words.length > 0) {
        const t = normalise(text);
        if (words.some((w) => t.includes(w))) return true;
      }
      return dates.some((d) => text.includes(d));
    },
  };
}

export interface ScrubbedLog {
  text: string;
  kept: number;
  dropped: number;
}

/** Keeps the lines with nothing personal in them; counts the ones dropped. */
export function scrubLog(text: string, matcher: TermMatcher): ScrubbedLog {
  const out: string[] = [];
  let kept = 0;
  let dropped = 0;
  for (const line of text.split('\n')) {
    if (line.length === 0) continue;
    if (matcher.test(line)) {
      dropped++;
      continue;
    }
    out.push(line);
    kept++;
  }
  return { text: out.length > 0 ? out.join('\n') + '\n' : '', kept, dropped };
}

/** Setting names that hold keys, tokens or hashes: left out of the bundle, value and all. */
const SECRET_SETTING =
  /(secret|token|password|passwd|pwd|hash|private|priv|credential|salt|seed|(^|[._-])key($|[._-])|key$)/i;

/** Long base64 / hex runs: key material or image data, never useful to the office. */
const LONG_OPAQUE = /[A-Za-z0-9+/=_-]{48,}/g;
const DATA_URL = /data:[\w/+.-]+;base64,[A-Za-z0-9+/=]*/g;

export function isSecretSetting(key: string): boolean {
  return SECRET_SETTING.test(key);
}

/** A setting value with key material, images and anything personal blanked. */
export function scrubValue(value: string, matcher: TermMatcher): string {
  const v = value.replace(DATA_URL, REMOVED).replace(LONG_OPAQUE, REMOVED);
  return matcher.test(v) ? REMOVED : v;
}

/**
 * Walks a JSON-able value and blanks what must not leave: data: URLs (biometric images),
 * long opaque strings (keys), strings holding personal data, and secret-named fields.
 */
export function scrubJson(value: unknown, matcher: TermMatcher): unknown {
  if (typeof value === 'string') return scrubValue(value, matcher);
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, matcher));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (isSecretSetting(k) && !/fingerprint/i.test(k)) continue;
      // Images and pen traces are biometric-like: never in a diagnostics bundle.
      if (/^imageDataUrl$|dataurl$|^points$/i.test(k)) continue;
      out[k] = scrubJson(v, matcher);
    }
    return out;
  }
  return value;
}
