// The duplicate check: the scanner module's template library mirrors this recording's fingers.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { FINGER_POSITIONS } from '../../domain/fingers';
import type { FingerprintDriver } from '../../../drivers/fingerprint/driver';
import { takenTemplates } from '../../store/fingerprints-repo';

/** Library page of a finger (1..10 → 0..9) in the module's template library. */
const pageOf = (finger: number) => finger - 1;

/**
 * What the module's template library holds for the recording being captured: page → template.
 * The module matches a new finger against all of them in one Search instead of one DownChar +
 * Match per finger already taken.
 */
interface LibraryMirror {
  driver: FingerprintDriver;
  recordingId: string;
  pages: Map<number, Uint8Array>;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export interface TemplateLibrary {
  /**
   * The finger presented twice: one Search of the new template (char buffer 1) through the
   * library of this recording's other fingers, then the new template is stored on its own page
   * for the fingers after it. Returns the finger it matches, or null.
   */
  findDuplicate(
    driver: FingerprintDriver,
    recordingId: string,
    finger: number,
    template: Uint8Array,
    signal: AbortSignal,
  ): Promise<number | null>;
}

export function createTemplateLibrary(db: Database): TemplateLibrary {
  /** The module's library as last written (null: unknown, emptied before the next use). */
  let library: LibraryMirror | null = null;
  const watched = new WeakSet<FingerprintDriver>();

  /**
   * Brings the module's library in line with the fingers of `recordingId` taken so far (except
   * `finger`, so a finger is never found as its own duplicate): emptied when another recording
   * (or an unknown state) is there, stale pages deleted, missing ones sent down and stored.
   */
  async function syncLibrary(
    driver: FingerprintDriver,
    recordingId: string,
    finger: number,
    signal: AbortSignal,
  ): Promise<LibraryMirror> {
    if (!watched.has(driver)) {
      watched.add(driver);
      // A module that went away may come back power-cycled or swapped: its library is unknown.
      driver.on('disconnected', () => {
        if (library?.driver === driver) library = null;
      });
    }
    if (!library || library.driver !== driver || library.recordingId !== recordingId) {
      library = null;
      await driver.empty({ signal });
      library = { driver, recordingId, pages: new Map() };
    }
    const lib = library;
    const want = new Map(
      takenTemplates(db, recordingId, finger).map((o) => [
        pageOf(o.finger),
        new Uint8Array(o.template),
      ]),
    );
    for (const [page, t] of [...lib.pages]) {
      const w = want.get(page);
      if (w && sameBytes(w, t)) continue;
      lib.pages.delete(page);
      await driver.deletChar(page, 1, { signal });
    }
    for (const [page, t] of want) {
      if (lib.pages.has(page)) continue;
      await driver.downChar(2, t, { signal });
      await driver.store(2, page, { signal });
      lib.pages.set(page, t);
    }
    return lib;
  }

  return {
    async findDuplicate(driver, recordingId, finger, template, signal) {
      try {
        const lib = await syncLibrary(driver, recordingId, finger, signal);
        const hit = lib.pages.size
          ? await driver.search(1, 0, FINGER_POSITIONS.length, { signal })
          : null;
        await driver.store(1, pageOf(finger), { signal });
        lib.pages.set(pageOf(finger), template);
        return hit ? hit.page + 1 : null;
      } catch (e) {
        // Whatever the module did with a command cut short is unknown: start clean next time.
        library = null;
        throw e;
      }
    },
  };
}
