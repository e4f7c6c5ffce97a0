import { z } from 'zod';
import type { ExportKind, ExportLogEntry } from '../domain/records';
import type { MethodSpec } from './schema';

export type { ExportKind, ExportLogEntry };

/**
 * The exports part of the contract (daily report PDF, CSV/XLSX, offline bundles).
 * contract.ts spreads these into `methods`, `MethodOutputs`, `EventPayloads` and `EVENT_NAMES`.
 *
 * Every export is read back and verified before it is reported as done; the reply says what
 * the read-back found. Dates are the station's local calendar days ('YYYY-MM-DD').
 */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const range = { from: day, to: day };
/** A folder on the station itself (browser host: typed by the supervisor). */
const folderPath = z.string().trim().min(1).max(1000);

export const HEAD_TITLES = ['Kepala Kantor', 'Camat'] as const;
export type HeadTitle = (typeof HEAD_TITLES)[number];

export const exportMethods = {
  /** What a range holds, before exporting it (counts only, no personal data). */
  'exports.preview': { access: ['supervisor'], input: z.strictObject(range) },
  /** "Laporan Harian Perekaman KTP-el" of one day, A4 PDF. */
  'exports.dailyReport': {
    access: ['supervisor'],
    input: z.strictObject({
      date: day,
      headTitle: z.enum(HEAD_TITLES).optional(),
      /** Printed under the head of office's signature line; blank line when absent. */
      headName: z.string().trim().max(80).optional(),
    }),
  },
  /**
   * Metadata of the recordings of a range as CSV or XLSX — never biometrics. NIKs are masked
   * unless `fullNik` (audit-logged).
   */
  'exports.table': {
    access: ['supervisor'],
    input: z.strictObject({
      ...range,
      format: z.enum(['csv', 'xlsx']),
      fullNik: z.boolean().optional(),
      /** CSV only: `;` (Indonesian-locale spreadsheets; the default in Bahasa Indonesia) or `,`. */
      delimiter: z.enum([';', ',']).optional(),
    }),
  },
  /** Whether a folder exists and can be written to (for the bundle target field). */
  'exports.checkFolder': { access: ['supervisor'], input: z.strictObject({ path: folderPath }) },
  /**
   * Writes the range's sealed packets (still encrypted to the centre) with a signed manifest and
   * checksums into a new sub-folder of `folder`, atomically, and marks them exported.
   */
  'exports.bundle': {
    access: ['supervisor'],
    input: z.strictObject({ ...range, folder: folderPath }),
  },
  /** Villages (desa/kelurahan) with printed cards waiting at the office, for the lists. */
  'exports.villages': { access: ['supervisor'], input: z.strictObject({}) },
  /**
   * "Daftar KTP-el siap diambil": one village's cards waiting at the office, for the village
   * head, as A4 PDF or XLSX. NIKs are masked unless `fullNik` (audit-logged).
   */
  'exports.villageList': {
    access: ['supervisor'],
    input: z.strictObject({
      villageCode: z.string().regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/),
      format: z.enum(['pdf', 'xlsx']),
      fullNik: z.boolean().optional(),
    }),
  },
  /** Exports made at this station, newest first (no personal data). */
  'exports.log': {
    access: ['supervisor'],
    input: z.strictObject({ limit: z.number().int().min(1).max(200).optional() }),
  },
} as const satisfies Record<string, MethodSpec>;

export interface ExportPreview {
  from: string;
  to: string;
  /** Recordings created in the range (drafts included). */
  recordings: number;
  /** Sealed packets of the range still held on the station (bundle candidates). */
  packets: number;
  packetBytes: number;
  /** Of those, already written to an earlier bundle. */
  alreadyExported: number;
}

/** What the read-back of a written export found. */
export interface ExportVerification {
  ok: boolean;
  /** One line per check, in the UI language (e.g. "2 halaman A4", "3 baris terbaca"). */
  checks: string[];
}

export interface ExportFile {
  kind: 'pdf' | 'csv' | 'xlsx';
  fileName: string;
  mediaType: string;
  bytes: number;
  sha256: string;
  /** The file itself, for the renderer to save. */
  base64: string;
  /** Data rows (recordings) in the file. */
  rows: number;
  /** PDF only. */
  pages?: number;
  verification: ExportVerification;
}

export interface FolderCheck {
  path: string;
  exists: boolean;
  writable: boolean;
  freeBytes: number | null;
  /** Why it cannot be used, in the UI language; null when it can. */
  problem: string | null;
}

export interface BundlePacket {
  packetId: string;
  size: number;
  sha256: string;
}

export interface BundleResult {
  /** The bundle's own folder (inside the chosen folder). */
  path: string;
  name: string;
  stationId: string;
  packets: BundlePacket[];
  bytes: number;
  /** SHA-256 of manifest.json (read it out to the centre to confirm the copy). */
  manifestSha256: string;
  verification: ExportVerification;
}

/** A village with cards waiting at the office. */
export interface VillageWaiting {
  villageCode: string;
  /** From the region table; '' when the code is unknown. */
  villageName: string;
  waiting: number;
}

export interface ExportOutputs {
  'exports.preview': ExportPreview;
  'exports.dailyReport': ExportFile;
  'exports.table': ExportFile;
  'exports.checkFolder': FolderCheck;
  'exports.bundle': BundleResult;
  'exports.log': ExportLogEntry[];
  'exports.villages': VillageWaiting[];
  'exports.villageList': ExportFile;
}

export interface ExportProgress {
  kind: ExportKind;
  /** 0–100. */
  percent: number;
  /** What is happening, in the UI language. */
  step: string;
}

export interface ExportEvents {
  'export.progress': ExportProgress;
}

export const EXPORT_EVENTS = ['export.progress'] as const;
