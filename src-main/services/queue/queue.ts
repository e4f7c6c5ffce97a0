import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { EventPayloads, MethodInput, MethodOutput } from '../../api/contract';
import type {
  AffectedCard,
  BoardCall,
  CapacitySettings,
  CapacityView,
  DayPlan,
  OutreachSession,
  PreregEntry,
  PreregList,
  PrinterCodePage,
  PrinterInfo,
  PrinterPort,
  QueueCard,
  QueueEvents,
  QueueOutputs,
} from '../../api/contract-queue';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { cleanNumber, localIsoDate } from '../../domain/nik';
import {
  DEFAULT_CAPACITY,
  addDays,
  cardNumber,
  dailyCapacity,
  dayCapacity,
  daysBetween,
  earliestDate,
  isValidDate,
  median,
  minutesOf,
  overCapacity,
  pickNext,
} from '../../domain/scheduling';
import type { Lane } from '../../domain/scheduling';
import { encode } from '../../../drivers/printer/escpos';
import type { EscPosCommand } from '../../../drivers/printer/escpos';
import { PrintError, printJob } from '../../../drivers/printer/driver';
import type { ByteTransport } from '../../../drivers/transport/byte-transport';
import { findRecording } from '../../store/recordings-repo';
import { getSetting, setSetting } from '../../store/settings-repo';
import { getStation } from '../../store/station-repo';
import {
  activeSession,
  callsSince,
  cardsBetween,
  cardsOfDate,
  dayLoad,
  expireStale,
  findCard,
  findEntry,
  findLiveCardByEntry,
  findLiveCardByNik,
  findSession,
  insertCall,
  insertCard,
  listEntries,
  listLists,
  listSessions,
  nextCallOrder,
  nextSeq,
  entriesNotRecorded,
  insertEntries,
  insertList,
  insertSession,
  searchCards,
  seatHoldersFrom,
  sessionRecordings,
  setCardStatus,
  setSessionState,
  tagSessionRecording,
} from '../../store/queue-repo';
import type { CardRow, EntryRow, SessionRow } from '../../store/queue-repo';
import type { Actor, Audit } from '../common/audit';
import { newId } from '../common/ids';
import type { Logger } from '../common/log';
import type { Locale } from '../../domain/i18n';
import { cardEscPos, renderCardPdf, testPageEscPos, withCodePage } from './card-print';
import { ListFormatError } from './list-import';
import { workerListImporter } from './list-import-run';
import type { ListImporter } from './list-import-run';
import {
  formatServiceDate,
  nikProblem,
  normalizePhone,
  PRINT_ERRORS,
  printError,
  qmsg,
  statusLabel,
} from './messages';

export type QueueMethod = keyof QueueOutputs;

/** Cards a search returns unless asked for more: the newest matches, one screen's worth. */
const SEARCH_PAGE = 50;

type Handlers = {
  [M in QueueMethod]: (
    input: MethodInput<M>,
    ctx: { actor: Actor | null },
  ) => Reply<MethodOutput<M>> | Promise<Reply<MethodOutput<M>>>;
};

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

export interface Queue {
  handlers: Handlers;
  /**
   * Called after `recordings.saveDraft` succeeded: tags a new recording with the active outreach
   * session and links the called card with the same NIK. Never fails the save.
   */
  onDraftSaved(recordingId: string, nik: string, created: boolean): void;
}

const SETTING_CAPACITY = 'queue_capacity';
const SETTING_PRINTER = 'queue_printer';
const BOARD_CALLS = 8;

interface PrinterSetting {
  path: string | null;
  baud: number;
  width: 32 | 48;
  codePage: PrinterCodePage;
}

const toCard = (r: CardRow): QueueCard => ({
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

const toEntry = (e: EntryRow): PreregEntry => ({
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

const toSession = (s: SessionRow): OutreachSession => ({ ...s });

const isLive = (s: string) => s === 'waiting' || s === 'called' || s === 'skipped';

export function createQueue(deps: QueueDeps): Queue {
  const { db, now, audit, log, emit } = deps;
  let printerError: string | null = null;
  const listImporter = deps.listImporter ?? workerListImporter();

  /** A list file that could not be read, as the operator's message. */
  function listFailure(err: unknown, locale: Locale): Reply<never> {
    if (!(err instanceof ListFormatError)) throw err;
    const key = (
      { tooBig: 'listTooBig', tooManyRows: 'listTooManyRows', timeout: 'listTimeout' } as const
    )[err.message];
    if (err.forOperator) return fail('VALIDATION', err.message);
    if (key) return fail('VALIDATION', qmsg(locale, key));
    return fail('VALIDATION', qmsg(locale, 'listUnreadable', { detail: err.message.slice(0, 80) }));
  }

  const today = () => localIsoDate(now());
  const nowMinutes = () => {
    const d = now();
    return d.getHours() * 60 + d.getMinutes();
  };

  function rules(): CapacitySettings {
    const raw = getSetting(db, SETTING_CAPACITY);
    if (!raw)
      return {
        ...DEFAULT_CAPACITY,
        serviceDays: [...DEFAULT_CAPACITY.serviceDays],
        holidays: [],
        closures: [],
      };
    try {
      return {
        ...DEFAULT_CAPACITY,
        ...(JSON.parse(raw) as Partial<CapacitySettings>),
      } as CapacitySettings;
    } catch {
      return { ...DEFAULT_CAPACITY, holidays: [], closures: [], serviceDays: [1, 2, 3, 4, 5] };
    }
  }

  function printer(): PrinterSetting {
    const raw = getSetting(db, SETTING_PRINTER);
    const base: PrinterSetting = { path: null, baud: 9600, width: 32, codePage: 'ascii' };
    if (!raw) return base;
    try {
      return { ...base, ...(JSON.parse(raw) as Partial<PrinterSetting>) };
    } catch {
      return base;
    }
  }

  /** One job to the configured printer, the outcome kept for the technician's screen. */
  async function sendToPrinter(
    p: PrinterSetting,
    commands: EscPosCommand[],
  ): Promise<Reply<{ printed: true; bytes: number }>> {
    const locale = deps.locale();
    const path = p.path;
    if (!path) return fail('DEVICE', qmsg(locale, 'printerNone'));
    const open = deps.openPrinter ?? defaultOpenPrinter;
    try {
      const bytes = await printJob(encode(commands), { open: () => open(path, p.baud) });
      printerError = null;
      return ok({ printed: true as const, bytes });
    } catch (err) {
      const detail = printErrorText(err, locale);
      printerError = detail;
      log.warn('queue print failed', { code: err instanceof PrintError ? err.code : 'unknown' });
      return fail('DEVICE', qmsg(locale, 'printerFailed', { detail }));
    }
  }

  const printerInfo = (): PrinterInfo => {
    const p = printer();
    return {
      configured: p.path !== null,
      path: p.path,
      baud: p.baud,
      width: p.width,
      codePage: p.codePage,
      lastError: printerError,
    };
  };

  function capacityView(): CapacityView {
    const r = rules();
    return {
      settings: r,
      dailyCapacity: dailyCapacity(r),
      today: today(),
      nextFreeDate: earliestDate({
        rules: r,
        today: today(),
        nowMinutes: nowMinutes(),
        lane: 'regular',
        load: (d) => dayLoad(db, d),
      }),
    };
  }

  function affectedCards(): AffectedCard[] {
    const r = rules();
    const t = today();
    const byDate = new Map<string, CardRow[]>();
    for (const c of seatHoldersFrom(db, t)) {
      const list = byDate.get(c.date) ?? [];
      list.push(c);
      byDate.set(c.date, list);
    }
    const out: AffectedCard[] = [];
    for (const [date, cards] of byDate) {
      const cap = dayCapacity(r, date).capacity;
      for (const { card, position } of overCapacity(cards, cap)) {
        if (!isLive(card.status)) continue;
        out.push({
          card: toCard(card),
          dayCapacity: cap,
          position,
          earliestDate: earliestDate({
            rules: r,
            today: t,
            nowMinutes: nowMinutes(),
            lane: card.lane,
            load: (d) => dayLoad(db, d),
          }),
        });
      }
    }
    return out;
  }

  function whyNotToday(date: string, locale: Locale): string {
    const t = today();
    if (date === t) return qmsg(locale, 'today');
    const r = rules();
    const day = dayCapacity(r, t);
    const when = formatServiceDate(date, locale);
    if (!day.open) return qmsg(locale, 'todayNotService', { date: when });
    if (nowMinutes() >= minutesOf(r.closesAt))
      return qmsg(locale, 'todayClosedHours', { time: r.closesAt, date: when });
    return qmsg(locale, 'todayFull', { date: when });
  }

  /** One card, inside the caller's transaction. Returns the card and whether it already existed. */
  function issueOne(
    actor: Actor,
    data: {
      nik: string | null;
      name: string;
      phone: string | null;
      address: string | null;
      lane: Lane;
      reason: QueueCard['priorityReason'];
      entryId: string | null;
    },
  ): { row: CardRow; existing: boolean } | null {
    if (data.nik) {
      const live = findLiveCardByNik(db, data.nik);
      if (live) return { row: live, existing: true };
    }
    if (data.entryId) {
      const live = findLiveCardByEntry(db, data.entryId);
      if (live) return { row: live, existing: true };
    }
    const date = earliestDate({
      rules: rules(),
      today: today(),
      nowMinutes: nowMinutes(),
      lane: data.lane,
      load: (d) => dayLoad(db, d),
    });
    if (!date) return null;
    const at = now();
    const id = newId('Q', at);
    insertCard(db, {
      id,
      date,
      lane: data.lane,
      seq: nextSeq(db, date, data.lane),
      priorityReason: data.reason,
      nik: data.nik,
      name: data.name,
      phone: data.phone,
      address: data.address,
      callOrder: nextCallOrder(db, date),
      issuedAt: at.toISOString(),
      issuedById: actor.id,
      listEntryId: data.entryId,
    });
    audit.record(actor, 'queue.issued', id);
    return { row: findCard(db, id)!, existing: false };
  }

  const notFound = () => fail('NOT_FOUND', qmsg(deps.locale(), 'cardNotFound'));
  const notLive = (c: CardRow) =>
    fail(
      'CONFLICT',
      qmsg(deps.locale(), 'cardNotLive', {
        number: cardNumber(c.lane, c.seq),
        status: statusLabel(c.status, deps.locale()),
      }),
    );

  function prefill(c: CardRow) {
    let address = c.address ?? '';
    if (!address && c.listEntryId) address = findEntry(db, c.listEntryId)?.address ?? '';
    return { nik: c.nik ?? '', name: c.name, address };
  }

  function announce(c: CardRow, deskName: string, recall: boolean): BoardCall {
    const call: BoardCall = {
      cardId: c.id,
      number: cardNumber(c.lane, c.seq),
      desk: deskName,
      at: now().toISOString(),
      recall,
    };
    insertCall(db, {
      cardId: c.id,
      number: call.number,
      lane: c.lane,
      desk: deskName,
      at: call.at,
      recall: recall ? 1 : 0,
    });
    return call;
  }

  function startOfToday(): string {
    const d = now();
    return new Date(d.getFullYear(), d.getMonth(), d.getDate()).toISOString();
  }

  function listView(id: string): PreregList | null {
    const l = listLists(db).find((x) => x.id === id);
    return l ?? null;
  }

  function linkServed(card: CardRow, recordingId: string, actor: Actor | null): void {
    setCardStatus(db, card.id, { status: 'served', recordingId, servedAt: now().toISOString() });
    audit.record(actor, 'queue.linked', card.id);
  }

  const handlers: Handlers = {
    'queue.capacity': () => ok(capacityView()),

    'queue.setCapacity': (input, { actor }) => {
      const locale = deps.locale();
      const next: CapacitySettings = { ...rules(), ...input };
      if (minutesOf(next.closesAt) <= minutesOf(next.opensAt)) {
        const text = qmsg(locale, 'hoursBad');
        return fail('VALIDATION', text, { closesAt: text });
      }
      for (const d of [...next.holidays.map((h) => h.date), ...next.closures.map((c) => c.date)]) {
        if (!isValidDate(d)) return fail('VALIDATION', qmsg(locale, 'dateBad', { date: d }));
      }
      next.serviceDays = [...new Set(next.serviceDays)].sort();
      db.transaction(() => {
        setSetting(db, SETTING_CAPACITY, JSON.stringify(next));
        audit.record(actor, 'queue.capacity', null);
      })();
      emit('queue.changed', { date: today() });
      return ok({ capacity: capacityView(), affected: affectedCards() });
    },

    'queue.days': (input) => {
      const r = rules();
      const from = input.from ?? today();
      if (!isValidDate(from))
        return fail('VALIDATION', qmsg(deps.locale(), 'dateBad', { date: from }));
      const locale = deps.locale();
      const out: DayPlan[] = [];
      for (let i = 0; i < (input.days ?? 14); i++) {
        const date = addDays(from, i);
        const day = dayCapacity(r, date);
        const load = dayLoad(db, date);
        const issued = load.regular + load.priority;
        out.push({
          date,
          weekday: day.weekday,
          open: day.open,
          closedReason: day.closed
            ? day.closed.kind === 'holiday'
              ? qmsg(locale, 'dayHoliday', { label: day.closed.label })
              : day.closed.kind === 'closure'
                ? qmsg(locale, 'dayClosure', { label: day.closed.label })
                : qmsg(locale, 'dayNotServed')
            : null,
          capacity: day.capacity,
          priorityReserved: day.priorityReserved,
          issued,
          priorityIssued: load.priority,
          free: Math.max(0, day.capacity - issued),
        });
      }
      return ok(out);
    },

    'queue.affected': () => ok(affectedCards()),

    'queue.reschedule': (input, { actor }) =>
      db
        .transaction((): Reply<QueueCard> => {
          const c = findCard(db, input.id);
          if (!c) return notFound();
          if (!isLive(c.status)) return notLive(c);
          const r = rules();
          // The card's own seat does not count against the day it is on.
          const load = (d: string) => {
            const l = dayLoad(db, d);
            if (d === c.date) l[c.lane] = Math.max(0, l[c.lane] - 1);
            return l;
          };
          const date = earliestDate({
            rules: r,
            today: today(),
            nowMinutes: nowMinutes(),
            lane: c.lane,
            load,
          });
          if (!date) return fail('CONFLICT', qmsg(deps.locale(), 'noCapacity'));
          if (date !== c.date) {
            setCardStatus(db, c.id, {
              date,
              seq: nextSeq(db, date, c.lane),
              callOrder: nextCallOrder(db, date),
              status: 'waiting',
            });
            audit.record(actor, 'queue.rescheduled', c.id);
            emit('queue.changed', { date: c.date });
            emit('queue.changed', { date });
          }
          return ok(toCard(findCard(db, c.id)!));
        })
        .immediate(),

    'queue.issue': (input, { actor }) => {
      const locale = deps.locale();
      const rawNik = input.nik?.trim() ?? '';
      let nik: string | null = null;
      if (rawNik !== '') {
        const problem = nikProblem(rawNik, locale);
        if (problem) return fail('VALIDATION', problem, { nik: problem });
        nik = cleanNumber(rawNik);
      }
      let phone: string | null = null;
      if (input.phone && input.phone.trim() !== '') {
        phone = normalizePhone(input.phone);
        if (!phone) {
          const text = qmsg(locale, 'phoneBad', { phone: input.phone.slice(0, 24) });
          return fail('VALIDATION', text, { phone: text });
        }
      }
      const name = input.name.replace(/\s+/g, ' ').toUpperCase();
      // IMMEDIATE: the write lock is taken before counting seats, so two stations' processes
      // sharing the file (or two connections) cannot both see the last free seat.
      const result = db
        .transaction(() => {
          expireStale(db, today());
          if (input.listEntryId && !findEntry(db, input.listEntryId)) return 'no-entry' as const;
          return issueOne(actor!, {
            nik,
            name,
            phone,
            address: input.address?.trim() || null,
            lane: input.priority ? 'priority' : 'regular',
            reason: input.priority ?? null,
            entryId: input.listEntryId ?? null,
          });
        })
        .immediate();
      if (result === 'no-entry') return fail('NOT_FOUND', qmsg(locale, 'entryNotFound'));
      if (!result) return fail('CONFLICT', qmsg(locale, 'noCapacity'));
      const card = toCard(result.row);
      if (!result.existing) emit('queue.changed', { date: card.date });
      return ok({
        card,
        existing: result.existing,
        note: result.existing
          ? qmsg(locale, 'existingCard', {
              number: card.number,
              date: formatServiceDate(card.date, locale),
            })
          : whyNotToday(card.date, locale),
      });
    },

    'queue.issueForList': (input, { actor }) => {
      const locale = deps.locale();
      if (!listView(input.listId)) return fail('NOT_FOUND', qmsg(locale, 'listNotFound'));
      const wanted = input.entryIds ? new Set(input.entryIds) : null;
      const res = db
        .transaction(() => {
          expireStale(db, today());
          const issued: QueueCard[] = [];
          const existing: QueueCard[] = [];
          const skipped: { entryId: string; reason: string }[] = [];
          for (const e of listEntries(db, input.listId, null, 100_000)) {
            if (wanted && !wanted.has(e.id)) continue;
            if (e.recorded === 1) {
              skipped.push({ entryId: e.id, reason: qmsg(locale, 'alreadyRecorded') });
              continue;
            }
            const r = issueOne(actor!, {
              nik: e.nik,
              name: e.name,
              phone: e.phone,
              address: e.address || null,
              lane: 'regular',
              reason: null,
              entryId: e.id,
            });
            if (!r) {
              skipped.push({ entryId: e.id, reason: qmsg(locale, 'noCapacity') });
              continue;
            }
            (r.existing ? existing : issued).push(toCard(r.row));
          }
          return { issued, existing, skipped };
        })
        .immediate();
      for (const d of new Set(res.issued.map((c) => c.date))) emit('queue.changed', { date: d });
      return ok(res);
    },

    'queue.cards': (input) => {
      const q = input.query?.trim();
      if (q) {
        // A search returns one page of the cards issued last: a common name matches hundreds
        // over the years, and the page costs the same at 200,000 recordings as at 20,000.
        const digits = q.replace(/\s+/g, '');
        const page = input.limit ?? SEARCH_PAGE;
        return ok(
          searchCards(db, /^\d+$/.test(digits) ? digits : q.toUpperCase(), page).map(toCard),
        );
      }
      const date = input.date ?? today();
      return ok(
        cardsOfDate(db, date)
          .slice(0, input.limit ?? 1000)
          .map(toCard),
      );
    },

    'queue.card': (input) => {
      const c = findCard(db, input.id);
      return c ? ok(toCard(c)) : notFound();
    },

    'queue.cancel': (input, { actor }) =>
      db.transaction((): Reply<QueueCard> => {
        const c = findCard(db, input.id);
        if (!c) return notFound();
        if (!isLive(c.status)) return notLive(c);
        setCardStatus(db, c.id, { status: 'cancelled', cancelReason: input.reason });
        audit.record(actor, 'queue.cancelled', c.id);
        emit('queue.changed', { date: c.date });
        return ok(toCard(findCard(db, c.id)!));
      })(),

    'queue.cardPdf': async (input) => {
      const c = findCard(db, input.id);
      if (!c) return notFound();
      const pdf = await renderCardPdf({ card: toCard(c), stationName: getStation(db)?.name ?? '' });
      return ok({ pdfBase64: pdf.toString('base64') });
    },

    'queue.print': async (input, { actor }) => {
      const c = findCard(db, input.id);
      if (!c) return notFound();
      const p = printer();
      const card = cardEscPos(
        { card: toCard(c), stationName: getStation(db)?.name ?? '' },
        p.width,
      );
      const r = await sendToPrinter(p, withCodePage(card, p.codePage));
      if (r.ok) audit.record(actor, 'queue.printed', c.id);
      return r;
    },

    'queue.testPrint': async (_input, { actor }) => {
      const p = printer();
      const page = testPageEscPos({
        stationName: getStation(db)?.name ?? '',
        printedAt: now().toISOString().slice(0, 16).replace('T', ' '),
        path: p.path ?? '',
        baud: p.baud,
        columns: p.width,
        codePage: p.codePage,
      });
      const r = await sendToPrinter(p, page);
      if (r.ok) audit.record(actor, 'queue.test-printed', null);
      return r;
    },

    'queue.printerPorts': async () => {
      try {
        return ok(deps.listSerialPorts ? await deps.listSerialPorts() : []);
      } catch (err) {
        log.warn('serial port list failed', { error: (err as Error).name });
        return ok([]);
      }
    },

    'queue.printer': () => ok(printerInfo()),

    'queue.setPrinter': (input, { actor }) => {
      const cur = printer();
      const next: PrinterSetting = {
        path: input.path,
        baud: input.baud ?? cur.baud,
        width: input.width ?? cur.width,
        codePage: input.codePage ?? cur.codePage,
      };
      db.transaction(() => {
        setSetting(db, SETTING_PRINTER, JSON.stringify(next));
        audit.record(actor, 'queue.printer', null);
      })();
      printerError = null;
      return ok(printerInfo());
    },

    'queue.callNext': (input, { actor }) => {
      const r = db
        .transaction(() => {
          const t = today();
          expireStale(db, t);
          const open = cardsOfDate(db, t);
          // A skipped card comes back after the cards that were waiting when it was skipped
          // (in either lane), not straight away because its lane's turn has come.
          const firstWaiting = Math.min(
            ...open.filter((c) => c.status === 'waiting').map((c) => c.callOrder),
          );
          const waiting = open.filter(
            (c) => c.status === 'waiting' || (c.status === 'skipped' && c.callOrder < firstWaiting),
          );
          const last = callsSince(db, startOfToday(), 20).find((x) => x.recall === 0);
          const next = pickNext(
            waiting.map((c) => ({ ...c, order: c.callOrder })),
            last?.lane ?? null,
          );
          if (!next) return null;
          setCardStatus(db, next.id, {
            status: 'called',
            calledAt: now().toISOString(),
            desk: input.desk,
            callCountPlus: 1,
          });
          const call = announce(next, input.desk, false);
          audit.record(actor, 'queue.called', next.id);
          return { card: findCard(db, next.id)!, call };
        })
        .immediate();
      if (!r) return ok(null);
      emit('queue.called', r.call);
      emit('queue.changed', { date: r.card.date });
      return ok({ card: toCard(r.card), prefill: prefill(r.card) });
    },

    'queue.recall': (input, { actor }) => {
      const r = db.transaction(() => {
        const c = findCard(db, input.id);
        if (!c) return notFound();
        if (!isLive(c.status)) return notLive(c);
        setCardStatus(db, c.id, {
          status: 'called',
          calledAt: now().toISOString(),
          desk: input.desk,
          callCountPlus: 1,
        });
        const call = announce(c, input.desk, true);
        audit.record(actor, 'queue.called', c.id);
        return ok({ card: findCard(db, c.id)!, call });
      })();
      if (!r.ok) return r;
      emit('queue.called', r.value.call);
      emit('queue.changed', { date: r.value.card.date });
      return ok({ card: toCard(r.value.card), prefill: prefill(r.value.card) });
    },

    'queue.skip': (input, { actor }) =>
      db.transaction((): Reply<QueueCard> => {
        const c = findCard(db, input.id);
        if (!c) return notFound();
        if (c.status !== 'called') {
          return fail(
            'CONFLICT',
            qmsg(deps.locale(), 'cardNotCalled', { number: cardNumber(c.lane, c.seq) }),
          );
        }
        setCardStatus(db, c.id, { status: 'skipped', callOrder: nextCallOrder(db, c.date) });
        audit.record(actor, 'queue.skipped', c.id);
        emit('queue.changed', { date: c.date });
        return ok(toCard(findCard(db, c.id)!));
      })(),

    'queue.noShow': (input, { actor }) =>
      db.transaction((): Reply<QueueCard> => {
        const c = findCard(db, input.id);
        if (!c) return notFound();
        if (!isLive(c.status)) return notLive(c);
        setCardStatus(db, c.id, { status: 'no-show' });
        audit.record(actor, 'queue.no-show', c.id);
        emit('queue.changed', { date: c.date });
        return ok(toCard(findCard(db, c.id)!));
      })(),

    'queue.undoNoShow': (input, { actor }) =>
      db.transaction((): Reply<QueueCard> => {
        const c = findCard(db, input.id);
        if (!c) return notFound();
        // Only the same day: after that the resident needs a new card (and a new date).
        if (c.status !== 'no-show' || c.date !== today()) {
          return fail(
            'CONFLICT',
            qmsg(deps.locale(), 'cannotUndoNoShow', { number: cardNumber(c.lane, c.seq) }),
          );
        }
        setCardStatus(db, c.id, { status: 'waiting', callOrder: nextCallOrder(db, c.date) });
        audit.record(actor, 'queue.no-show-undone', c.id);
        emit('queue.changed', { date: c.date });
        return ok(toCard(findCard(db, c.id)!));
      })(),

    'queue.linkRecording': (input, { actor }) =>
      db.transaction((): Reply<QueueCard> => {
        const c = findCard(db, input.id);
        if (!c) return notFound();
        if (!findRecording(db, input.recordingId)) {
          return fail('NOT_FOUND', qmsg(deps.locale(), 'recordingNotFound'));
        }
        if (c.status === 'served' && c.recordingId === input.recordingId) return ok(toCard(c));
        if (!isLive(c.status)) return notLive(c);
        linkServed(c, input.recordingId, actor);
        emit('queue.changed', { date: c.date });
        return ok(toCard(findCard(db, c.id)!));
      })(),

    'queue.board': () => {
      const t = today();
      const calls = callsSince(db, startOfToday(), BOARD_CALLS).map((c) => ({
        cardId: c.cardId,
        number: c.number,
        desk: c.desk,
        at: c.at,
        recall: c.recall === 1,
      }));
      const waiting = cardsOfDate(db, t).filter(
        (c) => c.status === 'waiting' || c.status === 'skipped',
      ).length;
      return ok({ today: t, calls, waiting });
    },

    'queue.inspectList': async (input) => {
      const bytes = Buffer.from(input.contentBase64, 'base64');
      try {
        return ok(await listImporter.inspect(bytes));
      } catch (err) {
        return listFailure(err, deps.locale());
      }
    },

    'queue.importList': async (input, { actor }) => {
      const locale = deps.locale();
      const bytes = Buffer.from(input.contentBase64, 'base64');
      let parsed;
      try {
        parsed = await listImporter.parse(bytes, locale, input.sheet ?? null);
      } catch (err) {
        return listFailure(err, locale);
      }
      const at = now();
      const listId = newId('L', at);
      db.transaction(() => {
        insertList(db, {
          id: listId,
          name: input.name,
          fileName: input.fileName,
          importedAt: at.toISOString(),
          importedBy: actor!.id,
          rejected: parsed.rejected.length,
        });
        insertEntries(
          db,
          listId,
          parsed.entries.map((e) => ({ ...e, id: newId('E', at) })),
        );
        audit.record(actor, 'queue.list-imported', listId);
      })();
      log.info('pre-registration list imported', {
        entries: parsed.entries.length,
        rejected: parsed.rejected.length,
      });
      return ok({
        list: listView(listId)!,
        imported: parsed.entries.length,
        rejected: parsed.rejected,
        unusedColumns: parsed.unusedColumns,
        sheet: parsed.sheet,
        sheets: parsed.sheets,
      });
    },

    'queue.lists': () => ok(listLists(db)),

    'queue.listEntries': (input) => {
      if (!listView(input.listId)) return fail('NOT_FOUND', qmsg(deps.locale(), 'listNotFound'));
      const q = normalizeQuery(input.query);
      return ok(listEntries(db, input.listId, q, input.limit ?? 1000).map(toEntry));
    },

    'queue.search': (input) => {
      const q = normalizeQuery(input.query)!;
      return ok({
        entries: listEntries(db, null, q, 50).map(toEntry),
        cards: searchCards(db, q, SEARCH_PAGE).map(toCard),
      });
    },

    'outreach.create': (input, { actor }) => {
      const locale = deps.locale();
      if (!isValidDate(input.date))
        return fail('VALIDATION', qmsg(locale, 'dateBad', { date: input.date }));
      if (input.listId && !listView(input.listId))
        return fail('NOT_FOUND', qmsg(locale, 'listNotFound'));
      const at = now();
      const id = newId('O', at);
      db.transaction(() => {
        insertSession(db, {
          id,
          place: input.place,
          date: input.date,
          kind: input.kind,
          listId: input.listId ?? null,
          notes: input.notes ?? '',
          createdAt: at.toISOString(),
          createdBy: actor!.id,
        });
        audit.record(actor, 'outreach.created', id);
      })();
      return ok(toSession(findSession(db, id)!));
    },

    'outreach.list': () => ok(listSessions(db).map(toSession)),

    'outreach.start': (input, { actor }) =>
      db.transaction((): Reply<OutreachSession> => {
        const locale = deps.locale();
        const s = findSession(db, input.id);
        if (!s) return fail('NOT_FOUND', qmsg(locale, 'sessionNotFound'));
        if (s.state === 'active') return ok(toSession(s));
        if (s.state === 'ended') return fail('CONFLICT', qmsg(locale, 'sessionEnded'));
        const other = activeSession(db);
        if (other)
          return fail('CONFLICT', qmsg(locale, 'sessionActiveOther', { place: other.place }));
        setSessionState(db, s.id, 'active', now().toISOString());
        audit.record(actor, 'outreach.started', s.id);
        return ok(toSession(findSession(db, s.id)!));
      })(),

    'outreach.end': (input, { actor }) =>
      db.transaction((): Reply<OutreachSession> => {
        const locale = deps.locale();
        const s = findSession(db, input.id);
        if (!s) return fail('NOT_FOUND', qmsg(locale, 'sessionNotFound'));
        if (s.state !== 'active') return fail('CONFLICT', qmsg(locale, 'sessionNotActive'));
        setSessionState(db, s.id, 'ended', now().toISOString());
        audit.record(actor, 'outreach.ended', s.id);
        return ok(toSession(findSession(db, s.id)!));
      })(),

    'outreach.active': () => {
      const s = activeSession(db);
      return ok(s ? toSession(s) : null);
    },

    'outreach.report': (input) => {
      const s = findSession(db, input.id);
      if (!s) return fail('NOT_FOUND', qmsg(deps.locale(), 'sessionNotFound'));
      const recorded = sessionRecordings(db, s.id);
      const notRecorded = s.listId ? entriesNotRecorded(db, s.listId, s.id) : [];
      return ok({ session: toSession(s), recorded, notRecorded });
    },

    'queue.figures': (input) => {
      const span = daysBetween(input.from, input.to);
      if (!isValidDate(input.from) || !isValidDate(input.to) || span < 0 || span > 366) {
        return fail('VALIDATION', qmsg(deps.locale(), 'rangeBad'));
      }
      const r = rules();
      const cards = cardsBetween(db, input.from, input.to);
      const days = [];
      let capTotal = 0;
      for (let i = 0; i <= span; i++) {
        const date = addDays(input.from, i);
        const own = cards.filter((c) => c.date === date);
        const capacity = dayCapacity(r, date).capacity;
        const served = own.filter((c) => c.status === 'served').length;
        capTotal += capacity;
        days.push({
          date,
          capacity,
          issued: own.filter((c) => c.status !== 'cancelled').length,
          served,
          noShows: own.filter((c) => c.status === 'no-show').length,
          capacityUsed: capacity > 0 ? served / capacity : 0,
        });
      }
      const waits = cards
        .filter((c) => c.status === 'served' && c.servedAt)
        .map((c) =>
          daysBetween(localIsoDate(new Date(c.issuedAt)), localIsoDate(new Date(c.servedAt!))),
        );
      const served = days.reduce((n, d) => n + d.served, 0);
      return ok({
        from: input.from,
        to: input.to,
        days,
        issued: days.reduce((n, d) => n + d.issued, 0),
        served,
        noShows: days.reduce((n, d) => n + d.noShows, 0),
        waitingDays: { median: median(waits), worst: waits.length ? Math.max(...waits) : null },
        capacityUsed: capTotal > 0 ? served / capTotal : 0,
      });
    },
  };

  return {
    handlers,
    onDraftSaved(recordingId, nik, created) {
      try {
        db.transaction(() => {
          const s = created ? activeSession(db) : null;
          if (s) {
            tagSessionRecording(db, recordingId, s.id);
          }
          const clean = cleanNumber(nik);
          if (!clean) return;
          const card = findLiveCardByNik(db, clean);
          // Only a card being served now: a card for next week stays a promise for next week.
          if (card && card.status === 'called' && card.date === today()) {
            linkServed(card, recordingId, null);
            emit('queue.changed', { date: card.date });
          }
        })();
      } catch (err) {
        log.error('queue link after draft failed', {}, err);
      }
    },
  };
}

function normalizeQuery(q: string | undefined): string | null {
  const s = q?.trim();
  if (!s) return null;
  const digits = s.replace(/\s+/g, '');
  return /^\d+$/.test(digits) ? digits : s.toUpperCase();
}

function printErrorText(err: unknown, locale: Locale): string {
  const code = err instanceof PrintError ? err.code : 'write-failed';
  return Object.hasOwn(PRINT_ERRORS, code)
    ? printError(locale, code as keyof typeof PRINT_ERRORS)
    : code;
}

async function defaultOpenPrinter(path: string, baud: number): Promise<ByteTransport> {
  const { openSerialTransport } = await import('../../../drivers/transport/serial');
  return openSerialTransport(path, baud);
}
