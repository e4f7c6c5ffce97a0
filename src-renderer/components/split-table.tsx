import type { ReactNode } from 'react';
import { DataTable } from './table-card';

/** The outcome of the last action, shown above the screen's content. */
export type Banner = { kind: 'ok' | 'error' | 'info'; text: string } | null;

export function BannerLine({ banner, testId }: { banner: Banner; testId: string }) {
  return banner ? (
    <p
      className={`banner banner--${banner.kind}`}
      role={banner.kind === 'error' ? 'alert' : 'status'}
      data-testid={testId}
    >
      {banner.text}
    </p>
  ) : null;
}

/**
 * The banner, then a split: a table of things (and what was opened from it, `below`) on the
 * left, the form that adds one (`side`) on the right. A row's action column has a `null` header.
 */
export function SplitTable(p: {
  banner: Banner;
  bannerTestId: string;
  tableTestId: string;
  headers: readonly (string | null)[];
  rows: ReactNode;
  below?: ReactNode;
  side: ReactNode;
}) {
  return (
    <div>
      <BannerLine banner={p.banner} testId={p.bannerTestId} />
      <div className="split">
        <div className="split__main">
          <DataTable headers={p.headers} testId={p.tableTestId}>
            {p.rows}
          </DataTable>
          {p.below}
        </div>
        {p.side}
      </div>
    </div>
  );
}
