import type { CardStatus, PriorityReason } from '../domain/records';

/**
 * What the queue methods of contract-queue.ts return: cards, day plans, calls, lists, outreach
 * sessions and figures (contract-queue.ts re-exports all of it).
 */

export const OUTREACH_KINDS = ['school', 'village-hall', 'home-visit'] as const;
export type OutreachKind = (typeof OUTREACH_KINDS)[number];

/** ESC/POS character tables the technician can choose (drivers/printer/code-pages.ts). */
export const PRINTER_CODE_PAGES = ['ascii', 'pc437', 'wpc1252'] as const;
export type PrinterCodePage = (typeof PRINTER_CODE_PAGES)[number];

export interface QueueCard {
  id: string;
  /** 'A-001' regular lane, 'P-001' priority lane; per date. */
  number: string;
  lane: 'regular' | 'priority';
  priorityReason: PriorityReason | null;
  /** The guaranteed date of service. */
  date: string;
  nik: string | null;
  name: string;
  phone: string | null;
  address: string | null;
  status: CardStatus;
  issuedAt: string;
  issuedBy: string;
  calledAt: string | null;
  desk: string | null;
  callCount: number;
  recordingId: string | null;
  /** The linked recording is sealed: only then is the card "recorded" (Direkam). */
  recordingSealed: boolean;
  listEntryId: string | null;
}

export interface IssueResult {
  card: QueueCard;
  /** A live card for this NIK already existed; no new card was made. */
  existing: boolean;
  /** For the operator: why the date is not today ("Hari ini penuh …"), in the UI language. */
  note: string;
}

export interface BulkIssueResult {
  issued: QueueCard[];
  /** Entries that already had a live card (the card is included). */
  existing: QueueCard[];
  /** Entries skipped (already recorded, bad data), with why. */
  skipped: { entryId: string; reason: string }[];
}

export interface DayPlan {
  date: string;
  weekday: number;
  open: boolean;
  /** Why closed: 'Libur: …', 'Tutup: …', 'Bukan hari layanan'. */
  closedReason: string | null;
  capacity: number;
  priorityReserved: number;
  /** Live + served + no-show cards (every card that holds a seat that day). */
  issued: number;
  priorityIssued: number;
  free: number;
}

export interface AffectedCard {
  card: QueueCard;
  /** The day's capacity now and the card's place among that day's cards. */
  dayCapacity: number;
  position: number;
  /** Where `queue.reschedule` would move it now. */
  earliestDate: string | null;
}

/** What the called card brings to a new draft (the form fills these, the operator checks). */
export interface ResidentPrefill {
  nik: string;
  name: string;
  address: string;
}

export interface CallResult {
  card: QueueCard;
  prefill: ResidentPrefill;
}

export interface BoardCall {
  cardId: string;
  number: string;
  desk: string;
  at: string;
  recall: boolean;
}

export interface QueueBoard {
  today: string;
  /** Newest first, at most 8. */
  calls: BoardCall[];
  waiting: number;
}

export interface PrinterPort {
  path: string;
  /** Manufacturer and USB ids when the OS knows them. */
  label: string | null;
}

export interface PrinterInfo {
  configured: boolean;
  path: string | null;
  baud: number;
  width: 32 | 48;
  codePage: PrinterCodePage;
  /** Result of the last print, for the technician. */
  lastError: string | null;
}

export interface PreregList {
  id: string;
  name: string;
  fileName: string;
  importedAt: string;
  importedBy: string;
  entries: number;
  rejected: number;
  carded: number;
  recorded: number;
}

export interface PreregEntry {
  id: string;
  listId: string;
  /** Row number in the file (1 = header). */
  row: number;
  nik: string;
  name: string;
  address: string;
  phone: string | null;
  /** The entry's live or served card, if any. */
  cardId: string | null;
  cardNumber: string | null;
  cardDate: string | null;
  recorded: boolean;
}

export interface RejectedRow {
  row: number;
  /** Why, in the UI language ("NIK harus 16 angka …"). */
  reason: string;
  /** The raw NIK/name cells, shown to the operator to find the row (never logged). */
  nik: string;
  name: string;
}

export interface ImportListResult {
  list: PreregList;
  imported: number;
  rejected: RejectedRow[];
  /** Header cells of the columns that were not imported, as the file names them. */
  unusedColumns: string[];
  /** The worksheet read (XLSX); null for CSV. */
  sheet: string | null;
  /** Every worksheet of the file (XLSX); empty for CSV. */
  sheets: string[];
}

export interface ListSheetInfo {
  name: string;
  /** Rows with something in them. */
  rows: number;
  /** A header row with NIK and NAMA was found. */
  hasHeader: boolean;
}

export interface ListInspection {
  format: 'csv' | 'xlsx';
  sheets: ListSheetInfo[];
  /** The sheet an import without a choice reads; null for CSV. */
  defaultSheet: string | null;
}

export interface QueueSearchResult {
  entries: PreregEntry[];
  cards: QueueCard[];
}

export interface OutreachSession {
  id: string;
  place: string;
  date: string;
  kind: OutreachKind;
  listId: string | null;
  notes: string;
  state: 'planned' | 'active' | 'ended';
  startedAt: string | null;
  endedAt: string | null;
  recordings: number;
}

export interface OutreachReport {
  session: OutreachSession;
  recorded: { recordingId: string; nik: string; name: string; status: string; at: string }[];
  /** Entries of the session's list with no recording (in this session or before). */
  notRecorded: {
    entryId: string;
    nik: string;
    name: string;
    address: string;
    phone: string | null;
  }[];
}

export interface QueueDayFigures {
  date: string;
  capacity: number;
  issued: number;
  served: number;
  noShows: number;
  /** served / capacity, 0–1 (0 when closed). */
  capacityUsed: number;
}

export interface QueueFigures {
  from: string;
  to: string;
  days: QueueDayFigures[];
  issued: number;
  served: number;
  noShows: number;
  /** Days from the card being issued to its recording (served cards only). */
  waitingDays: { median: number | null; worst: number | null };
  capacityUsed: number;
}
