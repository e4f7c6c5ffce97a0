// The region index, loaded lazily: the full index only for the pickers and the resident checks,
// the compact names-only lookup for recaps, reports and the station info.
import type { Logger } from '../common/log';
import { loadRegionNames, loadRegions } from '../recording/regions';
import type { RegionIndex, RegionNames } from '../recording/regions';

export interface RegionCache {
  /** The full index, or null when the region file cannot be read (logged once). */
  regions(): RegionIndex | null;
  /** A region's name ('' when unknown). */
  regionName(code: string): string;
}

export function createRegionCache(resourcesDir: string, log: Logger): RegionCache {
  let regionIndex: RegionIndex | null = null;
  let regionsFailed = false;
  function regions(): RegionIndex | null {
    if (regionIndex || regionsFailed) return regionIndex;
    try {
      regionIndex = loadRegions(resourcesDir);
    } catch (err) {
      regionsFailed = true;
      log.error('region index unavailable', {}, err);
    }
    return regionIndex;
  }
  // Names alone (recap, reports, station info): the compact lookup, unless the full index is
  // already loaded. The full index is built only for the pickers and the resident checks.
  let regionNames: RegionNames | null = null;
  function regionName(code: string): string {
    if (regionIndex) return regionIndex.name(code) ?? '';
    if (!regionNames && !regionsFailed) {
      try {
        regionNames = loadRegionNames(resourcesDir);
      } catch (err) {
        regionsFailed = true;
        log.error('region index unavailable', {}, err);
      }
    }
    return regionNames?.name(code) ?? '';
  }
  // Ready before the first recap: loaded shortly after start, once the login page has gone out.
  setTimeout(() => void regionName(''), 250).unref();
  return { regions, regionName };
}
