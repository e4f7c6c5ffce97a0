import { callingHandlers, linkDraft } from './calling';
import { capacityHandlers } from './capacity';
import { cardHandlers } from './cards';
import { queueContext } from './context';
import type { QueueDeps, QueueHandlers } from './context';
import { figureHandlers } from './figures';
import { listHandlers } from './lists';
import { outreachHandlers } from './outreach';
import { printingHandlers } from './printing';

/**
 * The queue service (antrian), wired from its parts: capacity, cards, printing, calling,
 * pre-registration lists, outreach sessions and figures. Each part gets the shared context
 * (store, clock, locale, audit, log, events) as a parameter.
 */

export interface Queue {
  handlers: QueueHandlers;
  /**
   * Called after `recordings.saveDraft` succeeded: tags a new recording with the active outreach
   * session and links the called card with the same NIK. Never fails the save.
   */
  onDraftSaved(recordingId: string, nik: string, created: boolean): void;
}

export function createQueue(deps: QueueDeps): Queue {
  const q = queueContext(deps);
  return {
    handlers: {
      ...capacityHandlers(q),
      ...cardHandlers(q),
      ...printingHandlers(q),
      ...callingHandlers(q),
      ...listHandlers(q),
      ...outreachHandlers(q),
      ...figureHandlers(q),
    },
    onDraftSaved: (recordingId, nik, created) => linkDraft(q, recordingId, nik, created),
  };
}
