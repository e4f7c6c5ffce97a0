import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { EventPayloads } from '../../api/contract';
import type { HandlersFor } from '../../api/handlers';
import type {
  OutreachSession,
  PreregEntry,
  PrinterPort,
  QueueCard,
  QueueEvents,
  QueueOutputs,
} from '../../api/contract-queue';
import { fail } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { localIsoDate } from '../../domain/nik';
import { cardNumber } from '../../domain/scheduling';
import type { ByteTransport } from '../../../drivers/transport/byte-transport';
import type { CardRow } from '../../store/queue-repo';
import type { EntryRow } from '../../store/queue-lists-repo';
import type { SessionRow } from '../../store/outreach-repo';
import type { Audit } from '../common/audit';
import type { Logger } from '../common/log';
import type { Locale } from '../../domain/i18n';
import type { ListImporter } from './list-import-run';
import { qmsg, statusLabel } from './messages';

/** What every part of the queue service shares: passed explicitly to each part's handlers. */

export type QueueMethod = keyof QueueOutputs;

/** The handlers of some queue methods (each part of the service implements its own). */
export type QueueHandlers<M extends QueueMethod = QueueMethod> = HandlersFor<M>;

export interface QueueDeps {
  db: Database;
  now: () => Date;
  locale: () => Locale;
  audit: Audit;
  log: Logger;
  emit: <E extends keyof QueueEvents>(event: E, payload: EventPayloads[E]) => void;
  /**
   * Opens the thermal printer's port at each print; the hosts pass the driver host's opener so
   * the native serial I/O runs in the child. Default: serialport in this process.
   */
  openPrinter?: (path: string, baud: number) => Promise<ByteTransport>;
  /** The serial ports the driver host sees (technician's printer choice). */
  listSerialPorts?: () => Promise<PrinterPort[]>;
  /** Reads list files off the main thread; tests may pass their own limits. */
  listImporter?: ListImporter;
}

/** The dependencies plus the clock and reply helpers every part uses. */
export interface QueueContext extends QueueDeps {
  /** The station's local calendar date, 'YYYY-MM-DD'. */
  today(): string;
  /** Minutes since local midnight. */
  nowMinutes(): number;
  notFound(): Reply<never>;
  /** A card that is no longer waiting, called or skipped cannot change. */
  notLive(c: CardRow): Reply<never>;
}

export function queueContext(deps: QueueDeps): QueueContext {
  const { now } = deps;
  return {
    ...deps,
    today: () => localIsoDate(now()),
    nowMinutes: () => {
      const d = now();
      return d.getHours() * 60 + d.getMinutes();
    },
    notFound: () => fail('NOT_FOUND', qmsg(deps.locale(), 'cardNotFound')),
    notLive: (c) =>
      fail(
        'CONFLICT',
        qmsg(deps.locale(), 'cardNotLive', {
          number: cardNumber(c.lane, c.seq),
          status: statusLabel(c.status, deps.locale()),
        }),
      ),
  };
}

/** Cards a search returns unless asked for more: the newest matches, one screen's worth. */
export const SEARCH_PAGE = 50;

/** A search as typed: digits (spaces dropped) for a NIK prefix, else a name part in capitals. */
export function normalizeQuery(q: string | undefined): string | null {
  const s = q?.trim();
  if (!s) return null;
  const digits = s.replace(/\s+/g, '');
  return /^\d+$/.test(digits) ? digits : s.toUpperCase();
}

export const isLive = (s: string) => s === 'waiting' || s === 'called' || s === 'skipped';

export const toCard = (r: CardRow): QueueCard => ({
  id: r.id,
  number: cardNumber(r.lane, r.seq),
  lane: r.lane,
  priorityReason: r.priorityReason,
  date: r.date,
  nik: r.nik,
  name: r.name,
  phone: r.phone,
  address: r.address,
  status: r.status,
  issuedAt: r.issuedAt,
  issuedBy: r.issuedBy,
  calledAt: r.calledAt,
  desk: r.desk,
  callCount: r.callCount,
  recordingId: r.recordingId,
  recordingSealed: r.recordingSealed === 1,
  listEntryId: r.listEntryId,
});

export const toEntry = (e: EntryRow): PreregEntry => ({
  id: e.id,
  listId: e.listId,
  row: e.row,
  nik: e.nik,
  name: e.name,
  address: e.address,
  phone: e.phone,
  cardId: e.cardId,
  cardNumber: e.cardNumberLane && e.cardSeq ? cardNumber(e.cardNumberLane, e.cardSeq) : null,
  cardDate: e.cardDate,
  recorded: e.recorded === 1,
});

export const toSession = (s: SessionRow): OutreachSession => ({ ...s });
