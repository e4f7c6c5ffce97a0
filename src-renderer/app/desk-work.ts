/**
 * What the operator's desk has in progress, for the parts of the shell that end a session
 * ("Keluar", the lock screen's logout): they ask first, and flush the desk draft before leaving.
 * One recording workspace per window registers itself here.
 */
export interface DeskWork {
  /** The resident's name (or '' when none typed yet); null when nothing is in progress. */
  inProgress(): string | null;
  /** Writes the desk draft now (instead of after the debounce). */
  flush(): Promise<void>;
}

let current: DeskWork | null = null;

export function registerDeskWork(w: DeskWork | null): void {
  current = w;
}

export function deskWork(): DeskWork | null {
  return current;
}
