import { useTranslation } from 'react-i18next';
import type { ApprovalFlags } from '../../../../src-main/api/contract-supervisor';

/** Forced captures and exceptions, as warning chips; "all normal" when there are none. */
export function FlagList({ flags, compact = false }: { flags: ApprovalFlags; compact?: boolean }) {
  const { t } = useTranslation();
  const chips: string[] = [];
  if (flags.forcedPhoto) chips.push(t('sup.approval.forcedPhoto'));
  if (flags.forcedFingers.length > 0) {
    chips.push(t('sup.approval.forcedFingers', { list: flags.forcedFingers.join(', ') }));
  }
  if (flags.fingerExceptions.length > 0) {
    chips.push(t('sup.approval.fingerExceptions', { list: flags.fingerExceptions.join(', ') }));
  }
  if (flags.signatureException) chips.push(t('sup.approval.signatureException'));
  if (flags.warnings > 0) chips.push(t('sup.approval.warnings', { count: flags.warnings }));
  if (chips.length === 0) {
    return compact ? null : <p className="muted small">{t('sup.approval.clean')}</p>;
  }
  return (
    <span className="flag-list" data-testid="approval-flags">
      {chips.map((c) => (
        <span key={c} className="flag-chip">
          {c}
        </span>
      ))}
    </span>
  );
}
