// The reply for a written and verified export file: the bytes for the renderer to save, their
// checksum, and what the read-back found.
import type { ExportFile } from '../../api/contract-exports';
import { sha256Hex } from './bundle-format';

const MEDIA: Record<'pdf' | 'csv' | 'xlsx', string> = {
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function fileReply(
  kind: 'pdf' | 'csv' | 'xlsx',
  fileName: string,
  bytes: Buffer,
  rows: number,
  checks: string[],
  pages?: number,
): ExportFile {
  return {
    kind,
    fileName,
    mediaType: MEDIA[kind],
    bytes: bytes.length,
    sha256: sha256Hex(bytes),
    base64: bytes.toString('base64'),
    rows,
    ...(pages !== undefined ? { pages } : {}),
    verification: { ok: true, checks },
  };
}
