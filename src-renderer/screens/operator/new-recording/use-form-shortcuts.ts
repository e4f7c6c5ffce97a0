import { useEffect, useLayoutEffect, useRef } from 'react';
import type { Dispatch, SetStateAction } from 'react';

/** Ctrl+S saves and Esc offers to clear (or keeps editing), wherever the focus is in the form. */
export function useFormShortcuts({
  active,
  save,
  dirty,
  setConfirmClear,
}: {
  /** Only while the form is on screen and the desk is not locked. */
  active: boolean;
  save: () => Promise<void>;
  dirty: boolean;
  setConfirmClear: Dispatch<SetStateAction<boolean>>;
}): void {
  const saveRef = useRef(save);
  const dirtyRef = useRef(dirty);
  // The latest save and dirty flag for the listener, updated before any key can reach it.
  useLayoutEffect(() => {
    saveRef.current = save;
    dirtyRef.current = dirty;
  });
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.code === 'KeyS') {
        e.preventDefault();
        void saveRef.current();
      } else if (e.key === 'Escape' && !e.defaultPrevented) {
        setConfirmClear((c) => (c ? false : dirtyRef.current));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, setConfirmClear]);
}
