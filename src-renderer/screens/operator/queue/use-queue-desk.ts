import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallResult, QueueCard } from '../../../../src-main/api/contract-queue';
import { call, onEvent } from '../../../app/station-client';
import { useReload } from '../../../app/use-reload';
import type { Banner } from '../../../components/split-table';
import { DESK_STORAGE_KEY, countByStatus, readDesk } from './queue-model';

const storage = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
};

/**
 * The desk's state and actions: its name (remembered on this computer), today's cards (reloaded
 * when the queue changes), the card in hand, and call / recall / skip / no-show.
 */
export function useQueueDesk() {
  const { t } = useTranslation();
  const [desk, setDesk] = useState(() => readDesk(storage()));
  const [current, setCurrent] = useState<CallResult | null>(null);
  const [cards, setCards] = useState<QueueCard[] | null>(null);
  const [banner, setBanner] = useState<Banner>(null);
  const [busy, setBusy] = useState(false);
  const [tick, reload] = useReload();
  const deskRef = useRef(desk.trim());
  deskRef.current = desk.trim() || readDesk(null);

  useEffect(() => {
    let live = true;
    void call('queue.cards', { limit: 2000 }).then((r) => {
      if (!live) return;
      if (!r.ok) {
        setBanner({ kind: 'error', text: r.error.message });
        return;
      }
      setCards(r.value);
      // Coming back to the desk: the card this desk called is still the one in hand.
      setCurrent((cur) => {
        if (cur) return cur;
        const mine = r.value.find((c) => c.status === 'called' && c.desk === deskRef.current);
        return mine
          ? {
              card: mine,
              prefill: { nik: mine.nik ?? '', name: mine.name, address: mine.address ?? '' },
            }
          : null;
      });
    });
    return () => {
      live = false;
    };
  }, [tick]);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = onEvent('queue.changed', () => {
      clearTimeout(timer);
      timer = setTimeout(reload, 300);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [reload]);

  const deskName = desk.trim() || readDesk(null);
  const act = async (fn: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setBanner(null);
    try {
      await fn();
    } finally {
      setBusy(false);
      reload();
    }
  };

  const callNext = () =>
    act(async () => {
      const r = await call('queue.callNext', { desk: deskName });
      if (!r.ok) return setBanner({ kind: 'error', text: r.error.message });
      setCurrent(r.value);
      if (!r.value) setBanner({ kind: 'info', text: t('queue.desk.nobodyIsWaiting') });
    });
  const recall = (c: QueueCard) =>
    act(async () => {
      const r = await call('queue.recall', { id: c.id, desk: deskName });
      if (r.ok) setCurrent(r.value);
      else setBanner({ kind: 'error', text: r.error.message });
    });
  const undoNoShow = (c: QueueCard) =>
    act(async () => {
      const r = await call('queue.undoNoShow', { id: c.id });
      if (!r.ok) return setBanner({ kind: 'error', text: r.error.message });
      setBanner({
        kind: 'ok',
        text: t('queue.desk.numberNIsBackIn', { n: c.number }),
      });
    });
  const dismiss = (c: QueueCard, how: 'skip' | 'noShow') =>
    act(async () => {
      const r = await call(how === 'skip' ? 'queue.skip' : 'queue.noShow', { id: c.id });
      if (!r.ok) return setBanner({ kind: 'error', text: r.error.message });
      setCurrent(null);
      setBanner({
        kind: 'ok',
        text:
          how === 'skip'
            ? t('queue.desk.numberNSkippedCalledAgain', { n: c.number })
            : t('queue.desk.numberNMarkedAsNo', {
                n: c.number,
              }),
      });
    });

  const counts = countByStatus(cards ?? []);
  /** The desk's name as typed, remembered for the next session. */
  const rename = (name: string) => {
    setDesk(name);
    try {
      storage()?.setItem(DESK_STORAGE_KEY, name);
    } catch {
      // Not remembered: the name still works for this session.
    }
  };

  return {
    desk,
    rename,
    current,
    cards,
    counts,
    banner,
    busy,
    reload,
    callNext,
    recall,
    undoNoShow,
    dismiss,
  };
}
