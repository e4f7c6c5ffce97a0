import { z } from 'zod';
import { base64, id, text } from './schema';
import type { MethodSpec } from './schema';
import { PRIORITY_REASONS } from '../domain/records';
import { OUTREACH_KINDS, PRINTER_CODE_PAGES } from './contract-queue-types';
import type {
  AffectedCard,
  BoardCall,
  BulkIssueResult,
  CallResult,
  DayPlan,
  ImportListResult,
  IssueResult,
  ListInspection,
  OutreachReport,
  OutreachSession,
  PreregEntry,
  PreregList,
  PrinterInfo,
  PrinterPort,
  QueueBoard,
  QueueCard,
  QueueFigures,
  QueueSearchResult,
} from './contract-queue-types';

/**
 * The queue (antrian: capacity, cards, calling, lists, outreach) methods of the contract; the
 * shapes they return are in contract-queue-types.ts (re-exported here for importers).
 * contract.ts spreads these into `methods`, `MethodOutputs`, `EventPayloads` and `EVENT_NAMES`.
 *
 * Dates of service are local calendar dates 'YYYY-MM-DD' (the station's clock). A card's date is
 * a promise: capacity changes never move an issued card; they list the cards that no longer fit
 * (`queue.affected`) so staff can call those residents and, if they agree, `queue.reschedule`.
 */

export { PRIORITY_REASONS };
export type { CardStatus, PriorityReason } from '../domain/records';
export * from './contract-queue-types';
/** Largest pre-registration file accepted (CSV or XLSX). */
export const MAX_LIST_BYTES = 8 * 1024 * 1024;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);
const weekday = z.number().int().min(0).max(6);
/** A desk's name as shown on the TV ("Loket 1"). */
const desk = text(40);

export const capacitySettingsSchema = z.strictObject({
  /** 0 = Sunday … 6 = Saturday; default Monday–Friday. */
  serviceDays: z.array(weekday).max(7),
  /** Opening and closing time; after closing, a walk-in's earliest date is the next service day. */
  opensAt: hhmm,
  closesAt: hhmm,
  /** Public holidays: no service. */
  holidays: z.array(z.strictObject({ date: isoDate, name: text(80) })).max(400),
  /** Station closures (broken equipment, outreach day, no blanko): no service at the office. */
  closures: z.array(z.strictObject({ date: isoDate, reason: text(120) })).max(400),
  activeDesks: z.number().int().min(0).max(50),
  recordingsPerDesk: z.number().int().min(0).max(1000),
  /** Percent of each day's capacity held for the priority lane (at most half: regular residents still need seats). */
  priorityShare: z.number().int().min(0).max(50),
});
export type CapacitySettings = z.infer<typeof capacitySettingsSchema>;

export const queueMethods = {
  // ---- Capacity --------------------------------------------------------------------------
  'queue.capacity': { access: 'any', input: z.strictObject({}) },
  /** Partial update; returns the new settings and the cards that no longer fit their date. */
  'queue.setCapacity': { access: ['supervisor'], input: capacitySettingsSchema.partial() },
  /** The plan of service days from `from` (default today), `days` calendar days long. */
  'queue.days': {
    access: 'any',
    input: z.strictObject({
      from: isoDate.optional(),
      days: z.number().int().min(1).max(120).optional(),
    }),
  },
  /** Live cards (today and later) beyond their day's current capacity: residents to call. */
  'queue.affected': { access: ['operator', 'supervisor'], input: z.strictObject({}) },
  /** Moves a card to the earliest day with room (after the resident agreed on the phone). */
  'queue.reschedule': { access: ['operator', 'supervisor'], input: z.strictObject({ id }) },

  // ---- Cards -----------------------------------------------------------------------------
  /**
   * Walk-in registration. With a NIK (validated) a live card for that NIK is returned instead of
   * a second one (`existing: true`). Without a NIK the name is required.
   */
  'queue.issue': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({
      nik: z.string().max(32).optional(),
      name: text(120),
      phone: z.string().trim().max(20).optional(),
      address: z.string().trim().max(200).optional(),
      priority: z.enum(PRIORITY_REASONS).nullable().optional(),
      /** Set when issuing from a pre-registration entry found at the desk. */
      listEntryId: id.optional(),
    }),
  },
  /** Cards for many entries of a pre-registration list at once (all not yet carded by default). */
  'queue.issueForList': {
    access: ['supervisor', 'operator'],
    input: z.strictObject({ listId: id, entryIds: z.array(id).max(5000).optional() }),
  },
  'queue.cards': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({
      /** Default today. */
      date: isoDate.optional(),
      /** NIK (digits, prefix) or name part; searches every date (newest 50 unless `limit`). */
      query: z.string().max(64).optional(),
      limit: z.number().int().min(1).max(2000).optional(),
    }),
  },
  'queue.card': { access: ['operator', 'supervisor'], input: z.strictObject({ id }) },
  'queue.cancel': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({ id, reason: z.string().trim().min(3).max(200) }),
  },
  /** The small card as a PDF (number, date, QR with the card id, GRATIS). */
  'queue.cardPdf': { access: ['operator', 'supervisor'], input: z.strictObject({ id }) },
  /** Prints the card on the configured serial thermal printer (ESC/POS). */
  'queue.print': { access: ['operator', 'supervisor'], input: z.strictObject({ id }) },
  'queue.printer': { access: 'any', input: z.strictObject({}) },
  /** path null = no thermal printer (cards are printed from the PDF). */
  'queue.setPrinter': {
    access: ['technician', 'supervisor'],
    input: z.strictObject({
      path: z.string().trim().min(1).max(256).nullable(),
      baud: z.number().int().min(1200).max(921600).optional(),
      /** Characters per line: 32 (58 mm paper) or 48 (80 mm). */
      width: z.union([z.literal(32), z.literal(48)]).optional(),
      /** ESC/POS character table: `ascii` (accents dropped, any printer), PC437 or WPC1252. */
      codePage: z.enum(PRINTER_CODE_PAGES).optional(),
    }),
  },
  /** The serial ports the driver host sees, for the technician's printer choice. */
  'queue.printerPorts': { access: ['technician', 'supervisor'], input: z.strictObject({}) },
  /** A test page on the configured printer: ruler for the width, accented letters for the table. */
  'queue.testPrint': { access: ['technician', 'supervisor'], input: z.strictObject({}) },

  // ---- Calling ---------------------------------------------------------------------------
  /**
   * Today's next card for this desk (priority lane interleaved fairly). Emits `queue.called`.
   * Returns null when nobody is waiting.
   */
  'queue.callNext': { access: ['operator'], input: z.strictObject({ desk }) },
  /** Calls the same card again (the resident did not hear). Emits `queue.called` with recall. */
  'queue.recall': { access: ['operator'], input: z.strictObject({ id, desk }) },
  /** Not here now: back to waiting, called again after the cards waiting now. */
  'queue.skip': { access: ['operator'], input: z.strictObject({ id }) },
  'queue.noShow': { access: ['operator', 'supervisor'], input: z.strictObject({ id }) },
  /** A no-show marked by mistake: back in the waiting line, for the rest of the card's day. */
  'queue.undoNoShow': { access: ['operator', 'supervisor'], input: z.strictObject({ id }) },
  /**
   * Links the draft created for a called card (the renderer calls it after
   * `recordings.saveDraft`); the card becomes 'served'. A draft saved with the card's NIK while
   * the card is called is linked automatically.
   */
  'queue.linkRecording': {
    access: ['operator'],
    input: z.strictObject({ id, recordingId: id }),
  },
  /** What the waiting-room TV shows: the latest calls (numbers and desk names only). */
  'queue.board': { access: 'public', input: z.strictObject({}) },

  // ---- Pre-registration lists --------------------------------------------------------------
  /**
   * CSV (`,` `;` or tab; UTF-8, UTF-16 or Windows-1252) or XLSX, header with NIK, NAMA and
   * optionally ALAMAT, NO. HP/WA, NO. KK (common variants recognised). `sheet` picks the XLSX
   * worksheet; without it the first sheet with such a header is read.
   */
  'queue.importList': {
    access: ['supervisor', 'operator'],
    maxBodyBytes: Math.ceil(MAX_LIST_BYTES / 3) * 4 + 4096,
    input: z.strictObject({
      name: text(80),
      fileName: text(200),
      contentBase64: base64(MAX_LIST_BYTES),
      sheet: z.string().min(1).max(100).optional(),
    }),
  },
  /** What a list file holds before importing it: its worksheets and which has a list. */
  'queue.inspectList': {
    access: ['supervisor', 'operator'],
    maxBodyBytes: Math.ceil(MAX_LIST_BYTES / 3) * 4 + 4096,
    input: z.strictObject({ contentBase64: base64(MAX_LIST_BYTES) }),
  },
  'queue.lists': { access: ['operator', 'supervisor'], input: z.strictObject({}) },
  'queue.listEntries': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({
      listId: id,
      query: z.string().max(64).optional(),
      limit: z.number().int().min(1).max(5000).optional(),
    }),
  },
  /** Instant search at the desk: list entries and cards by NIK (prefix) or name part. */
  'queue.search': {
    access: ['operator', 'supervisor'],
    input: z.strictObject({ query: z.string().trim().min(2).max(64) }),
  },

  // ---- Outreach sessions -------------------------------------------------------------------
  'outreach.create': {
    access: ['supervisor'],
    input: z.strictObject({
      place: text(120),
      date: isoDate,
      kind: z.enum(OUTREACH_KINDS),
      listId: id.nullable().optional(),
      notes: z.string().trim().max(500).optional(),
    }),
  },
  'outreach.list': { access: ['operator', 'supervisor'], input: z.strictObject({}) },
  /** While a session is active, every recording created at this station carries its id. */
  'outreach.start': { access: ['supervisor', 'operator'], input: z.strictObject({ id }) },
  'outreach.end': { access: ['supervisor', 'operator'], input: z.strictObject({ id }) },
  'outreach.active': { access: 'any', input: z.strictObject({}) },
  'outreach.report': { access: ['operator', 'supervisor'], input: z.strictObject({ id }) },

  // ---- Figures -----------------------------------------------------------------------------
  'queue.figures': {
    access: ['supervisor'],
    input: z.strictObject({ from: isoDate, to: isoDate }),
  },
} as const satisfies Record<string, MethodSpec>;

export interface CapacityView {
  settings: CapacitySettings;
  /** Capacity of a normal service day = activeDesks × recordingsPerDesk. */
  dailyCapacity: number;
  today: string;
  /** The date a walk-in would get now. */
  nextFreeDate: string | null;
}

export interface SetCapacityResult {
  capacity: CapacityView;
  affected: AffectedCard[];
}

export interface QueueOutputs {
  'queue.capacity': CapacityView;
  'queue.setCapacity': SetCapacityResult;
  'queue.days': DayPlan[];
  'queue.affected': AffectedCard[];
  'queue.reschedule': QueueCard;
  'queue.issue': IssueResult;
  'queue.issueForList': BulkIssueResult;
  'queue.cards': QueueCard[];
  'queue.card': QueueCard;
  'queue.cancel': QueueCard;
  'queue.cardPdf': { pdfBase64: string };
  'queue.print': { printed: true; bytes: number };
  'queue.printer': PrinterInfo;
  'queue.setPrinter': PrinterInfo;
  'queue.printerPorts': PrinterPort[];
  'queue.testPrint': { printed: true; bytes: number };
  'queue.callNext': CallResult | null;
  'queue.recall': CallResult;
  'queue.skip': QueueCard;
  'queue.noShow': QueueCard;
  'queue.undoNoShow': QueueCard;
  'queue.linkRecording': QueueCard;
  'queue.board': QueueBoard;
  'queue.importList': ImportListResult;
  'queue.inspectList': ListInspection;
  'queue.lists': PreregList[];
  'queue.listEntries': PreregEntry[];
  'queue.search': QueueSearchResult;
  'outreach.create': OutreachSession;
  'outreach.list': OutreachSession[];
  'outreach.start': OutreachSession;
  'outreach.end': OutreachSession;
  'outreach.active': OutreachSession | null;
  'outreach.report': OutreachReport;
  'queue.figures': QueueFigures;
}

export interface QueueEvents {
  /** For the TV window: a number called (or recalled) at a desk. */
  'queue.called': BoardCall;
  /** Cards of a date changed (issued, called, skipped …): lists refresh. */
  'queue.changed': { date: string };
}

export const QUEUE_EVENTS = ['queue.called', 'queue.changed'] as const;
