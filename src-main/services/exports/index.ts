// Exports for the supervisor: the daily report PDF, CSV/XLSX of a range and offline
// bundles. Each one reports progress, is read back and verified before it counts, is written to
// the exports log, and is audit-logged — with file names and counts only, never personal data.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type {
  BundleResult,
  ExportKind,
  ExportOutputs,
  ExportProgress,
} from '../../api/contract-exports';
import { fail, ok } from '../../api/reply';
import { getStationKeys } from '../../store/keys-repo';
import { getStation } from '../../store/station-repo';
import { countRecordingsBetween } from '../../store/recordings-repo';
import { findUserById } from '../../store/users-repo';
import type { Actor, Audit } from '../common/audit';
import type { Logger } from '../common/log';
import type { Locale } from '../../domain/i18n';
import { BundleError, inspectFolder, writeBundle } from './bundle';
import { fileReply } from './file-reply';
import { villageListHandlers } from './village-list';
import { handoverFigures } from '../supervisor/recap';
import { parseCsv, writeCsv } from './csv';
import {
  bundleCandidates,
  insertExportLog,
  listExportLog,
  listExportRows,
  markExported,
  parseDay,
  rangeBounds,
} from './data';
import type { ExportLogInsert } from './data';
import { checkPdf, renderDailyReport } from './daily-report';
import { et } from './messages';
import { TABLE_HEADER, checkTable, tableRows } from './table';
import { readXlsx, writeXlsx } from './xlsx';
import { packetBytes, rangePackets } from '../../store/outbox-repo';
import type { HandlersFor } from '../../api/handlers';

export interface ExportsDeps {
  db: Database;
  now: () => Date;
  locale: () => Locale;
  audit: Audit;
  log: Logger;
  emitProgress: (p: ExportProgress) => void;
  kecamatanName: (code: string) => string;
  /** Village names for the lists of cards waiting at the office. */
  regionName: (code: string) => string;
}

type ExportMethod = keyof ExportOutputs;
export type ExportHandlers = HandlersFor<ExportMethod>;

export function createExports(deps: ExportsDeps): { handlers: ExportHandlers } {
  const { db, now, audit, log } = deps;
  const L = deps.locale;
  const progress = (kind: ExportKind, percent: number, step: string) =>
    deps.emitProgress({ kind, percent: Math.max(0, Math.min(100, Math.round(percent))), step });
  const badRange = () => fail('VALIDATION', et(L(), 'badRange'), { from: et(L(), 'badRange') });

  function logExport(
    actor: Actor | null,
    e: Omit<ExportLogInsert, 'at' | 'userId' | 'username' | 'fullNik'> & { fullNik?: boolean },
  ) {
    insertExportLog(db, {
      at: now().toISOString(),
      userId: actor?.id ?? null,
      username: actor?.username ?? null,
      fullNik: e.fullNik ?? false,
      ...e,
    });
  }

  const handlers: ExportHandlers = {
    'exports.preview': (input) => {
      const b = rangeBounds(input.from, input.to);
      if (!b) return badRange();
      const recordings = countRecordingsBetween(db, b.start, b.end);
      const packets = rangePackets(db, b.start, b.end);
      return ok({
        from: input.from,
        to: input.to,
        recordings,
        packets: packets.packets,
        packetBytes: packets.bytes,
        alreadyExported: packets.exported,
      });
    },

    'exports.dailyReport': async (input, { actor }) => {
      const day = parseDay(input.date);
      const b = rangeBounds(input.date, input.date);
      if (!day || !b) return badRange();
      const station = getStation(db);
      if (!station) return fail('NOT_SET_UP', et(L(), 'noStation'));
      progress('pdf', 5, et(L(), 'stepCollect'));
      const rows = listExportRows(db, b.start, b.end);
      progress('pdf', 30, et(L(), 'stepRender'));
      const pdf = await renderDailyReport({
        date: day,
        stationName: station.name,
        stationId: station.id,
        kecamatanName: deps.kecamatanName(station.kecamatanCode),
        rows,
        supervisorName: (actor && findUserById(db, actor.id)?.fullName) ?? '',
        headTitle: input.headTitle ?? 'Kepala Kantor',
        headName: input.headName || null,
        generatedAt: now(),
        handover: handoverFigures(db, b.start, b.end, now()),
      });
      progress('pdf', 85, et(L(), 'stepVerify'));
      const c = checkPdf(pdf);
      if (c.pages < 1 || !c.allA4 || !c.titleFound || !c.streamsOk) {
        log.error('daily report read-back failed', { ...c });
        return fail('INTERNAL', et(L(), 'verifyFailed', { detail: 'PDF' }));
      }
      const fileName = `laporan-harian-${station.id}-${input.date}.pdf`;
      const out = fileReply(
        'pdf',
        fileName,
        pdf,
        rows.length,
        [et(L(), 'checkPages', { n: c.pages }), et(L(), 'checkPdfTitle')],
        c.pages,
      );
      logExport(actor, {
        kind: 'pdf',
        from: input.date,
        to: input.date,
        fileName,
        bytes: out.bytes,
        sha256: out.sha256,
        rows: rows.length,
      });
      audit.record(actor, 'export.report', fileName);
      progress('pdf', 100, et(L(), 'stepDone'));
      return ok(out);
    },

    'exports.table': async (input, { actor }) => {
      const b = rangeBounds(input.from, input.to);
      if (!b) return badRange();
      const station = getStation(db);
      if (!station) return fail('NOT_SET_UP', et(L(), 'noStation'));
      const kind = input.format;
      const fullNik = input.fullNik === true;
      progress(kind, 5, et(L(), 'stepCollect'));
      const rows = listExportRows(db, b.start, b.end);
      const table = tableRows(rows, fullNik);
      progress(kind, 40, et(L(), 'stepRender'));
      // Indonesian-locale spreadsheets split CSV on ';'.
      const delimiter = input.delimiter ?? (L() === 'id' ? ';' : ',');
      const bytes =
        kind === 'csv'
          ? writeCsv(table, { delimiter, textColumns: [TABLE_HEADER.indexOf('NIK')] })
          : await writeXlsx('Perekaman', table, now());
      progress(kind, 80, et(L(), 'stepVerify'));
      // Read back with the libraries (csv-parse, exceljs), not with the writers' own code.
      let problems: string[];
      try {
        if (kind === 'csv') problems = checkTable(parseCsv(bytes), table);
        else {
          const back = await readXlsx(bytes);
          problems = checkTable(back.rows, table);
          if (back.notDates > 0) problems.push(`${back.notDates} date cells not dates`);
          if (back.numbers > 0) problems.push(`${back.numbers} number cells`);
        }
      } catch (e) {
        problems = [e instanceof Error ? e.message : 'unreadable'];
      }
      if (problems.length > 0) {
        log.error('table read-back failed', { kind, problems: problems.join(', ') });
        return fail('INTERNAL', et(L(), 'verifyFailed', { detail: kind.toUpperCase() }));
      }
      const fileName = `perekaman-${station.id}-${input.from}_${input.to}${fullNik ? '-nik-lengkap' : ''}.${kind}`;
      const out = fileReply(kind, fileName, bytes, rows.length, [
        et(L(), 'checkRows', { n: rows.length }),
        et(L(), 'checkNoBio'),
        et(L(), fullNik ? 'checkNikFull' : 'checkNikMasked'),
      ]);
      logExport(actor, {
        kind,
        from: input.from,
        to: input.to,
        fileName,
        bytes: out.bytes,
        sha256: out.sha256,
        rows: rows.length,
        fullNik,
      });
      audit.record(actor, fullNik ? 'export.table-full-nik' : 'export.table', fileName);
      progress(kind, 100, et(L(), 'stepDone'));
      return ok(out);
    },

    'exports.checkFolder': (input) => ok(folderCheck(input.path)),

    'exports.bundle': (input, { actor }) => {
      const b = rangeBounds(input.from, input.to);
      if (!b) return badRange();
      const station = getStation(db);
      const keys = getStationKeys(db);
      if (!station || !keys) return fail('NOT_SET_UP', et(L(), 'noStation'));
      const folder = folderCheck(input.folder);
      if (folder.problem) return fail('VALIDATION', folder.problem, { folder: folder.problem });
      progress('bundle', 2, et(L(), 'stepCollect'));
      const candidates = bundleCandidates(db, b.start, b.end);
      if (candidates.length === 0) return fail('NOT_FOUND', et(L(), 'nothing'));
      const need = candidates.reduce((s, c) => s + c.size, 0) + 64 * 1024;
      if (folder.freeBytes !== null && folder.freeBytes < need) {
        const text = et(L(), 'folderFull', { need: Math.ceil(need / 1e6) });
        return fail('VALIDATION', text, { folder: text });
      }
      let written;
      try {
        written = writeBundle({
          folder: folder.path,
          stationId: station.id,
          privateKeyPem: keys.privatePem,
          publicKeyPem: keys.publicPem,
          from: input.from,
          to: input.to,
          createdAt: now(),
          packets: candidates.map((c) => ({
            packetId: c.packetId,
            size: c.size,
            sha256: c.sha256,
            bytes: () => packetBytes(db, c.packetId) ?? Buffer.alloc(0),
          })),
          onProgress: (i, n) =>
            progress('bundle', 5 + (85 * i) / n, et(L(), 'stepPacket', { i, n })),
        });
      } catch (e) {
        const detail = e instanceof Error ? e.message : String(e);
        log.error('bundle failed', { stage: e instanceof BundleError ? e.stage : 'write' }, e);
        return fail(
          'INTERNAL',
          et(
            L(),
            e instanceof BundleError && e.stage === 'verify' ? 'verifyFailed' : 'writeFailed',
            {
              detail,
            },
          ),
        );
      }
      progress('bundle', 95, et(L(), 'stepVerify'));
      const ids = written.manifest.packets.map((p) => p.packetId);
      db.transaction(() => {
        markExported(db, ids, now().toISOString());
        logExport(actor, {
          kind: 'bundle',
          from: input.from,
          to: input.to,
          fileName: written.name,
          bytes: written.bytes,
          sha256: written.manifestSha256,
          rows: ids.length,
        });
        audit.record(actor, 'export.bundle', written.name);
      })();
      log.info('bundle written', { packets: ids.length, bytes: written.bytes });
      progress('bundle', 100, et(L(), 'stepDone'));
      const result: BundleResult = {
        path: written.path,
        name: written.name,
        stationId: station.id,
        packets: written.manifest.packets.map(({ packetId, size, sha256 }) => ({
          packetId,
          size,
          sha256,
        })),
        bytes: written.bytes,
        manifestSha256: written.manifestSha256,
        verification: {
          ok: true,
          checks: [
            et(L(), 'checkSig'),
            et(L(), 'checkPackets', { n: ids.length }),
            et(L(), 'checkSums'),
          ],
        },
      };
      return ok(result);
    },

    'exports.log': (input) => ok(listExportLog(db, input.limit ?? 50)),

    ...villageListHandlers({ ...deps, progress, logExport }),
  };

  function folderCheck(path: string) {
    const s = inspectFolder(path);
    const key = (
      {
        relative: 'folderRelative',
        missing: 'folderMissing',
        'not-dir': 'folderNotDir',
        'read-only': 'folderReadOnly',
      } as const
    )[s.problem ?? 'missing'];
    return { ...s, problem: s.problem ? et(L(), key) : null };
  }

  return { handlers };
}
