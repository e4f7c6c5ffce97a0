import { describe, expect, it } from 'vitest';
import type { QueueCard } from '../../api/contract-queue-types';
import { cardOf, createDeskCardMemory } from './desk-cards';

const card = (id: string, over: Partial<QueueCard> = {}): QueueCard => ({
  id,
  number: 'A-001',
  lane: 'regular',
  priorityReason: null,
  date: '2026-12-07',
  nik: null,
  name: 'Warga',
  phone: null,
  address: null,
  status: 'called',
  issuedAt: '2026-12-07T01:00:00.000Z',
  issuedBy: 'U1',
  calledAt: null,
  desk: null,
  callCount: 1,
  recordingId: null,
  recordingSealed: false,
  listEntryId: null,
  ...over,
});

describe('the desk memory of hub cards', () => {
  it('finds the card in a card reply and in a call reply, and nothing in others', () => {
    const c = card('C1');
    expect(cardOf(c)).toBe(c);
    expect(cardOf({ card: c, prefill: {} })).toBe(c);
    expect(cardOf(null)).toBeNull();
    expect(cardOf([c])).toBeNull();
    expect(cardOf({ calls: [] })).toBeNull();
  });

  it('keeps the latest details of each card and forgets the oldest beyond its limit', () => {
    const memory = createDeskCardMemory(2);
    memory.remember(card('C1'));
    memory.remember(card('C1', { lane: 'priority', priorityReason: 'disabled', phone: '0812' }));
    memory.remember(card('C2'));
    expect(memory.get('C1')).toEqual({
      lane: 'priority',
      priorityReason: 'disabled',
      phone: '0812',
    });
    memory.remember(card('C1'));
    memory.remember(card('C3'));
    // C2 was the least recently seen.
    expect(memory.get('C2')).toBeNull();
    expect(memory.get('C1')).toEqual({ lane: 'regular', priorityReason: null, phone: null });
    expect(memory.get('C3')).not.toBeNull();
  });
});
