import type { MethodInput, MethodName, MethodOutput } from './contract';
import type { Reply } from './reply';

/**
 * The shape of the services that implement the contract: one handler per method, taking the
 * method's validated input and who calls it, answering with the method's reply. Every service
 * names its methods once (`HandlersFor<'sync.status' | 'sync.now'>`); the station joins them.
 */

/** Who calls: the unlocked session's user (for public methods, whoever is signed in, if any). */
export interface HandlerContext {
  actor: { id: string; username: string } | null;
}

export type Handler<M extends MethodName> = (
  input: MethodInput<M>,
  ctx: HandlerContext,
) => Reply<MethodOutput<M>> | Promise<Reply<MethodOutput<M>>>;

export type HandlersFor<M extends MethodName> = { [K in M]: Handler<K> };
