import { methods } from '../../api/contract';
import type { MethodName } from '../../api/contract';
import { fail } from '../../api/reply';
import type { Reply } from '../../api/reply';

/**
 * The Electron host's check on every `rekam:call` before the station sees it. Kept free of
 * Electron types so it is unit-tested; main.ts supplies the facts about the sender.
 */
export interface IpcSender {
  /** The frame is the top frame of the station's own window (not an iframe, not a stray view). */
  isMainFrameOfAppWindow: boolean;
  /** URL of the sending frame. */
  url: string;
}

export const isMethodName = (m: unknown): m is MethodName =>
  typeof m === 'string' && Object.hasOwn(methods, m);

export function checkIpcCall(
  sender: IpcSender,
  method: unknown,
  isAppUrl: (url: string) => boolean,
): Reply<never> | null {
  if (!sender.isMainFrameOfAppWindow || !isAppUrl(sender.url)) {
    return fail('FORBIDDEN', 'Permintaan ditolak: bukan dari halaman aplikasi Rekam.');
  }
  if (!isMethodName(method)) {
    return fail('UNKNOWN_METHOD', 'Perintah tidak dikenal.');
  }
  return null;
}
