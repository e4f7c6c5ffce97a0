import { useEffect, useState } from 'react';
import type { Region } from '../../src-main/api/contract';
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
