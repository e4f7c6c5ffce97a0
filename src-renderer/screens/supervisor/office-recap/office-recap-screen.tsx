import { useEffect, useState } from 'react';
import type { OfficeRecap, OfficeRecapGroup } from '../../../../src-main/api/contract-office';
import { call } from '../../../app/station-client';
import { useTx } from '../../../app/tx';

/**
 * The office's day on the hub (issue 17): every paired desk's recordings, by desk, operator and
 * village, from the metadata the desks send (no biometrics, no full NIKs).
 */
export function OfficeRecapScreen() {
  const { tx } = useTx();
  const [recap, setRecap] = useState<OfficeRecap | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void call('office.recap', {}).then((r) => {
      if (r.ok) setRecap(r.value);
      else setError(r.error.message);
    });
  }, []);
  const table = (title: string, rows: OfficeRecapGroup[], testId: string) => (
    <div className="card">
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{tx('Belum ada perekaman.', 'No recordings yet.')}</p>
      ) : (
        <table className="table" data-testid={testId}>
          <thead>
            <tr>
              <th />
              <th>{tx('Semua', 'All')}</th>
              <th>{tx('Selesai (tersegel)', 'Finished (sealed)')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((g) => (
              <tr key={g.key}>
                <td>{g.key}</td>
                <td>{g.total}</td>
                <td>{g.sealed}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
  return (
    <section className="screen" data-testid="office-recap">
      <div className="screen__head">
        <h1>{tx('Rekap kantor hari ini', "Today's office recap")}</h1>
        {recap ? (
          <span className="badge" data-testid="office-recap-total">
            {tx('{{n}} perekaman · {{s}} selesai', '{{n}} recordings · {{s}} finished', {
              n: recap.total,
              s: recap.sealed,
            })}
          </span>
        ) : null}
      </div>
      {error ? (
        <p className="banner banner--error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="muted">
        {tx(
          'Dari data yang dikirim tiap meja ke hub kantor (tanpa biometrik, NIK disamarkan). Meja yang sedang tidak terhubung menyusul saat tersambung lagi.',
          'From what each desk sends the office hub (no biometrics, NIK masked). A desk that is not connected catches up when it is back.',
        )}
      </p>
      {recap ? (
        <>
          {table(tx('Per meja', 'By desk'), recap.byDesk, 'office-recap-desks')}
          {table(tx('Per operator', 'By operator'), recap.byOperator, 'office-recap-operators')}
          {table(tx('Per desa/kelurahan', 'By village'), recap.byVillage, 'office-recap-villages')}
        </>
      ) : null}
    </section>
  );
}
