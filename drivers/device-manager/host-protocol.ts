// Messages between the station (parent) and the driver host (child). Plain JSON: the IPC
// channel of child_process.fork and of Electron's utilityProcess both carry it.
import type { SystemParameters } from '../fingerprint/codec';
import type { HidDeviceInfo } from '../transport/hid';
import type { RawDevice } from './matching';

export interface HostOps {
  ping: { params: Record<string, never>; result: { pid: number; uptimeMs: number } };
  enumerate: { params: Record<string, never>; result: { devices: RawDevice[]; errors: string[] } };
  /** Handshake + ReadSysPara on one port (all standard bauds unless one is given). */
  probe: {
    params: { path: string; baud?: number };
    result:
      | { answered: true; baud: number; params: SystemParameters }
      | { answered: false; error: string };
  };
  /** Opens a serial port in the child; its bytes then arrive as `HostPush` messages. */
  'serial.open': { params: { path: string; baud: number }; result: { handle: number } };
  /** `data` is base64 (the IPC channel carries JSON). Resolves once the port took the bytes. */
  'serial.write': { params: { handle: number; data: string }; result: Record<string, never> };
  'serial.close': { params: { handle: number }; result: Record<string, never> };
  /**
   * Opens a HID device (node-hid) in the child; its input reports then arrive as `HostPush`
   * messages. A path starting `sim:` (`sim:stu-530`, `sim:stu`) opens the STU simulator inside
   * the child instead: the test and training path, no hardware needed.
   */
  'hid.open': { params: { path: string }; result: { handle: number } };
  /**
   * The HID devices the OS lists (node-hid `devices()`), with the report descriptor (base64,
   * from sysfs on Linux) of each digitizer: what `--signature auto` picks its pad from.
   */
  'hid.list': {
    params: Record<string, never>;
    result: { devices: HidDeviceInfo[]; descriptors: Record<string, string> };
  };
  /** `data` is base64. Results are node-hid's byte counts. */
  'hid.write': { params: { handle: number; data: string }; result: { written: number } };
  'hid.getFeatureReport': {
    params: { handle: number; reportId: number; length: number };
    result: { data: number[] };
  };
  'hid.sendFeatureReport': { params: { handle: number; data: string }; result: { sent: number } };
  'hid.close': { params: { handle: number }; result: Record<string, never> };
  /** Simulated (`sim:`) handles only: the resident's pen plays a script, resolves when done. */
  'hid.simulate': {
    params: { handle: number; script: 'signature' | 'short' | 'unplug' };
    result: Record<string, never>;
  };
}
export type HostOp = keyof HostOps;

export interface HostRequest {
  id: number;
  op: HostOp;
  params: unknown;
}

export type HostReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string };

/** Sent once by the child when it is ready for requests. */
export interface HostHello {
  hello: { pid: number };
}

/**
 * Sent by the child unasked, for an open serial handle: received bytes (base64), an error, or
 * the port closing (after which the handle is gone).
 */
export interface HostPush {
  serial: { handle: number; data?: string; closed?: true; error?: string };
}

export interface HostHidPush {
  hid: HidPush;
}

/** Same for an open HID handle: an input report (base64), an error (unplug), or the close. */
export interface HidPush {
  handle: number;
  data?: string;
  closed?: true;
  error?: string;
}
