// The resident's hand for the stand-alone simulator: one command per line, typed on stdin or
// read from a --script file. The finger's presence is independent of what the host does: it can
// be lifted at any time, even while an image is still being sent (the image is in the module's
// buffer already, as on a real module).
//   place N [clear|smudged|partial|dry]   finger N (1..10) on the sensor
//   lift                                  no finger on the sensor
//   wait MS                               pause (scripts)
//   status                                print what the module is doing
//   quit                                  stop the simulator
// Blank lines and lines starting with # are ignored.
import { QUALITIES } from './synthetic';
import type { ImageQuality } from './synthetic';

export type SimCommand =
  | { kind: 'place'; finger: number; quality: ImageQuality }
  | { kind: 'lift' }
  | { kind: 'wait'; ms: number }
  | { kind: 'status' }
  | { kind: 'quit' };

/** One line → a command, null for a blank or comment line; throws a RangeError on nonsense. */
export function parseSimCommand(line: string, defaultQuality: ImageQuality = 'clear') {
  const words = line.trim().split(/\s+/);
  const [verb, ...args] = words;
  if (!verb || verb.startsWith('#')) return null;
  switch (verb.toLowerCase()) {
    case 'place': {
      const finger = Number(args[0]);
      if (!Number.isInteger(finger) || finger < 1 || finger > 10) {
        throw new RangeError(`place: finger 1–10, got "${args[0] ?? ''}"`);
      }
      const quality = (args[1] ?? defaultQuality) as ImageQuality;
      if (!QUALITIES.includes(quality)) {
        throw new RangeError(`place: quality ${QUALITIES.join('|')}, got "${quality}"`);
      }
      return { kind: 'place', finger, quality } satisfies SimCommand;
    }
    case 'lift':
      return { kind: 'lift' } satisfies SimCommand;
    case 'wait': {
      const ms = Number(args[0]);
      if (!Number.isFinite(ms) || ms < 0)
        throw new RangeError(`wait: milliseconds, got "${args[0] ?? ''}"`);
      return { kind: 'wait', ms } satisfies SimCommand;
    }
    case 'status':
      return { kind: 'status' } satisfies SimCommand;
    case 'quit':
    case 'exit':
      return { kind: 'quit' } satisfies SimCommand;
    default:
      throw new RangeError(`unknown command "${verb}" (place, lift, wait, status, quit)`);
  }
}

/** What the commands act on: the simulator's finger-presence controls. */
export interface SimHand {
  placeFinger(finger: number, opts: { quality: ImageQuality }): void;
  liftFinger(): void;
}

export interface SimScriptHooks {
  sleep(ms: number): Promise<void>;
  status(): void;
  quit(): void | Promise<void>;
}

/** Runs one command; resolves once a `wait` has elapsed. */
export async function runSimCommand(hand: SimHand, c: SimCommand, hooks: SimScriptHooks) {
  switch (c.kind) {
    case 'place':
      return hand.placeFinger(c.finger, { quality: c.quality });
    case 'lift':
      return hand.liftFinger();
    case 'wait':
      return hooks.sleep(c.ms);
    case 'status':
      return hooks.status();
    case 'quit':
      return hooks.quit();
  }
}

/** A whole script, line by line; a bad line stops it with its line number. */
export async function runSimScript(
  hand: SimHand,
  text: string,
  hooks: SimScriptHooks,
  defaultQuality: ImageQuality = 'clear',
): Promise<void> {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let c: SimCommand | null;
    try {
      c = parseSimCommand(lines[i]!, defaultQuality);
    } catch (e) {
      throw new RangeError(`line ${i + 1}: ${(e as Error).message}`);
    }
    if (c) await runSimCommand(hand, c, hooks);
  }
}
