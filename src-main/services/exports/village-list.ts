// Lists for villages: "Daftar KTP-el siap diambil" of one desa/kelurahan — the cards
// waiting at the kecamatan office — as PDF or XLSX for the village head. Like every export it is
// read back before it counts, written to the exports log and audit-logged (file name only);
// NIKs are masked unless the supervisor asks for them in full, which the audit log says.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ExportKind, ExportOutputs } from '../../api/contract-exports';
import { fail, ok } from '../../api/reply';
import { daysWaiting } from '../../domain/cards';
import type { CardAtOffice } from '../../domain/cards';
import { localDateKey } from '../../domain/format-date';
import type { Locale } from '../../domain/i18n';
import { maskNik } from '../../domain/nik';
import { listAtOffice, villagesWithCards } from '../../store/cards-repo';
import { getStation } from '../../store/station-repo';
import type { HandlersFor } from '../../api/handlers';
import type { Actor, Audit } from '../common/audit';
import type { Logger } from '../common/log';
import { checkPdf } from './daily-report';
import type { ExportLogInsert } from './data';
import { fileReply } from './file-reply';
import { et } from './messages';
import { VILLAGE_LIST_TITLE, renderVillageList } from './village-list-pdf';
import type { VillageListData, VillageListRow } from './village-list-pdf';
import { checkVillageXlsx, writeVillageXlsx } from './village-list-xlsx';

/** More cards than one village ever waits for; the list stays one bounded read. */
const MAX_ROWS = 20_000;

export interface VillageListDeps {
  db: Database;
  now: () => Date;
  locale: () => Locale;
  audit: Audit;
  log: Logger;
  regionName: (code: string) => string;
  progress: (kind: ExportKind, percent: number, step: string) => void;
  logExport: (
    actor: Actor | null,
    e: Omit<ExportLogInsert, 'at' | 'userId' | 'username' | 'fullNik'> & { fullNik?: boolean },
  ) => void;
}

/** '1' → '001': RT and RW as the village writes them. */
const pad3 = (v: string) => (/^\d{1,2}$/.test(v.trim()) ? v.trim().padStart(3, '0') : v.trim());

/** Sort key parts: numeric RW, RT, then name. */
const num = (v: string) => (/^\d+$/.test(v.trim()) ? Number(v) : Number.MAX_SAFE_INTEGER);

/** The village's cards in the order the village head goes through them: RW, RT, name. */
export function villageRows(
  cards: readonly CardAtOffice[],
  now: Date,
  fullNik: boolean,
): VillageListRow[] {
  return [...cards]
    .sort(
      (a, b) =>
        num(String(a.rw)) - num(String(b.rw)) ||
        num(String(a.rt)) - num(String(b.rt)) ||
        a.name.localeCompare(b.name, 'id') ||
        a.nik.localeCompare(b.nik),
    )
    .map((c) => ({
      name: c.name,
      nik: fullNik ? c.nik : maskNik(c.nik),
      rtRw: c.rt || c.rw ? `${pad3(String(c.rt))}/${pad3(String(c.rw))}` : '',
      address: String(c.address),
      arrivedAt: c.arrivedAt,
      days: daysWaiting(c.arrivedAt, now),
    }));
}

/** 'Sukamaju Kidul' → 'sukamaju-kidul' for the file name. */
const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-');

type VillageMethod = 'exports.villages' | 'exports.villageList';

export function villageListHandlers(deps: VillageListDeps): HandlersFor<VillageMethod> {
  const { db, now, audit, log } = deps;
  const L = deps.locale;
  return {
    'exports.villages': () =>
      ok(
        villagesWithCards(db)
          .filter((v) => v.villageCode !== '')
          .map((v): ExportOutputs['exports.villages'][number] => ({
            villageCode: v.villageCode,
            villageName: deps.regionName(v.villageCode),
            waiting: v.n,
          })),
      ),

    'exports.villageList': async (input, { actor }) => {
      const station = getStation(db);
      if (!station) return fail('NOT_SET_UP', et(L(), 'noStation'));
      const kind = input.format;
      const fullNik = input.fullNik === true;
      const at = now();
      deps.progress(kind, 5, et(L(), 'stepCollect'));
      const cards = listAtOffice(db, { villageCode: input.villageCode, limit: MAX_ROWS });
      if (cards.length === 0) return fail('NOT_FOUND', et(L(), 'villageEmpty'));
      const data: VillageListData = {
        kecamatanName: deps.regionName(station.kecamatanCode),
        villageName: deps.regionName(input.villageCode),
        villageCode: input.villageCode,
        stationName: station.name,
        generatedAt: at,
        rows: villageRows(cards, at, fullNik),
        fullNik,
      };
      deps.progress(kind, 30, et(L(), 'stepRender'));
      const bytes = kind === 'pdf' ? await renderVillageList(data) : await writeVillageXlsx(data);
      deps.progress(kind, 80, et(L(), 'stepVerify'));
      let checks: string[];
      let pages: number | undefined;
      if (kind === 'pdf') {
        const c = checkPdf(bytes, VILLAGE_LIST_TITLE);
        if (c.pages < 1 || !c.allA4 || !c.titleFound || !c.streamsOk) {
          log.error('village list read-back failed', { ...c });
          return fail('INTERNAL', et(L(), 'verifyFailed', { detail: 'PDF' }));
        }
        pages = c.pages;
        checks = [et(L(), 'checkPages', { n: c.pages }), et(L(), 'checkPdfTitle')];
      } else {
        const problems = await checkVillageXlsx(bytes, data).catch((e: unknown) => [
          e instanceof Error ? e.message : 'unreadable',
        ]);
        if (problems.length > 0) {
          log.error('village list read-back failed', { problems: problems.join(', ') });
          return fail('INTERNAL', et(L(), 'verifyFailed', { detail: 'XLSX' }));
        }
        checks = [et(L(), 'checkRows', { n: cards.length })];
      }
      checks.push(et(L(), fullNik ? 'checkNikFull' : 'checkNikMasked'));
      const day = localDateKey(at);
      const name = slug(data.villageName) || input.villageCode;
      const fileName = `ktp-siap-diambil-${name}-${day}${fullNik ? '-nik-lengkap' : ''}.${kind}`;
      const out = fileReply(kind, fileName, bytes, cards.length, checks, pages);
      deps.logExport(actor, {
        kind,
        from: day,
        to: day,
        fileName,
        bytes: out.bytes,
        sha256: out.sha256,
        rows: cards.length,
        fullNik,
      });
      audit.record(
        actor,
        fullNik ? 'export.village-list-full-nik' : 'export.village-list',
        fileName,
      );
      deps.progress(kind, 100, et(L(), 'stepDone'));
      return ok(out);
    },
  };
}
