// Every call from a window passes here: the method must exist, its input must match the
// contract's schema, and the signed-in, unlocked user's role must be allowed; then the handler
// runs with the caller as its actor.
import { methods } from '../../api/contract';
import type { MethodName } from '../../api/contract';
import type { HandlerContext, HandlersFor } from '../../api/handlers';
import { fail } from '../../api/reply';
import type { Reply } from '../../api/reply';
import type { Locale } from '../../domain/i18n';
import type { DeskSession } from '../accounts/session';
import type { Actor, Audit } from '../common/audit';
import { msg } from '../common/messages';

/** The unlocked session's user for non-public methods; for public ones, whoever is signed in. */
export type CallContext = HandlerContext;

export type Handlers = HandlersFor<MethodName>;

/** Names the failing fields (schema paths only — never the values sent). */
function badRequestDetail(issues: readonly { path: readonly PropertyKey[] }[]): string {
  const paths = [
    ...new Set(issues.map((i) => i.path.map(String).join('.')).filter((p) => p.length > 0)),
  ].slice(0, 3);
  return paths.length > 0 ? `: ${paths.join(', ').slice(0, 120)}` : '';
}

export interface DispatchDeps {
  locale: () => Locale;
  session: DeskSession;
  audit: Audit;
  isSetUp: () => boolean;
  handlers: () => Handlers;
}

export function createDispatch(
  deps: DispatchDeps,
): (method: string, input: unknown) => Promise<Reply<unknown>> {
  const { session, audit } = deps;
  return async function dispatch(method, input) {
    const locale = deps.locale();
    if (typeof method !== 'string' || !Object.hasOwn(methods, method)) {
      return fail('UNKNOWN_METHOD', msg(locale, 'unknownMethod'));
    }
    const name = method as MethodName;
    const spec = methods[name];
    const parsed = spec.input.safeParse(input);
    if (!parsed.success) {
      return fail(
        'BAD_REQUEST',
        msg(locale, 'badRequest', { detail: badRequestDetail(parsed.error.issues) }),
      );
    }
    let actor: Actor | null;
    if (spec.access === 'public') {
      const s = session.current();
      actor = s && !s.locked ? { id: s.user.id, username: s.user.username } : null;
    } else {
      if (!deps.isSetUp()) return fail('NOT_SET_UP', msg(locale, 'notSetUp'));
      const s = session.current();
      if (!s) return fail('UNAUTHENTICATED', msg(locale, 'unauthenticated'));
      if (s.locked) return fail('SESSION_LOCKED', msg(locale, 'sessionLocked'));
      actor = { id: s.user.id, username: s.user.username };
      if (spec.access !== 'any' && !(spec.access as readonly string[]).includes(s.user.role)) {
        audit.record(actor, 'forbidden', name);
        return fail('FORBIDDEN', msg(locale, 'forbidden'));
      }
      session.touch();
    }
    const handler = deps.handlers()[name] as (
      i: unknown,
      c: CallContext,
    ) => Reply<unknown> | Promise<Reply<unknown>>;
    return handler(parsed.data, { actor });
  };
}
