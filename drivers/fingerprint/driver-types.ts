// The fingerprint driver's public vocabulary: its options, states, capture progress and the
// results of a capture or a baud change, with the defaults and line-speed limits it works with.
import type { ByteTransport } from '../transport/byte-transport';

export type DriverState = 'idle' | 'busy' | 'disconnected' | 'reconnecting' | 'closed';

export type CaptureStatus =
  | { kind: 'waiting-finger' }
  /** GenImg answered ok: the image is in the module's buffer and the finger may lift. */
  | { kind: 'image-captured' }
  | { kind: 'uploading'; received: number; total: number }
  | { kind: 'image-ready' };

export interface DriverTimeouts {
  /** Wait for an ack to an ordinary command. */
  ackMs: number;
  /** GenImg is slower: the module exposes and checks the image before answering. */
  genImgMs: number;
  /** Longest silence between two data packets of a bulk transfer. */
  dataIdleMs: number;
  /** After a failed exchange, the line must be this quiet before the next command goes out. */
  settleMs: number;
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export interface DriverOptions {
  transport: ByteTransport;
  address?: number;
  password?: number;
  /** The line speed `transport` was opened at (default 57,600, the factory setting). */
  baud?: number;
  /** Opens the port again after an unplug; without it the driver stays 'disconnected'. */
  reopen?: () => Promise<ByteTransport>;
  /**
   * Opens the port at a given line speed: needed to change the baud (the port is reopened at
   * the new rate) and then used instead of `reopen` after an unplug, at the rate in effect.
   */
  openAt?: (baud: number) => Promise<ByteTransport>;
  backoff?: Partial<BackoffOptions>;
  timeouts?: Partial<DriverTimeouts>;
  /** This many timeouts in a row count as a lost device (USB adapter alive, module not). */
  maxConsecutiveTimeouts?: number;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface CaptureOptions extends RequestOptions {
  /** Pause between GenImg polls while no finger is on the sensor. */
  pollMs?: number;
  /** Re-read the image this many times if the upload arrives damaged. */
  uploadRetries?: number;
  /** Progress of this capture only (the 'status' event carries every capture's progress). */
  onStatus?: (s: CaptureStatus) => void;
}

/** What a baud change ended with: the rate now in use and how it got there. */
export interface BaudChange {
  baud: number;
  outcome: 'unchanged' | 'switched' | 'refused' | 'fell-back';
}

export interface CapturedImage {
  /** 8-bit grayscale, row-major, IMAGE_WIDTH × IMAGE_HEIGHT. */
  gray: Uint8Array;
  width: number;
  height: number;
  /** performance.now() when GenImg first reported a finger, and when the image was complete. */
  fingerDownAt: number;
  imageReadyAt: number;
}

export const DEFAULT_TIMEOUTS: DriverTimeouts = {
  ackMs: 1000,
  genImgMs: 2500,
  dataIdleMs: 1000,
  settleMs: 40,
};
export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 200, maxMs: 5000, factor: 2 };
export const FACTORY_BAUD = 57600;
/** Highest rate R30x / ZFM / AS608 modules accept (SetSysPara register 4, N = 12). */
export const MAX_MODULE_BAUD = 115200;
