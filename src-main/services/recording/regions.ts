import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Region, RegionPath } from '../../api/contract';

/**
 * In-memory index of the Kemendagri region codes (resources/regions/regions.tsv.gz, built by
 * scripts/build-regions.ts). Codes are dotted: 'PP', 'PP.KK', 'PP.KK.CC', 'PP.KK.CC.VVVV'.
 */
export interface RegionIndex {
  /** '' → provinces; 'PP' → regencies; 'PP.KK' → districts; 'PP.KK.CC' → villages; by code. */
  children(parent: string): Region[];
  /** Every level of `code` that exists; unknown levels are null (so '32.01.99' still names 32.01). */
  lookup(code: string): RegionPath;
  has(code: string): boolean;
  name(code: string): string | null;
  /** Entries per level, for diagnostics and tests. */
  readonly counts: { provinces: number; regencies: number; districts: number; villages: number };
}

export const REGIONS_FILE = join('regions', 'regions.tsv.gz');

const CODE = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

export function loadRegions(resourcesDir: string): RegionIndex {
  const file = join(resourcesDir, REGIONS_FILE);
  return parseRegions(gunzipSync(readFileSync(file)).toString('utf8'), file);
}

/** Exposed for tests; `source` only names the input in error messages. */
export function parseRegions(text: string, source = 'regions'): RegionIndex {
  const names = new Map<string, string>();
  const kids = new Map<string, Region[]>();
  const counts = { provinces: 0, regencies: 0, districts: 0, villages: 0 };
  let pos = 0;
  let lineNo = 0;
  // A hand-rolled scan: split('\n') plus split('\t') on 92k lines costs noticeably more.
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    lineNo++;
    if (end > pos && text.charCodeAt(pos) !== 35 /* # */) {
      const tab = text.indexOf('\t', pos);
      if (tab < 0 || tab > end) throw new Error(`${source}:${lineNo}: missing tab`);
      const code = text.slice(pos, tab);
      const name = text.slice(tab + 1, end);
      const dot = code.lastIndexOf('.');
      const parent = dot < 0 ? '' : code.slice(0, dot);
      if (parent !== '' && !names.has(parent)) {
        throw new Error(`${source}:${lineNo}: parent of ${code} not listed before it`);
      }
      names.set(code, name);
      const region: Region = Object.freeze({ code, name });
      const list = kids.get(parent);
      if (list) list.push(region);
      else kids.set(parent, [region]);
      switch (code.length) {
        case 2:
          counts.provinces++;
          break;
        case 5:
          counts.regencies++;
          break;
        case 8:
          counts.districts++;
          break;
        case 13:
          counts.villages++;
          break;
        default:
          throw new Error(`${source}:${lineNo}: bad code length`);
      }
    }
    pos = end + 1;
  }

  const region = (code: string): Region | null => {
    const n = names.get(code);
    return n === undefined ? null : { code, name: n };
  };

  return {
    counts,
    children(parent) {
      return (kids.get(parent) ?? []).slice();
    },
    lookup(code) {
      const empty: RegionPath = { province: null, regency: null, district: null, village: null };
      if (!CODE.test(code)) return empty;
      return {
        province: region(code.slice(0, 2)),
        regency: code.length >= 5 ? region(code.slice(0, 5)) : null,
        district: code.length >= 8 ? region(code.slice(0, 8)) : null,
        village: code.length >= 13 ? region(code) : null,
      };
    },
    has(code) {
      return names.has(code);
    },
    name(code) {
      return names.get(code) ?? null;
    },
  };
}

/** Names by code without building the whole index (the recap and reports need a handful). */
export interface RegionNames {
  name(code: string): string | null;
}

/**
 * A compact name lookup over the same file: the text is kept as it is (it is sorted by code,
 * byte order) with one offset per line, and a code is found by binary search. Costs the gunzip
 * and one pass for line starts — a fraction of `loadRegions`, which builds every parent's list
 * of children for the pickers.
 */
export function loadRegionNames(resourcesDir: string): RegionNames {
  const text = gunzipSync(readFileSync(join(resourcesDir, REGIONS_FILE))).toString('utf8');
  const starts: number[] = [];
  for (let pos = 0; pos < text.length; ) {
    if (text.charCodeAt(pos) !== 35 /* # */ && text.charCodeAt(pos) !== 10) starts.push(pos);
    const end = text.indexOf('\n', pos);
    pos = end < 0 ? text.length : end + 1;
  }
  const codeAt = (i: number) => text.slice(starts[i], text.indexOf('\t', starts[i]));
  return {
    name(code) {
      if (!CODE.test(code)) return null;
      let lo = 0;
      let hi = starts.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const c = codeAt(mid);
        if (c === code) {
          const tab = text.indexOf('\t', starts[mid]);
          const end = text.indexOf('\n', tab);
          return text.slice(tab + 1, end < 0 ? text.length : end);
        }
        if (c < code) lo = mid + 1;
        else hi = mid - 1;
      }
      return null;
    },
  };
}
