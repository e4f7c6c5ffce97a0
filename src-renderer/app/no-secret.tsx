/**
 * Shown by the browser host when the page was opened without the per-run secret (a bookmark,
 * a typed address). Both languages at once: the locale preference lives behind the secret.
 */
export function NoSecret() {
  return (
    <main className="center-screen">
      <div className="card card--narrow" role="alert" data-testid="no-secret">
        <h1>Buka Rekam dari tautan stasiun</h1>
        <p>
          Halaman ini perlu dibuka dari tautan yang dicetak oleh <code>npm run start:browser</code>{' '}
          (baris <code>REKAM_URL=…</code>). Tautan itu berisi kunci sekali pakai untuk sesi ini;
          alamat yang disimpan atau diketik ulang tidak memuatnya.
        </p>
        <hr />
        <h2 lang="en">Open Rekam from the station link</h2>
        <p lang="en">
          Open this page from the link printed by <code>npm run start:browser</code> (the{' '}
          <code>REKAM_URL=…</code> line). That link carries a one-time key for this run; a
          bookmarked or retyped address does not.
        </p>
      </div>
    </main>
  );
}
