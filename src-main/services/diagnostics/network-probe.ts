// Can the station reach the centre? One probe through the same pinning client the uploads use,
// and a technician's sentence for each way it can fail.
import { CentralTlsError, ReplyTooLargeError, createCentralClient } from '../../sync/central-http';
import type { CentralClient } from '../../sync/central-http';
import type { Locale } from '../../domain/i18n';
import { say } from './messages';

/**
 * Reachable = any HTTP answer (even 404/405); unreachable = refused, reset, timed out, or a TLS
 * key that is not the pinned one. The centre is asked through the same pinning client the
 * uploads use, so a self-signed centre with a stored pin counts as reachable and an impostor
 * does not.
 */
export async function probeUrl(
  url: string,
  timeoutMs: number,
  pin: string | null = null,
): Promise<{
  reachable: boolean;
  latencyMs: number | null;
  status: number | null;
  error: string | null;
}> {
  const started = performance.now();
  let client: CentralClient;
  try {
    client = createCentralClient({ url, pin, timeoutMs });
  } catch {
    return { reachable: false, latencyMs: null, status: null, error: 'url-refused' };
  }
  try {
    let res = await client.request('/', {
      method: 'HEAD',
      headers: { 'cache-control': 'no-cache' },
    });
    // A few servers refuse HEAD outright; a GET still proves the path is open.
    if (res.status === 405 || res.status === 501) res = await client.request('/');
    return {
      reachable: true,
      latencyMs: Math.max(0, Math.round(performance.now() - started)),
      status: res.status,
      error: null,
    };
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const error =
      err instanceof CentralTlsError
        ? `tls-${err.problem}`
        : err instanceof ReplyTooLargeError
          ? 'reply-too-large'
          : e.message === 'timeout'
            ? 'timeout'
            : (e.code ?? e.message ?? 'network error');
    return { reachable: false, latencyMs: null, status: null, error };
  } finally {
    client.close();
  }
}

/** A technician's sentence for a probe failure code. */
export function networkProblem(L: Locale, code: string): string {
  if (code === 'tls-pin-mismatch' || code === 'tls-untrusted' || code === 'timeout') {
    return say(L, `net.${code}`);
  }
  if (code === 'ECONNREFUSED') return say(L, 'net.refused');
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return say(L, 'net.dns');
  return say(L, 'net.other', { code });
}
