// The fingerprint driver's entry module: what callers import. The driver is a chain of classes,
// one file per part: driver-requests (request queue and plumbing) → driver-connection (the port,
// unplug and reconnect) → driver-session (handshake, parameters, address, password, baud) →
// driver-capture (images and char buffers) → driver-library (the template library in flash).
export { FingerprintDriver } from './driver-library';
export { FACTORY_BAUD, MAX_MODULE_BAUD } from './driver-types';
export type {
  BackoffOptions,
  BaudChange,
  CaptureOptions,
  CaptureStatus,
  CapturedImage,
  DriverOptions,
  DriverState,
  DriverTimeouts,
  RequestOptions,
} from './driver-types';
