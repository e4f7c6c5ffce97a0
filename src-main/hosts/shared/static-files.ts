import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.ogg': 'audio/ogg',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticFile {
  file: string;
  size: number;
  contentType: string;
  open(): NodeJS.ReadableStream;
}

/**
 * Maps a request path to a file inside `root`, or undefined (→ 404). Rejects anything that
 * could leave the root: encoded separators and dot segments, NUL bytes, backslashes, and
 * symlinks pointing outside.
 */
export async function resolveStaticFile(
  root: string,
  rawPathname: string,
): Promise<StaticFile | undefined> {
  let pathname: string;
  try {
    pathname = decodeURIComponent(rawPathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
  if (pathname.split('/').some((seg) => seg === '..')) return undefined;
  if (pathname.endsWith('/')) pathname += 'index.html';
  let realRoot: string;
  try {
    realRoot = await realpath(root);
  } catch {
    return undefined;
  }
  const candidate = path.resolve(realRoot, '.' + pathname);
  if (!isInside(realRoot, candidate)) return undefined;
  try {
    const real = await realpath(candidate);
    if (!isInside(realRoot, real)) return undefined;
    const st = await stat(real);
    if (!st.isFile()) return undefined;
    return {
      file: real,
      size: st.size,
      contentType: contentTypeFor(real),
      open: () => createReadStream(real),
    };
  } catch {
    return undefined;
  }
}

function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}
