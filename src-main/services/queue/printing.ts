import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { PrinterCodePage, PrinterInfo } from '../../api/contract-queue';
import { fail, ok } from '../../api/reply';
import type { Reply } from '../../api/reply';
import { encode } from '../../../drivers/printer/escpos';
import type { EscPosCommand } from '../../../drivers/printer/escpos';
import { PrintError, printJob } from '../../../drivers/printer/driver';
import type { ByteTransport } from '../../../drivers/transport/byte-transport';
import { getSetting, setSetting } from '../../store/settings-repo';
import { getStation } from '../../store/station-repo';
import { findCard } from '../../store/queue-repo';
import type { Locale } from '../../domain/i18n';
import { cardEscPos, renderCardPdf, testPageEscPos, withCodePage } from './card-print';
import { toCard } from './context';
import type { QueueContext, QueueHandlers } from './context';
import { PRINT_ERRORS, printError, qmsg } from './messages';

/** Printing: the card as a PDF or on the serial thermal printer, and the printer's settings. */

const SETTING_PRINTER = 'queue_printer';

interface PrinterSetting {
  path: string | null;
  baud: number;
  width: 32 | 48;
  codePage: PrinterCodePage;
}

function printerSetting(db: Database): PrinterSetting {
  const raw = getSetting(db, SETTING_PRINTER);
  const base: PrinterSetting = { path: null, baud: 9600, width: 32, codePage: 'ascii' };
  if (!raw) return base;
  try {
    return { ...base, ...(JSON.parse(raw) as Partial<PrinterSetting>) };
  } catch {
    return base;
  }
}

type PrintingMethod =
  | 'queue.cardPdf'
  | 'queue.print'
  | 'queue.testPrint'
  | 'queue.printerPorts'
  | 'queue.printer'
  | 'queue.setPrinter';

export function printingHandlers(q: QueueContext): QueueHandlers<PrintingMethod> {
  const { db, audit, log } = q;
  /** The outcome of the last print, kept for the technician's screen. */
  let printerError: string | null = null;

  /** One job to the configured printer. */
  async function sendToPrinter(
    p: PrinterSetting,
    commands: EscPosCommand[],
  ): Promise<Reply<{ printed: true; bytes: number }>> {
    const locale = q.locale();
    const path = p.path;
    if (!path) return fail('DEVICE', qmsg(locale, 'printerNone'));
    const open = q.openPrinter ?? defaultOpenPrinter;
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
    const p = printerSetting(db);
    return {
      configured: p.path !== null,
      path: p.path,
      baud: p.baud,
      width: p.width,
      codePage: p.codePage,
      lastError: printerError,
    };
  };

  const stationName = () => getStation(db)?.name ?? '';

  return {
    'queue.cardPdf': async (input) => {
      const c = findCard(db, input.id);
      if (!c) return q.notFound();
      const pdf = await renderCardPdf({ card: toCard(c), stationName: stationName() });
      return ok({ pdfBase64: pdf.toString('base64') });
    },

    'queue.print': async (input, { actor }) => {
      const c = findCard(db, input.id);
      if (!c) return q.notFound();
      const p = printerSetting(db);
      const card = cardEscPos({ card: toCard(c), stationName: stationName() }, p.width);
      const r = await sendToPrinter(p, withCodePage(card, p.codePage));
      if (r.ok) audit.record(actor, 'queue.printed', c.id);
      return r;
    },

    'queue.testPrint': async (_input, { actor }) => {
      const p = printerSetting(db);
      const page = testPageEscPos({
        stationName: stationName(),
        printedAt: q.now().toISOString().slice(0, 16).replace('T', ' '),
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
        return ok(q.listSerialPorts ? await q.listSerialPorts() : []);
      } catch (err) {
        log.warn('serial port list failed', { error: (err as Error).name });
        return ok([]);
      }
    },

    'queue.printer': () => ok(printerInfo()),

    'queue.setPrinter': (input, { actor }) => {
      const cur = printerSetting(db);
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
  };
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
