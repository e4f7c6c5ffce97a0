// The office queue cards a desk got from the hub (called, recalled, opened), remembered by id:
// when the operator starts a recording for one, the desk keeps the card's lane, priority reason
// and phone with the link, also when the hub is away at that moment. Bounded: a day's calls.
import type { QueueCard } from '../../api/contract-queue-types';

export interface DeskCardDetails {
  lane: QueueCard['lane'];
  priorityReason: string | null;
  phone: string | null;
}

export interface DeskCardMemory {
  remember(card: QueueCard): void;
  get(cardId: string): DeskCardDetails | null;
}

export function createDeskCardMemory(limit = 500): DeskCardMemory {
  const cards = new Map<string, DeskCardDetails>();
  return {
    remember(card) {
      cards.delete(card.id);
      cards.set(card.id, {
        lane: card.lane,
        priorityReason: card.priorityReason,
        phone: card.phone,
      });
      if (cards.size > limit) cards.delete(cards.keys().next().value!);
    },
    get: (cardId) => cards.get(cardId) ?? null,
  };
}

/** The card in a queue reply, if the reply carries one (a card, or a call with its card). */
export function cardOf(value: unknown): QueueCard | null {
  if (!value || typeof value !== 'object') return null;
  if ('card' in value) return cardOf((value as { card: unknown }).card);
  return 'id' in value && 'lane' in value ? (value as QueueCard) : null;
}
