/**
 * Every reply that crosses the renderer/main boundary has this shape. Errors carry a stable
 * code (for code paths and tests) and a message an operator can act on, already in the
 * language of the UI. Stack traces never travel in a reply; they go to the log.
 */
export type ErrorCode =
  | 'BAD_REQUEST'
  | 'UNKNOWN_METHOD'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'SESSION_LOCKED'
  | 'BAD_CREDENTIALS'
  | 'ACCOUNT_LOCKED'
  | 'ACCOUNT_DISABLED'
  | 'ALREADY_SET_UP'
  | 'NOT_SET_UP'
  | 'CONFLICT'
  | 'NOT_FOUND'
  | 'VALIDATION'
  | 'WEAK_PASSWORD'
  /** A device (scanner, camera, pad) could not do it; the message says what to do. */
  | 'DEVICE'
  /** The operator (or a timeout on their behalf) stopped a long-running action. */
  | 'CANCELLED'
  | 'INTERNAL';

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Field-level problems for forms: field name → message. */
  fields?: Record<string, string>;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const ok = <T>(value: T): Reply<T> => ({ ok: true, value });
export const fail = (
  code: ErrorCode,
  message: string,
  fields?: Record<string, string>,
): Reply<never> => ({ ok: false, error: fields ? { code, message, fields } : { code, message } });
