import { lazy } from 'react';
import type { ComponentType, LazyExoticComponent } from 'react';
import type { Role } from '../../src-main/api/contract';

/**
 * The role screens, loaded on demand: the first chunk holds only what the desk needs before
 * anyone logs in (setup, login, lock, the shell). Each role's screens are one chunk
 * (`screens/<role>/screens.ts`); the screens both operator and supervisor open are their own.
 * `preloadScreens` fetches the role's chunks right after login, so switching screens does not
 * wait. A new role screen: export it from its role's `screens.ts` and add it below.
 */

const roleScreens = {
  operator: () => import('../screens/operator/screens'),
  supervisor: () => import('../screens/supervisor/screens'),
  technician: () => import('../screens/technician/screens'),
};
const todayList = () => import('../screens/shared/today/today-list');

const PRELOAD: Record<Role, readonly (() => Promise<unknown>)[]> = {
  operator: [roleScreens.operator, todayList],
  supervisor: [roleScreens.supervisor, todayList],
  technician: [roleScreens.technician],
};

/** Starts loading every screen the role can open (the browser keeps loaded modules). */
export function preloadScreens(role: Role): void {
  // A failed preload is not an error yet: the screen loads again when it is opened.
  for (const load of PRELOAD[role]) load().catch(() => undefined);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own bound.
function screen<M, C extends ComponentType<any>>(
  load: () => Promise<M>,
  pick: (module: M) => C,
): LazyExoticComponent<C> {
  return lazy(async () => ({ default: pick(await load()) }));
}

export const RecordingWorkspace = screen(roleScreens.operator, (m) => m.RecordingWorkspace);
export const QueueDesk = screen(roleScreens.operator, (m) => m.QueueDesk);
export const HandoverScreen = screen(roleScreens.operator, (m) => m.HandoverScreen);
export const FieldRoundScreen = screen(roleScreens.operator, (m) => m.FieldRoundScreen);
export const TodayList = screen(todayList, (m) => m.TodayList);

export const ApprovalScreen = screen(roleScreens.supervisor, (m) => m.ApprovalScreen);
export const RecapScreen = screen(roleScreens.supervisor, (m) => m.RecapScreen);
export const UsersScreen = screen(roleScreens.supervisor, (m) => m.UsersScreen);
export const QueueAdmin = screen(roleScreens.supervisor, (m) => m.QueueAdmin);
export const AuditLog = screen(roleScreens.supervisor, (m) => m.AuditLog);
export const ExportsScreen = screen(roleScreens.supervisor, (m) => m.ExportsScreen);
export const OfficeRecapScreen = screen(roleScreens.supervisor, (m) => m.OfficeRecapScreen);
export const CardsArrivalScreen = screen(roleScreens.supervisor, (m) => m.CardsArrivalScreen);
export const RoundsScreen = screen(roleScreens.supervisor, (m) => m.RoundsScreen);

export const DiagnosticsScreen = screen(roleScreens.technician, (m) => m.DiagnosticsScreen);
export const StationInfoScreen = screen(roleScreens.technician, (m) => m.StationInfoScreen);
export const CentralScreen = screen(roleScreens.technician, (m) => m.CentralScreen);
export const OfficeScreen = screen(roleScreens.technician, (m) => m.OfficeScreen);
