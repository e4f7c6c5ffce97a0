import { useCallback, useState } from 'react';

/**
 * A counter to put in an effect's dependencies and the function that bumps it: the effect that
 * loads a screen's data runs again after each change the screen makes.
 */
export function useReload(): [reloads: number, reload: () => void] {
  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return [reloads, reload];
}
