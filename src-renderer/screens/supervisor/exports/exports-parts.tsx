import { useEffect, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExportFile } from '../../../../src-main/api/contract-exports';
import { base64ToBytes } from '../../../app/files';

/** Saves a file built in main through a Blob link (the renderer has no file system). */
export function useSaver() {
  const link = useRef<HTMLAnchorElement | null>(null);
  const [file, setFile] = useState<{ url: string; name: string; bytes: number } | null>(null);
  const pending = useRef(false);
  useEffect(() => () => (file ? URL.revokeObjectURL(file.url) : undefined), [file]);
  useEffect(() => {
    if (file && pending.current && link.current) {
      pending.current = false;
      link.current.click();
    }
  }, [file]);
  const save = (f: ExportFile) => {
    const blob = new Blob([base64ToBytes(f.base64)], { type: f.mediaType });
    pending.current = true;
    setFile({ url: URL.createObjectURL(blob), name: f.fileName, bytes: f.bytes });
  };
  return { link, file, save };
}

/** What the station checked in a file before handing it over. */
export function Checks({ checks }: { checks: string[] }) {
  const { t } = useTranslation();
  return (
    <ul className="exp__checks" aria-label={t('exp.verified')}>
      {checks.map((c) => (
        <li key={c}>✓ {c}</li>
      ))}
    </ul>
  );
}

/** One export (report, table, bundle) as a card of the screen. */
export function Card({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId: string;
}) {
  return (
    <section className="card exp__card" data-testid={testId}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
