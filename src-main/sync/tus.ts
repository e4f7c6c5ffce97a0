// The three tus 1.0 requests the station makes, over the pinned central client (so every reply
// is read with the 64 KiB cap): create (POST), offset (HEAD) and one chunk (PATCH). The runner
// decides chunk sizes, timeouts and what a failure means; nothing here retries.
import type { CentralClient, CentralReply } from './central-http';
import { uploadUrlAllowed } from './central-http';

const TUS = { 'Tus-Resumable': '1.0.0' };

/** The centre answered a tus request with something other than success. */
export class TusReplyError extends Error {
  constructor(
    readonly method: 'POST' | 'HEAD' | 'PATCH',
    readonly status: number,
  ) {
    super(`tus ${method} answered HTTP ${status}`);
    this.name = 'TusReplyError';
  }
}

/** A tus request to somewhere other than the configured centre's files path. */
export class UploadUrlRefusedError extends Error {
  constructor() {
    super('upload URL is not under the central files path');
    this.name = 'UploadUrlRefusedError';
  }
}

export interface TusCall {
  timeoutMs: number;
  signal: AbortSignal;
  /** PATCH bodies: written in pieces of this size (see RequestOptions.pieceBytes). */
  pieceBytes?: number;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

/** The files endpoint of a centre, as tus upload URLs must sit under it. */
export const filesEndpoint = (c: CentralClient) => `${c.baseUrl}/files/`;

/** POST: a new upload of `size` bytes; its URL (checked: same origin, under the files path). */
export async function tusCreate(
  c: CentralClient,
  size: number,
  metadata: Record<string, string>,
  call: TusCall,
): Promise<string> {
  const endpoint = filesEndpoint(c);
  const reply = await c.requestUrl(endpoint, {
    method: 'POST',
    headers: {
      ...TUS,
      'Upload-Length': String(size),
      'Upload-Metadata': Object.entries(metadata)
        .map(([k, v]) => `${k} ${b64(v)}`)
        .join(','),
    },
    body: Buffer.alloc(0),
    ...call,
  });
  if (reply.status !== 201) throw new TusReplyError('POST', reply.status);
  const location = header(reply, 'location');
  if (!location) throw new TusReplyError('POST', reply.status);
  const url = new URL(location, endpoint).toString();
  if (!uploadUrlAllowed(url, endpoint)) throw new UploadUrlRefusedError();
  return url;
}

/** HEAD: how many bytes of the upload the centre holds. */
export async function tusOffset(
  c: CentralClient,
  url: string,
  size: number,
  call: TusCall,
): Promise<number> {
  checkUrl(c, url);
  const reply = await c.requestUrl(url, { method: 'HEAD', headers: { ...TUS }, ...call });
  if (reply.status !== 200 && reply.status !== 204) throw new TusReplyError('HEAD', reply.status);
  return offsetOf(reply, 'HEAD', -1, size);
}

/** PATCH: one chunk at `offset`; the new offset the centre confirms, and its reply. */
export async function tusPatch(
  c: CentralClient,
  url: string,
  offset: number,
  chunk: Buffer,
  size: number,
  call: TusCall,
): Promise<{ offset: number; reply: CentralReply }> {
  checkUrl(c, url);
  const reply = await c.requestUrl(url, {
    method: 'PATCH',
    headers: {
      ...TUS,
      'Upload-Offset': String(offset),
      'Content-Type': 'application/offset+octet-stream',
    },
    body: chunk,
    ...call,
  });
  if (reply.status !== 204 && reply.status !== 200) throw new TusReplyError('PATCH', reply.status);
  return { offset: offsetOf(reply, 'PATCH', offset, size), reply };
}

function checkUrl(c: CentralClient, url: string): void {
  if (!uploadUrlAllowed(url, filesEndpoint(c))) throw new UploadUrlRefusedError();
}

function header(reply: CentralReply, name: string): string | null {
  const v = reply.headers[name];
  return typeof v === 'string' ? v : null;
}

/** Upload-Offset, which must be a whole number past `after` and within the upload's size. */
function offsetOf(reply: CentralReply, method: 'HEAD' | 'PATCH', after: number, size: number) {
  const raw = header(reply, 'upload-offset');
  const n = raw !== null && /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n <= after || n > size) {
    throw new TusReplyError(method, reply.status);
  }
  return n;
}
