/**
 * Escapes LIKE wildcards so a search for "50%" means the characters, not a pattern (for a
 * pattern written with `ESCAPE '\'`).
 */
export function likeLiteral(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
