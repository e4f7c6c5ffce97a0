import { useTranslation } from 'react-i18next';

/**
 * Queue screens keep their words beside the code (Bahasa Indonesia first, English second)
 * instead of in the shared i18n files, which several areas edit at the same time.
 */
export type Tx = (id: string, en: string, vars?: Record<string, string | number>) => string;

export function makeTx(locale: string): Tx {
  return (id, en, vars) => {
    let s = locale === 'en' ? en : id;
    if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{{${k}}}`).join(String(v));
    return s;
  };
}

export function useTx(): { tx: Tx; locale: 'id' | 'en' } {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'id';
  return { tx: makeTx(locale), locale };
}

/** Reads a chosen file as base64 (without the data: prefix) for the JSON transports. */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.onload = () => {
      const s = String(r.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    r.readAsDataURL(file);
  });
}

/** Opens a base64 PDF in a new tab (the browser's viewer prints it). */
export function pdfUrl(pdfBase64: string): string {
  const bytes = Uint8Array.from(atob(pdfBase64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}
