import { describe, expect, it } from 'vitest';
import { parseSimCommand, runSimScript } from './sim-script';

describe("the simulated resident's hand", () => {
  it('parses place / lift / wait / status / quit and skips comments', () => {
    expect(parseSimCommand('place 3')).toEqual({ kind: 'place', finger: 3, quality: 'clear' });
    expect(parseSimCommand('  PLACE 10 dry ')).toEqual({
      kind: 'place',
      finger: 10,
      quality: 'dry',
    });
    expect(parseSimCommand('place 4', 'smudged')).toMatchObject({ quality: 'smudged' });
    expect(parseSimCommand('lift')).toEqual({ kind: 'lift' });
    expect(parseSimCommand('wait 1500')).toEqual({ kind: 'wait', ms: 1500 });
    expect(parseSimCommand('status')).toEqual({ kind: 'status' });
    expect(parseSimCommand('exit')).toEqual({ kind: 'quit' });
    expect(parseSimCommand('   ')).toBeNull();
    expect(parseSimCommand('# a comment')).toBeNull();
  });

  it('refuses what it cannot do, saying what it expected', () => {
    expect(() => parseSimCommand('place 11')).toThrow(/finger 1–10/);
    expect(() => parseSimCommand('place 2 wet')).toThrow(/quality/);
    expect(() => parseSimCommand('wait soon')).toThrow(/milliseconds/);
    expect(() => parseSimCommand('press 2')).toThrow(/unknown command "press"/);
  });

  it('runs a script in order, waiting where told, and names the bad line', async () => {
    const events: string[] = [];
    const hand = {
      placeFinger: (f: number, o: { quality: string }) => events.push(`place ${f} ${o.quality}`),
      liftFinger: () => events.push('lift'),
    };
    const hooks = {
      sleep: async (ms: number) => void events.push(`wait ${ms}`),
      status: () => void events.push('status'),
      quit: () => void events.push('quit'),
    };
    await runSimScript(
      hand,
      'place 1\nwait 200\r\nlift\n\n# next\nplace 2 partial\nstatus\nquit',
      hooks,
    );
    expect(events).toEqual([
      'place 1 clear',
      'wait 200',
      'lift',
      'place 2 partial',
      'status',
      'quit',
    ]);
    await expect(runSimScript(hand, 'lift\nplace zero', hooks)).rejects.toThrow(/^line 2: place/);
  });
});
