import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One card of the review: its step's title (with `counts` beside it) and the button back to it. */
export function ReviewCard(p: {
  title: string;
  testId: string;
  action: string;
  onAction: () => void;
  flag?: boolean;
  wide?: boolean;
  counts?: ReactNode;
  children: ReactNode;
}) {
  const cls = `card review__card${p.wide ? ' review__card--wide' : ''}${p.flag ? ' review__card--flag' : ''}`;
  return (
    <article className={cls} data-testid={p.testId}>
      <header className="review__card-head">
        <h3>{p.title}</h3>
        {p.counts}
        <button type="button" className="btn btn--small" onClick={p.onAction}>
          {p.action}
        </button>
      </header>
      {p.children}
    </article>
  );
}

/** What the operator accepted against the rules (a forced photo, no signature), and why. */
export function Flag({ testId, title, reason }: { testId: string; title: string; reason: string }) {
  const { t } = useTranslation();
  return (
    <p className="review__flag" data-testid={testId}>
      <strong>{title}</strong>
      <br />
      {t('review.reason', { reason })}
    </p>
  );
}
