// The host's choice of fingerprint scanner: the device config and its command-line form.
import type { PacketSize } from '../../../drivers/fingerprint/codec';

export type FingerprintMode = 'auto' | 'simulated' | 'none';

export interface FingerprintDeviceConfig {
  /** auto: the configured path, else probe serial ports; nothing answers → simulated. */
  mode: FingerprintMode;
  /** A configured serial port (with mode 'auto', only this port is tried). */
  path?: string;
  baud?: number;
  /** Simulator pace multiplier (1 = a real module at 57,600 baud, ≈ 7 s per image). */
  simSpeed?: number;
  /** Simulator carrier: a socat pty pair (Linux with socat) or an in-memory pair. */
  simTransport?: 'auto' | 'pty' | 'memory';
  /** Packet size to negotiate; 256 moves an image fastest (fewest packet headers). */
  packetSize?: PacketSize;
  /**
   * Line speeds to move the module to at connect, fastest first (default 115,200, the most
   * R30x / ZFM / AS608 modules take; an image then needs ≈ 3.3 s instead of 6.7 s). Empty:
   * keep the rate the module answered at.
   */
  bauds?: readonly number[];
  /** Simulated resident: time to move the hand to the next finger after the prompt (ms). */
  handMoveMs?: number;
}

/**
 * `--fingerprint auto|simulated|none|<path>` and `--sim-speed N` → a device config. A path
 * means "this port only" (still discovered with a handshake, and still falling back to the
 * simulator if nothing answers there, so the UI says SIMULASI rather than failing silently).
 */
export function fingerprintConfigFromArgs(
  fingerprint: string | undefined,
  simSpeed: string | undefined,
): FingerprintDeviceConfig {
  const value = (fingerprint ?? 'auto').trim();
  const speedText = simSpeed ?? '1';
  const speed = Number(speedText);
  if (!/^\d+(\.\d+)?$/.test(speedText) || !(speed > 0) || speed > 1000) {
    throw new RangeError(`--sim-speed must be a number above 0 (up to 1000), got "${speedText}"`);
  }
  if (value === '')
    throw new RangeError('--fingerprint needs auto, simulated, none or a port path');
  if (value === 'auto' || value === 'simulated' || value === 'none') {
    return { mode: value, simSpeed: speed };
  }
  return { mode: 'auto', path: value, simSpeed: speed };
}
