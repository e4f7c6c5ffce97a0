import type {
  EventName,
  EventPayloads,
  MethodInput,
  MethodName,
  MethodOutput,
  StationBridge,
} from '../../src-main/api/contract';
import type { ErrorCode, Reply } from '../../src-main/api/reply';

/**
 * The one place screens talk to main. Whatever the transport (Electron preload or the browser
 * host), screens only see typed `call()` and `onEvent()`.
 */
let bridge: StationBridge | null = null;
const sessionTroubleListeners = new Set<(code: ErrorCode) => void>();

export function setBridge(b: StationBridge): void {
  bridge = b;
}

/** Replies that mean "your session is gone or locked": the app re-reads the session. */
const SESSION_CODES: ReadonlySet<ErrorCode> = new Set(['UNAUTHENTICATED', 'SESSION_LOCKED']);

export async function call<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<Reply<MethodOutput<M>>> {
  if (!bridge) throw new Error('station bridge not set');
  let reply: Reply<MethodOutput<M>>;
  try {
    reply = await bridge.invoke(method, input);
  } catch {
    // The preload (or a bug) threw instead of replying; keep the UI alive with a plain message.
    reply = {
      ok: false,
      error: { code: 'INTERNAL', message: 'Layanan stasiun tidak menjawab. / No answer.' },
    };
  }
  if (!reply.ok && SESSION_CODES.has(reply.error.code) && method !== 'auth.unlock') {
    for (const l of sessionTroubleListeners) l(reply.error.code);
  }
  return reply;
}

export function onEvent<E extends EventName>(
  event: E,
  listener: (payload: EventPayloads[E]) => void,
): () => void {
  if (!bridge) throw new Error('station bridge not set');
  return bridge.on(event, listener);
}

export function onSessionTrouble(listener: (code: ErrorCode) => void): () => void {
  sessionTroubleListeners.add(listener);
  return () => {
    sessionTroubleListeners.delete(listener);
  };
}

const reconnectListeners = new Set<() => void>();

/** The transport calls this when the event stream came back: events may have been missed. */
export function notifyReconnect(): void {
  for (const l of reconnectListeners) l();
}

export function onReconnect(listener: () => void): () => void {
  reconnectListeners.add(listener);
  return () => {
    reconnectListeners.delete(listener);
  };
}
