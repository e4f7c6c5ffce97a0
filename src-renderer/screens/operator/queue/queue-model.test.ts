import { describe, expect, it } from 'vitest';
import type { QueueCard } from '../../../../src-main/api/contract-queue';
import {
  DEFAULT_DESK,
  cardLabel,
  countByStatus,
  readDesk,
  statusBadge,
  walkInProblem,
} from './queue-model';
import i18next from 'i18next';
import id from '../../../i18n/id.json';

const i18n = i18next.createInstance();
await i18n.init({ lng: 'id', resources: { id: { translation: id } } });
const tx = i18n.t;

describe('queue desk model', () => {
  it('remembers the desk name, falling back to Loket 1', () => {
    expect(readDesk({ getItem: () => ' Loket 3 ' })).toBe('Loket 3');
    expect(readDesk({ getItem: () => null })).toBe(DEFAULT_DESK);
    expect(
      readDesk({
        getItem: () => {
          throw new Error('denied');
        },
      }),
    ).toBe(DEFAULT_DESK);
  });
  it('asks for a 16-digit NIK or, without one, a name', () => {
    expect(walkInProblem({ nik: '', name: '' }, tx)?.field).toBe('name');
    expect(walkInProblem({ nik: '1234', name: 'SITI' }, tx)?.field).toBe('nik');
    expect(walkInProblem({ nik: '3273 0161 0393 0004', name: 'SITI' }, tx)).toBeNull();
    expect(walkInProblem({ nik: '', name: 'SITI' }, tx)).toBeNull();
  });
  it('counts cards per status and colours them', () => {
    const card = (status: QueueCard['status'], recordingSealed = true) =>
      ({ status, recordingSealed }) as QueueCard;
    const n = countByStatus([
      card('waiting'),
      card('waiting'),
      card('served'),
      card('served', false),
    ]);
    expect(n.waiting).toBe(2);
    // Recorded means sealed: a draft still open is with the desk, not recorded.
    expect(n.served).toBe(1);
    expect(n.called).toBe(1);
    expect(cardLabel(card('served', false), tx)).toBe('Sedang direkam');
    expect(cardLabel(card('served'), tx)).toBe('Direkam');
    expect(statusBadge('served')).toBe('approved');
    expect(statusBadge('no-show')).toBe('rejected');
  });
});
