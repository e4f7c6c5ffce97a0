import { createContext, useContext } from 'react';
import type { AppInfo, SessionInfo, StatusEvent } from '../../src-main/api/contract';

export interface AppState {
  info: AppInfo;
  session: SessionInfo;
  status: StatusEvent | null;
  logout: () => Promise<void>;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp outside AppContext');
  return v;
}
