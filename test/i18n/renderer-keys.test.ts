// The renderer speaks through i18next only: every key the code asks for exists in both
// languages, both languages define the same keys, and no key sits in the files unused.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../src-renderer/i18n/en.json';
import id from '../../src-renderer/i18n/id.json';

const RENDERER = join(import.meta.dirname, '..', '..', 'src-renderer');
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Leaf keys as i18next reads them (`a.b.c`), plural forms folded into their base key. */
function leafKeys(tree: unknown, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'object' && v !== null) for (const p of leafKeys(v, path)) out.add(p);
    else out.add(path.replace(PLURAL, ''));
  }
  return out;
}

interface KeyUse {
  /** Keys asked for literally: `t('a.b')`, `i18nKey="a.b"`. */
  asked: Set<string>;
  /** Key-shaped string literals anywhere (keys handed to `t` through a variable). */
  mentioned: Set<string>;
  /** Prefixes of keys built at run time: t(`a.b.${x}`) → 'a.b.'. */
  prefixes: Set<string>;
}

function keyUse(sources: readonly string[]): KeyUse {
  const use: KeyUse = { asked: new Set(), mentioned: new Set(), prefixes: new Set() };
  for (const src of sources) {
    for (const m of src.matchAll(/\bt\(\s*['"]([\w.-]+)['"]/g)) use.asked.add(m[1] ?? '');
    for (const m of src.matchAll(/i18nKey=["']([\w.-]+)["']/g)) use.asked.add(m[1] ?? '');
    for (const m of src.matchAll(/['"]([A-Za-z][\w-]*(?:\.[\w-]+)+)['"]/g))
      use.mentioned.add(m[1] ?? '');
    for (const m of src.matchAll(/`([A-Za-z][\w-]*\.[\w.-]*)\$\{/g)) use.prefixes.add(m[1] ?? '');
  }
  return use;
}

/** The keys asked for but missing, and the keys defined but never used. */
function keyProblems(defined: Set<string>, use: KeyUse): { missing: string[]; unused: string[] } {
  const missing = [...use.asked].filter((k) => !defined.has(k)).sort();
  const unused = [...defined]
    .filter(
      (k) =>
        !use.asked.has(k) &&
        !use.mentioned.has(k) &&
        ![...use.prefixes].some((p) => k.startsWith(p)),
    )
    .sort();
  return { missing, unused };
}

function rendererSources(): string[] {
  return readdirSync(RENDERER, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));
}

describe('renderer i18n keys', () => {
  it('catches a missing and an unused key', () => {
    const use = keyUse(["t('a.shown'); t('a.gone'); const k = 'a.viaVariable'; t(`a.rule.${r}`);"]);
    const defined = new Set(['a.shown', 'a.viaVariable', 'a.rule.x', 'a.stale']);
    expect(keyProblems(defined, use)).toEqual({ missing: ['a.gone'], unused: ['a.stale'] });
    expect([...leafKeys({ a: { n_one: '1', n_other: '2', b: 'x' } })]).toEqual(['a.n', 'a.b']);
  });

  it('defines the same keys in Bahasa Indonesia and English', () => {
    const inId = leafKeys(id);
    const inEn = leafKeys(en);
    expect([...inId].filter((k) => !inEn.has(k))).toEqual([]);
    expect([...inEn].filter((k) => !inId.has(k))).toEqual([]);
  });

  it('asks only for keys that exist, and every key is used', () => {
    const defined = leafKeys(id);
    for (const k of leafKeys(en)) defined.add(k);
    const { missing, unused } = keyProblems(defined, keyUse(rendererSources()));
    expect(missing).toEqual([]);
    expect(unused).toEqual([]);
  });
});
