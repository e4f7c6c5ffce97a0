import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  RoundDetail,
  RoundItemView,
  RoundView,
} from '../../../../src-main/api/contract-rounds';
import { UNDELIVERABLE_REASONS } from '../../../../src-main/domain/cards';
import type { UndeliverableReason } from '../../../../src-main/domain/cards';
import { call } from '../../../app/station-client';
import { OutcomeBadge, printSheet, rtRw, RoundCounts } from '../../shared/rounds/round-parts';
import { HandoverCaseView } from '../handover/handover-case';

/**
 * "Antar ke rumah" in the field: the clerk picks the round that is out, sees each
 * card in walking order with its state, hands a card over (the handover with kind 'round') or
 * records why it could not be delivered. Works offline: nothing here needs the centre.
 */
export function FieldRoundScreen() {
  const { t } = useTranslation();
  const [rounds, setRounds] = useState<RoundView[]>([]);
  const [detail, setDetail] = useState<RoundDetail | null>(null);
  const [handing, setHanding] = useState<string | null>(null);
  const [asking, setAsking] = useState<RoundItemView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const loadList = () =>
    call('rounds.list', {}).then((r) =>
      r.ok ? setRounds(r.value.filter((x) => x.state === 'out')) : setError(r.error.message),
    );
  const loadRound = async (roundId: string) => {
    const r = await call('rounds.get', { roundId });
    if (r.ok) setDetail(r.value);
    else setError(r.error.message);
  };
  useEffect(() => {
    void loadList();
  }, []);

  const notDelivered = async (item: RoundItemView, reason: UndeliverableReason) => {
    if (!detail) return;
    const r = await call('rounds.undeliverable', {
      roundId: detail.round.id,
      recordingId: item.recordingId,
      reason,
    });
    setAsking(null);
    if (!r.ok) return setError(r.error.message);
    setError(null);
    setNotice(t('rounds.field.returned', { name: item.name }));
    setDetail(r.value);
  };

  if (detail && handing) {
    return (
      <HandoverCaseView
        recordingId={handing}
        kind="round"
        roundId={detail.round.id}
        onClose={(done) => {
          setHanding(null);
          setNotice(done ? t('rounds.field.delivered') : null);
          void loadRound(detail.round.id);
        }}
      />
    );
  }

  if (!detail) {
    return (
      <section className="screen rounds" data-testid="field-rounds">
        <h1>{t('rounds.field.title')}</h1>
        {error ? (
          <p className="banner banner--error" role="alert">
            {error}
          </p>
        ) : null}
        {rounds.length === 0 ? (
          <p className="banner banner--info" data-testid="field-no-rounds">
            {t('rounds.field.none')}
          </p>
        ) : (
          <ul className="rounds-pick-list">
            {rounds.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  className="btn btn--large btn--block"
                  data-testid={`field-round-${r.id}`}
                  onClick={() => void loadRound(r.id)}
                >
                  {r.label} — {t('rounds.field.left', { pending: r.pending, total: r.total })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    );
  }

  const { round, items } = detail;
  return (
    <section className="screen rounds" data-testid="field-round">
      <div className="screen__head">
        <div>
          <h1>{round.label}</h1>
          <p className="muted">
            <RoundCounts round={round} />
          </p>
        </div>
        <div className="rounds-actions">
          <button
            type="button"
            className="btn"
            onClick={() => void printSheet(round.id).then(setError)}
          >
            {t('rounds.print')}
          </button>
          <button
            type="button"
            className="btn"
            data-testid="field-back"
            onClick={() => {
              setDetail(null);
              setNotice(null);
              void loadList();
            }}
          >
            {t('rounds.back')}
          </button>
        </div>
      </div>
      {error ? (
        <p className="banner banner--error" role="alert" data-testid="field-error">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p className="banner banner--ok" role="status" data-testid="field-notice">
          {notice}
        </p>
      ) : null}
      <ol className="rounds-field-list">
        {items.map((i, k) => (
          <li
            key={i.recordingId}
            className={`rounds-field-item rounds-field-item--${i.outcome}`}
            data-testid="field-item"
          >
            <span className="rounds-no">{k + 1}</span>
            <div className="rounds-field-who">
              <strong data-testid="field-item-name">{i.name}</strong>
              <div>
                {i.address} · RT/RW {rtRw(i)} · {i.villageName}
              </div>
              <div className="muted">
                {i.phone ? t('rounds.field.phone', { phone: i.phone }) : t('rounds.field.noPhone')}
              </div>
            </div>
            <div className="rounds-field-act">
              <OutcomeBadge item={i} />
              {i.outcome === 'pending' && round.state === 'out' ? (
                <>
                  <button
                    type="button"
                    className="btn btn--primary btn--large"
                    data-testid="field-hand-over"
                    onClick={() => setHanding(i.recordingId)}
                  >
                    {t('rounds.field.handOver')}
                  </button>
                  <button
                    type="button"
                    className="btn btn--large"
                    data-testid="field-not-delivered"
                    onClick={() => setAsking(i)}
                  >
                    {t('rounds.field.notDelivered')}
                  </button>
                </>
              ) : null}
            </div>
            {asking?.recordingId === i.recordingId ? (
              <div
                className="rounds-reasons"
                role="group"
                aria-label={t('rounds.field.why', { name: i.name })}
              >
                <p>
                  <strong>{t('rounds.field.why', { name: i.name })}</strong>
                </p>
                {UNDELIVERABLE_REASONS.map((r) => (
                  <button
                    key={r}
                    type="button"
                    className="btn btn--large"
                    data-testid={`field-reason-${r}`}
                    onClick={() => void notDelivered(i, r)}
                  >
                    {t(`rounds.reason.${r}`)}
                  </button>
                ))}
                <button type="button" className="btn" onClick={() => setAsking(null)}>
                  {t('rounds.cancel')}
                </button>
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
