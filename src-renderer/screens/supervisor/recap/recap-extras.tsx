import type { ComponentType } from 'react';

/**
 * Sections other features add to the daily recap (exports panel, queue figures…): append a
 * component to `recapExtras` from your own module, imported once at start-up, e.g.
 * `recapExtras.push(QueueFigures)`. Each renders its own `<section>`.
 */
export const recapExtras: ComponentType[] = [];

export function RecapExtras() {
  return (
    <>
      {recapExtras.map((Extra, i) => (
        <Extra key={Extra.displayName ?? Extra.name ?? i} />
      ))}
    </>
  );
}
