import type { DeviceEntry, DeviceState, TrafficEntry } from '../../../../src-main/api/contract';

/** USB ids as the vendor's datasheet and `lsusb` write them: 4 hex digits, upper case. */
export function hexId(n: number | null): string {
  return n === null ? '—' : `0x${n.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function usbId(d: Pick<DeviceEntry, 'vendorId' | 'productId'>): string {
  if (d.vendorId === null && d.productId === null) return '—';
  return `${hexId(d.vendorId)} : ${hexId(d.productId)}`;
}

export type Tone = 'ok' | 'sim' | 'bad' | 'muted';

export const STATE_TONE: Record<DeviceState, Tone> = {
  connected: 'ok',
  simulated: 'sim',
  missing: 'bad',
  error: 'bad',
  pending: 'muted',
};

/** Devices in the order the desk uses them, the chosen one first within a modality. */
export function sortDevices(list: readonly DeviceEntry[]): DeviceEntry[] {
  const order = { camera: 0, fingerprint: 1, signature: 2 } as const;
  return [...list].sort(
    (a, b) =>
      order[a.modality] - order[b.modality] ||
      Number(b.chosen) - Number(a.chosen) ||
      a.name.localeCompare(b.name),
  );
}

/** The newest `max` entries after appending, without repeats (polls may overlap). */
export function appendTraffic(
  shown: readonly TrafficEntry[],
  incoming: readonly TrafficEntry[],
  max: number,
): TrafficEntry[] {
  const last = shown.at(-1)?.seq ?? -1;
  const fresh = incoming.filter((e) => e.seq > last);
  if (fresh.length === 0) return shown as TrafficEntry[];
  const all = shown.concat(fresh);
  return all.length > max ? all.slice(all.length - max) : all;
}

/** Hex as bytes in groups ("EF 01 FF FF …"), cut to `maxBytes` so one image packet fits a row. */
/** Bytes shown per traffic row before the rest is summarised. */
export const HEX_ROW_BYTES = 48;

export function formatHex(
  hex: string,
  maxBytes = HEX_ROW_BYTES,
): { text: string; bytes: number; cut: boolean } {
  const clean = hex.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  const bytes = Math.floor(clean.length / 2);
  const shown = Math.min(bytes, maxBytes);
  const parts: string[] = [];
  for (let i = 0; i < shown; i++) parts.push(clean.slice(i * 2, i * 2 + 2));
  return { text: parts.join(' '), bytes, cut: bytes > shown };
}

const p2 = (n: number) => String(n).padStart(2, '0');

/** Wall-clock time with milliseconds: the technician compares it with the device's timing. */
export function formatClock(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/**
 * Frames per second from frame timestamps (ms), over the span they cover; null until there are
 * enough frames to say anything.
 */
export function measureFps(timestamps: readonly number[]): number | null {
  if (timestamps.length < 3) return null;
  const first = timestamps[0]!;
  const last = timestamps.at(-1)!;
  const span = last - first;
  if (span <= 0) return null;
  return Math.round(((timestamps.length - 1) * 1000 * 10) / span) / 10;
}

/** Free disk below either bound deserves a warning: a day of recordings needs room. */
export function diskLow(freeBytes: number, totalBytes: number): boolean {
  if (totalBytes <= 0) return false;
  return freeBytes < 2 * 1024 ** 3 || freeBytes / totalBytes < 0.1;
}

export { base64ToBytes } from '../../../app/files';
