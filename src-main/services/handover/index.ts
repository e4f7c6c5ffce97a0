// The station's wiring of the handover: the service over the scanner and pad the
// recording uses, the card stock's markHandedOver (which also settles the card's delivery round
// item), the delivery rounds, and the sender of handover records.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { EventPayloads } from '../../api/contract';
import type { Locale } from '../../domain/i18n';
import { markHandedOver } from '../../store/cards-repo';
import { dropFromPlannedRounds, markRoundItemDelivered } from '../../store/rounds-repo';
import { getStation } from '../../store/station-repo';
import type { Audit } from '../common/audit';
import type { Central } from '../sync/central';
import type { Fingerprints } from '../recording/fingerprints';
import type { Logger } from '../common/log';
import type { Signatures } from '../recording/signature';
import { createHandover } from './handover';
import { createRounds } from './rounds';
import { createHandoverSender } from './sender';

export { retainForHandover } from './retained';

export function openHandover(deps: {
  db: Database;
  now: () => Date;
  locale: () => Locale;
  audit: Audit;
  log: Logger;
  central: Central;
  kecamatanName: (code: string) => string;
  fingerprints: Fingerprints;
  signatures: Signatures;
  emitPoints: (p: EventPayloads['signature.points']) => void;
}) {
  const { db, now, audit, log, central } = deps;
  const sender = createHandoverSender({
    db,
    now,
    central,
    audit,
    log,
    stationId: () => getStation(db)?.id ?? null,
  });
  const service = createHandover({
    db,
    now,
    audit,
    log,
    locale: deps.locale,
    stationKeys: () => central.stationKeys(),
    kecamatanName: deps.kecamatanName,
    // Inside the handover's transaction: on a round the round's item is delivered; at the
    // counter the card leaves any round still being planned.
    markHandedOver: (h) => {
      if (!markHandedOver(db, h)) return false;
      if (h.kind === 'round') markRoundItemDelivered(db, h.recordingId, h.at, h.operatorId);
      else dropFromPlannedRounds(db, h.recordingId);
      return true;
    },
    onRecorded: () => sender.wake(),
    fingerprintDevice: () => deps.fingerprints.device,
    fingerprintsBusy: () => deps.fingerprints.busy(),
    signatureDevice: () => deps.signatures.device,
    endRecordingSignature: async () => {
      await deps.signatures.handlers['signature.cancel']({}, { actor: null });
    },
    emitPoints: deps.emitPoints,
  });
  const rounds = createRounds({
    db,
    now,
    locale: deps.locale,
    audit,
    regionName: deps.kecamatanName,
  });
  return {
    handlers: { ...service.handlers, ...rounds.handlers },
    sender,
    async close() {
      sender.stop();
      await service.close();
    },
  };
}
