import type { ReactNode } from 'react';

/** A table with its header row; a `null` header is an empty cell (a row's actions, a label). */
export function DataTable(p: {
  headers: readonly (string | null)[];
  testId?: string;
  children: ReactNode;
}) {
  return (
    <table className="table" data-testid={p.testId}>
      <thead>
        <tr>
          {p.headers.map((h, i) => (
            <th key={i}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>{p.children}</tbody>
    </table>
  );
}

/**
 * A card with its title (and a hint under it), then a table of `rows`, one `<tr>` each from
 * `row`. With no rows it says `empty`, or, without `empty`, the card is not shown at all.
 */
export function TableCard<T>(p: {
  title: string;
  hint?: string;
  empty?: string;
  headers: readonly (string | null)[];
  rows: readonly T[] | null | undefined;
  row: (item: T) => ReactNode;
  testId?: string;
  cardTestId?: string;
}) {
  const rows = p.rows ?? [];
  if (rows.length === 0 && p.empty === undefined) return null;
  return (
    <div className="card" data-testid={p.cardTestId}>
      <h2>{p.title}</h2>
      {p.hint ? <p className="muted">{p.hint}</p> : null}
      {rows.length === 0 ? (
        <p className="muted">{p.empty}</p>
      ) : (
        <DataTable headers={p.headers} testId={p.testId}>
          {rows.map(p.row)}
        </DataTable>
      )}
    </div>
  );
}
