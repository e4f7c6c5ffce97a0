/**
 * Store failures that callers must tell apart (a wrong key is not a corrupt file is not a
 * database from a newer app). Messages are for the log and the technician; the station maps
 * codes to operator messages.
 */
export type StoreErrorCode = 'WRONG_KEY' | 'NEWER_SCHEMA' | 'KEY_FILE_UNSAFE' | 'KEY_FILE_INVALID';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}
