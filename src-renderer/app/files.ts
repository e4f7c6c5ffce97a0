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

/** Decodes base64 without Node's Buffer (the renderer has none). */
export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/**
 * "bukti-perekaman-20261125-1a2b3c4d.pdf": sortable by day, unique per packet, and free of the
 * NIK and name so a file left in Downloads tells a stranger nothing.
 */
export function receiptFileName(packetOrRecordingId: string, at: Date): string {
  const day = `${at.getFullYear()}${String(at.getMonth() + 1).padStart(2, '0')}${String(at.getDate()).padStart(2, '0')}`;
  const tag = packetOrRecordingId.replace(/[^A-Za-z0-9]/g, '').slice(0, 8) || 'rekam';
  return `bukti-perekaman-${day}-${tag}.pdf`;
}

/** Saves a PDF through the browser's download (Electron turns it into a save dialog). */
export function downloadPdf(pdfBase64: string, fileName: string): void {
  const blob = new Blob([base64ToBytes(pdfBase64)], { type: 'application/pdf' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Revoked later: some engines start reading the blob only after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
