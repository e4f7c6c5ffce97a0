// Vitest hooks for service tests. Kept apart from station.ts, which child processes and
// Playwright specs import too and which must therefore not load vitest.
import { afterEach, beforeEach } from 'vitest';
import type { Station, StationOptions } from '../../src-main/services/station/station';
import { openTestStation, setUpStation, tempDir, testClock } from './station';

export interface TestStationOptions {
  /** Where the test clock starts; a function is read afresh for every test. */
  start?: Date | (() => Date);
  /** Move the clock on by this much at every read, so rows get distinct times. */
  tickMs?: number;
  /** Run setup.create first (the supervisor stays signed in). Default true. */
  setUp?: boolean;
  /** More station options, e.g. `{ faceDetector: null }`. */
  extra?: Partial<StationOptions>;
}

export interface TestStationContext {
  readonly dir: string;
  readonly station: Station;
  readonly clock: ReturnType<typeof testClock>;
  /** Closes the station and opens it again on the same data dir: a restart. */
  reopen(extra?: Partial<StationOptions>): Station;
}

/**
 * A fresh station in a temp dir for every test of the calling file: registers beforeEach and
 * afterEach, and returns getters for the current test's dir, station and clock. Hooks the file
 * registers afterwards run after this beforeEach and before this afterEach.
 */
export function useTestStation(opts: TestStationOptions = {}): TestStationContext {
  let dir: string;
  let cleanup: () => void;
  let station: Station;
  let clock: ReturnType<typeof testClock>;
  let now: () => Date;

  beforeEach(async () => {
    ({ dir, cleanup } = tempDir());
    clock = testClock(typeof opts.start === 'function' ? opts.start() : opts.start);
    const tick = opts.tickMs;
    now = tick ? () => (clock.advance(tick), clock.now()) : clock.now;
    station = openTestStation(dir, { now, ...opts.extra });
    if (opts.setUp ?? true) await setUpStation(station);
  });
  afterEach(() => {
    station.close();
    cleanup();
  });

  return {
    get dir() {
      return dir;
    },
    get station() {
      return station;
    },
    get clock() {
      return clock;
    },
    reopen(extra = {}) {
      station.close();
      station = openTestStation(dir, { now, ...opts.extra, ...extra });
      return station;
    },
  };
}
