// Offline bundles: the centre's operator imports a day's packets carried on a disk.
import { BundleTooLargeError, importBundle, readBundleZipStream } from './bundle-import';
import { sendJson } from './http';
import type { ApiRoute, CentralContext } from './http';

/** A bundle of a full day is a few hundred packets of ~200 KB each. */
const MAX_BUNDLE_BYTES = 512 * 1024 * 1024;

export function bundlesApi(
  ctx: CentralContext,
  bundleLimits?: { entryBytes?: number; totalBytes?: number },
): ApiRoute {
  const { store, keys, maxPacketBytes, log } = ctx;
  return async (req, res, path) => {
    if (req.method !== 'POST' || path !== '/api/bundles') return false;
    // Bundles come from the centre's own operator (who carried the disk), never from the net.
    if (!ctx.operatorAllowed(req)) {
      req.resume();
      return sendJson(res, 401, {
        error: 'operator-required',
        message:
          'Impor bundel perlu kredensial operator pusat. / Bundle import needs the central operator credential.',
      });
    }
    let files: Map<string, Buffer>;
    try {
      files = await readBundleZipStream(req, {
        compressedBytes: MAX_BUNDLE_BYTES,
        ...bundleLimits,
      });
    } catch (e) {
      req.resume();
      if (e instanceof BundleTooLargeError) {
        log(`bundle refused: ${e.message}`);
        return sendJson(res, 413, {
          error: 'too-large',
          message:
            'Bundel terlalu besar atau rusak (melewati batas ukuran). / The bundle is too large (size limit exceeded).',
        });
      }
      return sendJson(res, 400, {
        error: 'bad-zip',
        message: 'Kirim bundel sebagai berkas zip. / Send the bundle as a zip file.',
      });
    }
    const report = importBundle(files, {
      store,
      centralPrivateKey: keys.privateKeyPem,
      maxPacketBytes,
      log,
    });
    const status = report.accepted
      ? 200
      : report.refusal === 'unknown-station' || report.refusal === 'bad-signature'
        ? 403
        : 400;
    return sendJson(res, status, report);
  };
}
