// Every main-side message catalogue (a JSON file declared with `defineMessages`) and every driver
// catalogue (a JSON file exported as `*_MESSAGES`, since drivers never import src-main/) has both
// languages, and the two languages use the same `{placeholders}`. A JSON catalogue that no module
// wires up is caught too.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredCatalogues, LOCALES, placeholders } from '../../src-main/domain/i18n';

const ROOT = join(import.meta.dirname, '..', '..');

function filesMatching(dir: string, name: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && name.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

const sourceFiles = (dir: string): string[] => filesMatching(dir, /\.tsx?$/);

/** The JSON catalogues (`{ key: { id, en } }`) under a folder that no module declared. */
async function unwired(dir: string, declared: readonly unknown[]): Promise<string[]> {
  const loose: string[] = [];
  for (const file of filesMatching(dir, /\.json$/)) {
    const data = ((await import(file)) as { default: unknown }).default;
    const messages = Object.values(data as Record<string, { id?: unknown } | null>);
    const isCatalogue = messages.every((m) => typeof m?.id === 'string');
    if (isCatalogue && !declared.includes(data)) loose.push(relative(ROOT, file));
  }
  return loose;
}

/** Problems of one catalogue, as readable lines (empty when it is right). */
function catalogueProblems(name: string, catalogue: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [key, message] of Object.entries(catalogue)) {
    const where = `${name}: ${key}`;
    if (typeof message !== 'object' || message === null) {
      problems.push(`${where} is not an { id, en } message`);
      continue;
    }
    const texts = message as Record<string, unknown>;
    for (const locale of LOCALES) {
      const text = texts[locale];
      if (typeof text !== 'string' || text.trim() === '')
        problems.push(`${where} has no ${locale}`);
    }
    if (typeof texts.id === 'string' && typeof texts.en === 'string') {
      const id = placeholders(texts.id).join(', ');
      const en = placeholders(texts.en).join(', ');
      if (id !== en) problems.push(`${where}: placeholders differ (id: ${id}; en: ${en})`);
    }
  }
  return problems;
}

const DECLARATION = /defineMessages\(\s*'([^']+)'/g;

describe('main-side message catalogues', () => {
  it('finds a problem in a broken catalogue', () => {
    expect(
      catalogueProblems('sample', {
        ok: { id: 'Sisa {n}.', en: '{n} left.' },
        noEnglish: { id: 'Kosong.', en: '' },
        renamed: { id: 'Kartu {number}.', en: 'Card {no}.' },
      }),
    ).toEqual([
      'sample: noEnglish has no en',
      'sample: renamed: placeholders differ (id: number; en: no)',
    ]);
  });

  it('declares every catalogue once, with both languages and the same placeholders', async () => {
    const declared = new Map<string, string>();
    for (const file of sourceFiles(join(ROOT, 'src-main'))) {
      const text = readFileSync(file, 'utf8');
      const names = [...text.matchAll(DECLARATION)].map((m) => m[1] ?? '');
      if (names.length === 0 || file.endsWith(join('domain', 'i18n.ts'))) continue;
      for (const name of names) {
        expect(declared.get(name), `catalogue name ${name} used twice`).toBeUndefined();
        declared.set(name, relative(ROOT, file));
      }
      await import(file);
    }
    const catalogues = declaredCatalogues();
    expect([...catalogues.keys()].sort()).toEqual([...declared.keys()].sort());
    expect(catalogues.size).toBeGreaterThan(15);

    const problems = [...catalogues].flatMap(([name, c]) => catalogueProblems(name, c));
    expect(problems).toEqual([]);
    expect(await unwired(join(ROOT, 'src-main'), [...catalogues.values()])).toEqual([]);
  });

  it('has no formatter copies: placeholders are filled by domain/i18n format only', () => {
    const copies = [...sourceFiles(join(ROOT, 'src-main')), ...sourceFiles(join(ROOT, 'drivers'))]
      .filter((f) => !f.endsWith(join('domain', 'i18n.ts')))
      .filter((f) => readFileSync(f, 'utf8').includes('.replace(/\\{(\\w+)\\}/g'))
      .map((f) => relative(ROOT, f));
    expect(copies).toEqual([]);
  });
});

describe('driver message catalogues (data only)', () => {
  it('have both languages and the same placeholders', async () => {
    const files = sourceFiles(join(ROOT, 'drivers')).filter((f) => f.endsWith('messages.ts'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    const problems: string[] = [];
    const catalogues: unknown[] = [];
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        if (!/_MESSAGES$/.test(name) || typeof value !== 'object' || value === null) continue;
        catalogues.push(value);
        problems.push(...catalogueProblems(`${relative(ROOT, file)} ${name}`, value as never));
      }
    }
    expect(catalogues.length).toBeGreaterThanOrEqual(2);
    expect(problems).toEqual([]);
    expect(await unwired(join(ROOT, 'drivers'), catalogues)).toEqual([]);
  });
});
