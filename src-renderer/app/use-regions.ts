import { useEffect, useState } from 'react';
import type { Region, RegionPath } from '../../src-main/api/contract';
import { call } from './station-client';

// Region lists never change while the app runs; caching keeps the cascades instant.
const cache = new Map<string, Region[]>();

export async function regionChildren(parent: string): Promise<Region[]> {
  const hit = cache.get(parent);
  if (hit) return hit;
  const r = await call('regions.children', { parent });
  if (!r.ok) return [];
  cache.set(parent, r.value);
  return r.value;
}

/** Children of `parent` ('' = provinces); `null` parent = nothing chosen yet above. */
export function useRegionChildren(parent: string | null): { regions: Region[]; loading: boolean } {
  const [state, setState] = useState<{ parent: string | null; regions: Region[] }>({
    parent: null,
    regions: [],
  });
  useEffect(() => {
    if (parent === null) return;
    let live = true;
    void regionChildren(parent).then((regions) => {
      if (live) setState({ parent, regions });
    });
    return () => {
      live = false;
    };
  }, [parent]);
  if (parent === null) return { regions: [], loading: false };
  const ready = state.parent === parent;
  return { regions: ready ? state.regions : [], loading: !ready };
}

export const regionOptions = (regions: readonly Region[]) =>
  regions.map((r) => ({ value: r.code, label: r.name }));

// Lookups are cached too: the same village comes back recording after recording.
const paths = new Map<string, RegionPath>();

export async function regionPath(code: string): Promise<RegionPath | null> {
  const hit = paths.get(code);
  if (hit) return hit;
  const r = await call('regions.lookup', { code });
  if (!r.ok) return null;
  paths.set(code, r.value);
  return r.value;
}

/** The names of `code`'s levels; null until known (or when `code` is empty). */
export function useRegionPath(code: string | null | undefined): RegionPath | null {
  const [state, setState] = useState<{ code: string; path: RegionPath | null } | null>(null);
  useEffect(() => {
    if (!code) return;
    let live = true;
    void regionPath(code).then((path) => {
      if (live) setState({ code, path });
    });
    return () => {
      live = false;
    };
  }, [code]);
  return code && state?.code === code ? state.path : null;
}

/** "Kel./Desa SUKAMAJU, Kec. CIBEUNYING" — null when the village is not in the list. */
export function villageLabel(path: RegionPath | null): string | null {
  if (!path?.village) return null;
  const district = path.district ? `, Kec. ${path.district.name}` : '';
  return `Kel./Desa ${path.village.name}${district}`;
}
