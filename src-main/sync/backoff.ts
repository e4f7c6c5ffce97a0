// The retry delay moved to shared/backoff.ts (one helper for sync and the drivers).
export { backoffMs } from '../../shared/backoff';
