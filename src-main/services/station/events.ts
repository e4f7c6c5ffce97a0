// The station's events: listeners per event name, and the one `status` snapshot (devices,
// network, sync) that every service patches and every window is told about.
import type { EventName, EventPayloads, StatusEvent } from '../../api/contract';
import type { Logger } from '../common/log';

/** A status change: only the parts that changed (devices and sync merged part by part). */
export type StatusPatch = Omit<Partial<StatusEvent>, 'devices' | 'sync'> & {
  devices?: Partial<StatusEvent['devices']>;
  sync?: Partial<StatusEvent['sync']>;
};

export interface StationEvents {
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  on<E extends EventName>(event: E, listener: (p: EventPayloads[E]) => void): () => void;
  status(): StatusEvent;
  /** Merges a status change (devices and sync merged part by part) and pushes it. */
  updateStatus(patch?: StatusPatch): void;
  clear(): void;
}

export function createStationEvents(log: Logger): StationEvents {
  const listeners = new Map<EventName, Set<(p: never) => void>>();
  let status: StatusEvent = {
    // Honest placeholders until device, network and sync services exist.
    devices: { camera: 'pending', fingerprint: 'pending', signature: 'pending' },
    network: 'unknown',
    sync: { pending: 0, state: 'not-configured' },
  };

  function emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    for (const l of listeners.get(event) ?? []) {
      try {
        (l as (p: EventPayloads[E]) => void)(payload);
      } catch (err) {
        log.error('event listener failed', { event }, err);
      }
    }
  }

  return {
    emit,
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (p: never) => void);
      return () => {
        set.delete(listener as (p: never) => void);
      };
    },
    status: () => status,
    updateStatus(patch = {}) {
      status = {
        ...status,
        ...patch,
        devices: { ...status.devices, ...patch.devices },
        sync: { ...status.sync, ...patch.sync },
      };
      emit('status', status);
    },
    clear: () => listeners.clear(),
  };
}
