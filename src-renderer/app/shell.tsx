import { Suspense, startTransition, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../src-main/api/contract';
import { Kbd } from '../components/kbd';
import { StatusBar } from '../components/status-bar';
import type { RecordingWorkspaceApi } from '../screens/operator/recording/recording-workspace';
import { FreezeBanner } from '../components/freeze-banner';
import { ScreenLoading } from '../components/screen-loading';
import {
  ApprovalScreen,
  AuditLog,
  CentralScreen,
  DiagnosticsScreen,
  ExportsScreen,
  CardsArrivalScreen,
  FieldRoundScreen,
  HandoverScreen,
  OfficeRecapScreen,
  OfficeScreen,
  QueueAdmin,
  QueueDesk,
  RecapScreen,
  RecordingWorkspace,
  RoundsScreen,
  StationInfoScreen,
  TodayList,
  UsersScreen,
  preloadScreens,
} from './lazy-screens';
import { ACTIVITY_PING_MS, createActivityThrottle } from './activity';
import { useApp } from './app-context';
import { call } from './station-client';

export type ScreenId =
  | 'new-recording'
  | 'today'
  | 'users'
  | 'audit'
  | 'station'
  | 'central'
  | 'office'
  | 'office-recap'
  | 'cards'
  | 'diagnostics'
  | 'approval'
  | 'recap'
  | 'queue'
  | 'queue-admin'
  | 'exports'
  | 'handover'
  | 'rounds'
  | 'field-round';

interface ScreenDef {
  id: ScreenId;
  labelKey: string;
  /** KeyboardEvent.code, used with Alt (layout-independent). */
  code: string;
  keys: string;
}

const SCREENS: Record<ScreenId, ScreenDef> = {
  'new-recording': {
    id: 'new-recording',
    labelKey: 'nav.newRecording',
    code: 'KeyN',
    keys: 'Alt+N',
  },
  today: { id: 'today', labelKey: 'nav.today', code: 'KeyH', keys: 'Alt+H' },
  users: { id: 'users', labelKey: 'nav.users', code: 'KeyP', keys: 'Alt+P' },
  audit: { id: 'audit', labelKey: 'nav.audit', code: 'KeyL', keys: 'Alt+L' },
  station: { id: 'station', labelKey: 'nav.station', code: 'KeyS', keys: 'Alt+S' },
  diagnostics: {
    id: 'diagnostics',
    labelKey: 'nav.diagnostics',
    code: 'KeyD',
    keys: 'Alt+D',
  },
  central: { id: 'central', labelKey: 'nav.central', code: 'KeyC', keys: 'Alt+C' },
  office: { id: 'office', labelKey: 'nav.office', code: 'KeyK', keys: 'Alt+K' },
  'office-recap': { id: 'office-recap', labelKey: 'nav.officeRecap', code: 'KeyO', keys: 'Alt+O' },
  cards: { id: 'cards', labelKey: 'nav.cards', code: 'KeyT', keys: 'Alt+T' },
  approval: { id: 'approval', labelKey: 'sup.nav.approval', code: 'KeyA', keys: 'Alt+A' },
  recap: { id: 'recap', labelKey: 'sup.nav.recap', code: 'KeyR', keys: 'Alt+R' },
  queue: { id: 'queue', labelKey: 'nav.queue', code: 'KeyQ', keys: 'Alt+Q' },
  'queue-admin': { id: 'queue-admin', labelKey: 'nav.queueAdmin', code: 'KeyQ', keys: 'Alt+Q' },
  exports: { id: 'exports', labelKey: 'nav.exports', code: 'KeyE', keys: 'Alt+E' },
  handover: { id: 'handover', labelKey: 'nav.handover', code: 'KeyT', keys: 'Alt+T' },
  rounds: { id: 'rounds', labelKey: 'nav.rounds', code: 'KeyU', keys: 'Alt+U' },
  'field-round': { id: 'field-round', labelKey: 'nav.fieldRound', code: 'KeyU', keys: 'Alt+U' },
};

/** The screens each role sees; the first is where the role lands after login. */
export const ROLE_SCREENS: Record<Role, readonly ScreenId[]> = {
  operator: ['new-recording', 'queue', 'today', 'handover', 'field-round'],
  supervisor: [
    'approval',
    'recap',
    'users',
    'today',
    'queue-admin',
    'audit',
    'exports',
    'office-recap',
    'cards',
    'rounds',
  ],
  technician: ['diagnostics', 'station', 'central', 'office'],
};

export function Shell({ locked }: { locked: boolean }) {
  const { t } = useTranslation();
  const { session, info } = useApp();
  const role = session.user.role;
  const screens = ROLE_SCREENS[role];
  const [active, setActiveNow] = useState<ScreenId>(screens[0] ?? 'today');
  // A switch is a transition: the current screen stays until the next one's code is loaded.
  const setActive = useMemo(
    () => (id: ScreenId) => startTransition(() => setActiveNow(id)),
    [setActiveNow],
  );
  const formApi = useRef<RecordingWorkspaceApi | null>(null);
  const mainRef = useRef<HTMLElement | null>(null);

  const go = useMemo(
    () => (id: ScreenId) => {
      if (!screens.includes(id)) return;
      if (id === 'new-recording' && active === 'new-recording') {
        formApi.current?.requestNew();
        return;
      }
      setActive(id);
    },
    [screens, active, setActive],
  );

  // The role's screens load in the background as soon as the shell is up.
  useEffect(() => preloadScreens(role), [role]);

  // Shortcuts work from anywhere in the shell, including inside inputs.
  useEffect(() => {
    if (locked) return;
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const hit = screens.map((s) => SCREENS[s]).find((s) => s.code === e.code);
      if (!hit) return;
      e.preventDefault();
      go(hit.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [locked, screens, go]);

  // Typing and clicking count as activity so a long form does not hit the idle lock.
  useEffect(() => {
    if (locked) return;
    const report = createActivityThrottle(ACTIVITY_PING_MS, () => void call('auth.ping', {}));
    window.addEventListener('keydown', report, true);
    window.addEventListener('pointerdown', report, true);
    return () => {
      window.removeEventListener('keydown', report, true);
      window.removeEventListener('pointerdown', report, true);
    };
  }, [locked]);

  // After switching screens, focus moves to the new screen (not on first paint: the landing
  // screen focuses its own first field).
  const firstPaint = useRef(true);
  useEffect(() => {
    if (firstPaint.current) {
      firstPaint.current = false;
      return;
    }
    if (active === 'new-recording') document.getElementById('field-nik')?.focus();
    else mainRef.current?.focus();
  }, [active]);

  return (
    <div className="shell" inert={locked} aria-hidden={locked}>
      <header className="topbar">
        <div className="topbar__brand">
          <span className="topbar__logo" aria-hidden="true">
            R
          </span>
          <span className="topbar__title">Rekam</span>
          <span className="topbar__station">{info.station?.name}</span>
        </div>
        <nav className="topbar__nav" aria-label={t('nav.label')}>
          {screens.map((id) => {
            const s = SCREENS[id];
            return (
              <button
                key={id}
                type="button"
                className={`nav-btn${active === id ? ' nav-btn--active' : ''}`}
                data-testid={`nav-${id}`}
                aria-current={active === id ? 'page' : undefined}
                aria-keyshortcuts={s.keys}
                title={s.keys}
                onClick={() => go(id)}
              >
                {t(s.labelKey)} <Kbd keys={s.keys} />
              </button>
            );
          })}
        </nav>
      </header>
      <main
        className="shell__main"
        ref={mainRef}
        tabIndex={-1}
        aria-label={t(SCREENS[active].labelKey)}
      >
        {role === 'operator' ? <FreezeBanner /> : null}
        {role === 'operator' ? (
          <div hidden={active !== 'new-recording'}>
            <Suspense fallback={<ScreenLoading />}>
              <RecordingWorkspace
                apiRef={formApi}
                active={active === 'new-recording' && !locked}
                onShowToday={() => setActive('today')}
              />
            </Suspense>
          </div>
        ) : null}
        <Suspense fallback={<ScreenLoading />}>
          {active === 'today' ? (
            <TodayList
              readOnly={role !== 'operator'}
              onOpen={(id) => {
                setActive('new-recording');
                void formApi.current?.open(id);
              }}
            />
          ) : null}
          {active === 'queue' ? (
            <QueueDesk
              onRecord={(c) => {
                setActive('new-recording');
                formApi.current?.startFromCard(c.card.id, c.prefill);
              }}
            />
          ) : null}
          {active === 'queue-admin' ? <QueueAdmin /> : null}
          {active === 'approval' ? <ApprovalScreen /> : null}
          {active === 'recap' ? <RecapScreen /> : null}
          {active === 'users' ? <UsersScreen /> : null}
          {active === 'audit' ? <AuditLog /> : null}
          {active === 'exports' ? <ExportsScreen /> : null}
          {active === 'station' ? <StationInfoScreen /> : null}
          {active === 'diagnostics' ? <DiagnosticsScreen /> : null}
          {active === 'central' ? <CentralScreen /> : null}
          {active === 'office' ? <OfficeScreen /> : null}
          {active === 'office-recap' ? <OfficeRecapScreen /> : null}
          {active === 'cards' ? <CardsArrivalScreen /> : null}
          {active === 'handover' ? <HandoverScreen /> : null}
          {active === 'rounds' ? <RoundsScreen /> : null}
          {active === 'field-round' ? <FieldRoundScreen /> : null}
        </Suspense>
      </main>
      <StatusBar />
    </div>
  );
}
