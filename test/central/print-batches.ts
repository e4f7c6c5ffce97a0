// The Disdukcapil side of printing, for the reference centre: the print office marks
// cards printed (by packet id or NIK) and dispatches numbered batches to a kecamatan; each
// station reads its own feed of signed statements (card printed, batch dispatched) after the
// last one it has, with a request signed by its key.
import type http from 'node:http';
import Database from 'better-sqlite3-multiple-ciphers';
import { openPacket, signPrintStatement, verifyStationRequest } from '../../src-main/packets/index';
import type {
  PrintStatementFields,
  PrintedCardRef,
  SignedPrintStatement,
} from '../../src-main/packets/index';
import type { CentralStore } from './store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS print_cards (
  packet_id TEXT PRIMARY KEY,
  station_id TEXT NOT NULL,
  recording_id TEXT NOT NULL,
  printed_at TEXT NOT NULL,
  batch_no TEXT
);
CREATE TABLE IF NOT EXISTS print_batches (
  batch_no TEXT PRIMARY KEY,
  station_id TEXT NOT NULL,
  dispatched_at TEXT NOT NULL
);
-- Each station's feed: statements in the order they were made (seq is global and increasing).
CREATE TABLE IF NOT EXISTS print_feed (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  station_id TEXT NOT NULL,
  fields_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS print_feed_station ON print_feed (station_id, seq);
`;

/** Statements per feed page: a page of batch statements stays far under the 64 KiB reply cap. */
export const FEED_PAGE = 20;
/** Cards per batch: one box from the print office. */
export const MAX_BATCH_CARDS = 200;

export interface PrintBatchesDeps {
  dbFile: string;
  store: CentralStore;
  centralPrivateKeyPem: string;
  verdictPrivateKeyPem: string;
  now?: () => Date;
  log: (line: string) => void;
}

type Send = (res: http.ServerResponse, status: number, body: unknown) => void;

export interface PrintBatchesApi {
  /** Handles the print routes; false when the path is not one of them. */
  handle(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    path: string,
    h: { adminAllowed: boolean; readJson: () => Promise<unknown>; send: Send },
  ): Promise<boolean>;
  close(): void;
}

/** A statement before it takes its place (seq) in the feed. */
type Unplaced = PrintStatementFields extends infer T
  ? T extends unknown
    ? Omit<T, 'seq'>
    : never
  : never;

const ID_RE = /^[A-Za-z0-9_-]{1,64}$/;
const NIK_RE = /^\d{16}$/;

export function createPrintBatches(deps: PrintBatchesDeps): PrintBatchesApi {
  const db = new Database(deps.dbFile);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  const now = deps.now ?? (() => new Date());
  /** NIK → packet id, filled by opening received packets (the centre keeps no NIK in clear). */
  const nikIndex = new Map<string, string>();
  const indexed = new Set<string>();

  function packetByNik(nik: string): string | null {
    if (nikIndex.has(nik)) return nikIndex.get(nik)!;
    for (const p of deps.store.packets()) {
      if (indexed.has(p.packetId) || p.status === 'rejected') continue;
      indexed.add(p.packetId);
      const blob = deps.store.packetBlob(p.packetId);
      if (!blob) continue;
      try {
        const { manifest } = openPacket(blob, {
          centralPrivateKey: deps.centralPrivateKeyPem,
          stationPublicKey: (id) => deps.store.station(id)?.publicKeyPem ?? null,
        });
        nikIndex.set(manifest.demographics.nik, p.packetId);
      } catch {
        // A packet that no longer opens (re-keyed station) cannot be printed either.
      }
    }
    return nikIndex.get(nik) ?? null;
  }

  /** The packets named by id or NIK, each received at the centre; the rest are listed unknown. */
  function resolve(body: { packetIds?: unknown; niks?: unknown }) {
    const found: (PrintedCardRef & { stationId: string })[] = [];
    const unknown: string[] = [];
    const ids = Array.isArray(body.packetIds) ? body.packetIds : [];
    const niks = Array.isArray(body.niks) ? body.niks : [];
    for (const raw of [...ids, ...niks.map((n) => ({ nik: n }))]) {
      const key = typeof raw === 'object' && raw ? (raw as { nik: unknown }).nik : raw;
      const packetId =
        typeof raw === 'string' && ID_RE.test(raw)
          ? raw
          : typeof key === 'string' && NIK_RE.test(key)
            ? packetByNik(key)
            : null;
      const p = packetId ? deps.store.packet(packetId) : null;
      if (!p || !p.recordingId || (p.status !== 'received' && p.status !== 'print-ready')) {
        unknown.push(String(key).slice(0, 64));
        continue;
      }
      found.push({ packetId: p.packetId, recordingId: p.recordingId, stationId: p.stationId });
    }
    return { found, unknown };
  }

  function append(fields: Unplaced): void {
    db.prepare('INSERT INTO print_feed (station_id, fields_json) VALUES (?, ?)').run(
      fields.stationId,
      JSON.stringify(fields),
    );
  }

  const markPrinted = db.transaction((cards: (PrintedCardRef & { stationId: string })[]) => {
    const at = now().toISOString();
    const printed: string[] = [];
    for (const c of cards) {
      const r = db
        .prepare(
          `INSERT INTO print_cards (packet_id, station_id, recording_id, printed_at)
           VALUES (?, ?, ?, ?) ON CONFLICT (packet_id) DO NOTHING`,
        )
        .run(c.packetId, c.stationId, c.recordingId, at);
      if (r.changes === 0) continue;
      append({ kind: 'card-printed', stationId: c.stationId, ...pick(c), at });
      printed.push(c.packetId);
    }
    return printed;
  });

  const dispatch = db.transaction(
    (batchNo: string, stationId: string, cards: (PrintedCardRef & { stationId: string })[]) => {
      const at = now().toISOString();
      db.prepare(
        'INSERT INTO print_batches (batch_no, station_id, dispatched_at) VALUES (?, ?, ?)',
      ).run(batchNo, stationId, at);
      for (const c of cards) {
        db.prepare(
          `INSERT INTO print_cards (packet_id, station_id, recording_id, printed_at, batch_no)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (packet_id) DO UPDATE SET batch_no = excluded.batch_no`,
        ).run(c.packetId, c.stationId, c.recordingId, at, batchNo);
      }
      append({ kind: 'batch-dispatched', stationId, batchNo, at, cards: cards.map(pick) });
      return at;
    },
  );

  function feed(
    stationId: string,
    after: number,
  ): { statements: SignedPrintStatement[]; next: number } {
    const rows = db
      .prepare(
        `SELECT seq, fields_json AS f FROM print_feed WHERE station_id = ? AND seq > ?
         ORDER BY seq LIMIT ?`,
      )
      .all(stationId, after, FEED_PAGE) as { seq: number; f: string }[];
    const statements = rows.map((r) =>
      signPrintStatement(
        {
          ...(JSON.parse(r.f) as Omit<PrintStatementFields, 'seq'>),
          seq: r.seq,
        } as PrintStatementFields,
        deps.verdictPrivateKeyPem,
      ),
    );
    return { statements, next: rows.at(-1)?.seq ?? after };
  }

  return {
    async handle(req, res, path, h) {
      const feedMatch = /^\/api\/print-feed\/(\d{1,15})$/.exec(path);
      if (req.method === 'GET' && feedMatch) {
        const caller = verifyStationRequest(
          'GET',
          path,
          req.headers,
          (id) => deps.store.station(id)?.publicKeyPem ?? null,
        );
        if (!caller) {
          h.send(res, 401, { error: 'station-auth' });
          return true;
        }
        h.send(res, 200, feed(caller, Number(feedMatch[1])));
        return true;
      }
      if (path !== '/api/admin/print/cards' && path !== '/api/admin/print/batches') return false;
      if (req.method !== 'POST' || !h.adminAllowed) {
        req.resume();
        h.send(res, 403, { error: 'forbidden' });
        return true;
      }
      let body: { packetIds?: unknown; niks?: unknown; batchNo?: unknown };
      try {
        body = (await h.readJson()) as typeof body;
      } catch {
        h.send(res, 400, { error: 'bad-request' });
        return true;
      }
      const { found, unknown } = resolve(body);
      if (path === '/api/admin/print/cards') {
        const printed = markPrinted(found);
        // The packet's own status (another connection): after this transaction commits.
        for (const p of printed) deps.store.setPrintReady(p);
        deps.log(`print: ${printed.length} cards printed`);
        h.send(res, 200, { printed, unknown });
        return true;
      }
      const batchNo =
        typeof body.batchNo === 'string' && ID_RE.test(body.batchNo) ? body.batchNo : null;
      const stations = new Set(found.map((c) => c.stationId));
      if (!batchNo || found.length === 0 || found.length > MAX_BATCH_CARDS || stations.size !== 1) {
        h.send(res, 400, {
          error: 'bad-batch',
          message:
            'Satu batch: nomor batch, 1–200 kartu, semuanya untuk satu kecamatan (stasiun). / One batch: a batch number, 1–200 cards, all for one kecamatan (station).',
          unknown,
        });
        return true;
      }
      if (db.prepare('SELECT 1 FROM print_batches WHERE batch_no = ?').get(batchNo)) {
        h.send(res, 409, { error: 'batch-exists', batchNo });
        return true;
      }
      const stationId = [...stations][0]!;
      const at = dispatch(batchNo, stationId, found);
      for (const c of found) deps.store.setPrintReady(c.packetId);
      deps.log(`print: batch ${batchNo} with ${found.length} cards dispatched`);
      h.send(res, 200, { batchNo, stationId, dispatchedAt: at, cards: found.length, unknown });
      return true;
    },
    close: () => db.close(),
  };
}

const pick = (c: PrintedCardRef): PrintedCardRef => ({
  packetId: c.packetId,
  recordingId: c.recordingId,
});
