// Sends handover records to the centre the way packets go: a tus upload (create + one PATCH, the
// record is a few KB) over the station's pinned central client, answered by a verdict signed
// with the centre's verdict key and verified before the record counts as delivered. Records
// wait in the encrypted store while the station is offline (a delivery round in the field) and
// go at the next try; failures back off from 5 s to an hour.
import { z } from 'zod';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { HANDOVER_UPLOAD_KIND, handoverEnvelope } from '../../packets/handover-record';
import { checkVerdict } from '../../packets/verdict';
import { createCentralClient, parseReply } from '../../sync/central-http';
import { signedVerdictSchema } from '../../sync/central-replies';
import { tusCreate, tusPatch } from '../../sync/tus';
import { dueHandovers, markHandoverDone, markHandoverRetry } from '../../store/handover-repo';
import type { HandoverOutboxRow } from '../../store/handover-repo';
import type { Audit } from '../common/audit';
import type { Central } from '../sync/central';
import type { Logger } from '../common/log';

const finishReply = z.object({ verdict: signedVerdictSchema });
const BATCH = 10;
const TIMEOUT_MS = 20_000;
const PERIOD_MS = 60_000;

export const retryDelayMs = (attempts: number) => Math.min(3_600_000, 5_000 * 2 ** attempts);

export interface HandoverSender {
  /** Sends what is due now; resolves with how many the centre acknowledged. */
  run(): Promise<number>;
  wake(): void;
  start(): void;
  stop(): void;
}

export function createHandoverSender(deps: {
  db: Database;
  now: () => Date;
  central: Central;
  audit: Audit;
  log: Logger;
  stationId: () => string | null;
}): HandoverSender {
  const { db, now, log } = deps;
  let running: Promise<number> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  const abort = new AbortController();

  async function sendOne(row: HandoverOutboxRow, stationId: string): Promise<boolean> {
    const target = deps.central.target();
    if (!target?.registered) return false;
    const client = createCentralClient({
      url: target.url,
      pin: target.tlsPin,
      timeoutMs: TIMEOUT_MS,
    });
    try {
      const bytes = handoverEnvelope({
        recordJson: row.recordJson,
        signature: row.recordSignature,
      });
      const call = { timeoutMs: TIMEOUT_MS, signal: abort.signal };
      const url = await tusCreate(
        client,
        bytes.length,
        { packetId: row.id, stationId, kind: HANDOVER_UPLOAD_KIND },
        call,
      );
      const { reply } = await tusPatch(client, url, 0, bytes, bytes.length, call);
      const { verdict } = parseReply(reply, finishReply);
      const check = checkVerdict(verdict, { stationId, packetId: row.id }, target.verdictKeyPem);
      if (check !== 'ok' || verdict.status === 'print-ready') {
        deps.central.noteUnverifiedVerdict(row.id, check);
        throw new Error(`handover verdict refused: ${check}`);
      }
      db.transaction(() => {
        markHandoverDone(
          db,
          row.id,
          verdict.status as 'received',
          JSON.stringify(verdict),
          now().toISOString(),
        );
        deps.audit.record(null, 'handover.sent', `${row.recordingId} ${row.id} ${verdict.status}`);
      })();
      return true;
    } finally {
      client.close();
    }
  }

  async function runOnce(): Promise<number> {
    const stationId = deps.stationId();
    if (!stationId || !deps.central.target()?.registered) return 0;
    let sent = 0;
    for (const row of dueHandovers(db, now().toISOString(), BATCH)) {
      if (stopped) break;
      try {
        if (await sendOne(row, stationId)) sent++;
      } catch (e) {
        const next = new Date(now().getTime() + retryDelayMs(row.attempts)).toISOString();
        markHandoverRetry(db, row.id, next, e instanceof Error ? e.message : 'error');
        log.warn('handover record not sent yet', { attempts: row.attempts + 1 });
      }
    }
    return sent;
  }

  function run(): Promise<number> {
    running ??= runOnce()
      .catch((e: unknown) => {
        log.error('handover sender failed', {}, e);
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  return {
    run,
    wake: () => void run(),
    start() {
      if (timer || stopped) return;
      timer = setInterval(() => void run(), PERIOD_MS);
      timer.unref();
      void run();
    },
    stop() {
      stopped = true;
      abort.abort();
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
