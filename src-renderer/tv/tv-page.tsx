import { useCallback, useEffect, useRef, useState } from 'react';
import type { BoardCall, QueueBoard } from '../../src-main/api/contract-queue';
import { call, onEvent, onReconnect } from '../app/station-client';
import { spokenCall } from './tv-model';
import './tv.css';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';

/** Fallback refresh when an event was missed (socket drop, sleeping TV PC). */
const REFRESH_MS = 15_000;

/**
 * The waiting-room TV: the number just called, huge, with its desk; the few before it below.
 * Shows numbers and desk names only (no names or NIKs: the room is public), needs no login,
 * and can say the call aloud with the OS's speech (id-ID voice when there is one).
 */
export function TvPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [board, setBoard] = useState<QueueBoard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [speak, setSpeak] = useState(false);
  const [flash, setFlash] = useState(0);
  // Read by the queue.called listener; kept in step with `speak` where it is toggled.
  const speakRef = useRef(speak);

  const [reloads, setReloads] = useState(0);
  const load = useCallback(() => setReloads((n) => n + 1), []);
  useEffect(() => {
    let live = true;
    void call('queue.board', {}).then((r) => {
      if (!live) return;
      if (r.ok) {
        setBoard(r.value);
        setError(null);
      } else setError(r.error.message);
    });
    return () => {
      live = false;
    };
  }, [reloads]);

  useEffect(() => {
    const timer = setInterval(() => load(), REFRESH_MS);
    const offReconnect = onReconnect(() => load());
    const offCalled = onEvent('queue.called', (c: BoardCall) => {
      setBoard((b) =>
        b ? { ...b, calls: [c, ...b.calls.filter((x) => x !== c)].slice(0, 8) } : b,
      );
      setFlash((n) => n + 1);
      if (speakRef.current) say(spokenCall(c.number, c.desk, locale), locale);
      load();
    });
    const offChanged = onEvent('queue.changed', () => load());
    return () => {
      clearInterval(timer);
      offReconnect();
      offCalled();
      offChanged();
    };
  }, [load, locale]);

  const [latest, ...earlier] = board?.calls ?? [];

  return (
    <main className="tv" data-testid="tv-page">
      <header className="tv__head">
        <span className="tv__title">{t('tv.ktpElRecordingQueue')}</span>
        <span className="tv__free">{t('tv.serviceIsFree')}</span>
        <button
          type="button"
          className="tv__speech"
          data-testid="tv-speech"
          aria-pressed={speak}
          onClick={() => {
            const next = !speak;
            setSpeak(next);
            speakRef.current = next;
            // The first utterance must come from a click: browsers block speech before one.
            if (next) say(t('tv.callAnnouncementsOn'), locale);
          }}
        >
          {speak ? t('tv.soundOn') : t('tv.soundOff')}
        </button>
      </header>
      {error ? (
        <p className="tv__error" role="alert">
          {error}
        </p>
      ) : null}
      <section className="tv__now" aria-live="assertive" aria-atomic="true">
        {latest ? (
          <div key={flash} className="tv__call tv__call--flash" data-testid="tv-current">
            <span className="tv__label">{t('tv.number')}</span>
            <span className="tv__number" data-testid="tv-number">
              {latest.number}
            </span>
            <span className="tv__arrow" aria-hidden="true">
              →
            </span>
            <span className="tv__desk" data-testid="tv-desk">
              {latest.desk}
            </span>
          </div>
        ) : (
          <p className="tv__idle">{t('tv.noNumberCalledYet')}</p>
        )}
      </section>
      <section className="tv__earlier" aria-label={t('tv.earlierCalls')}>
        <ol>
          {earlier.slice(0, 5).map((c) => (
            <li key={`${c.cardId}-${c.at}`} data-testid="tv-earlier">
              <span className="tv__earlier-number">{c.number}</span>
              <span className="tv__earlier-desk">{c.desk}</span>
            </li>
          ))}
        </ol>
        {board ? (
          <p className="tv__waiting" data-testid="tv-waiting">
            {t('tv.waitingNPeople', { n: board.waiting })}
          </p>
        ) : null}
      </section>
    </main>
  );
}

function say(text: string, locale: 'id' | 'en'): void {
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  if (!synth) return;
  const u = new SpeechSynthesisUtterance(text);
  u.lang = locale === 'en' ? 'en-GB' : 'id-ID';
  const voice = synth
    .getVoices()
    .find((v) => v.lang.replace('_', '-').startsWith(u.lang.slice(0, 2)));
  if (voice) u.voice = voice;
  u.rate = 0.9;
  synth.speak(u);
}
