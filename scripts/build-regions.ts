/**
 * Builds resources/regions/regions.tsv.gz from the idn-area-data package.
 *
 * Run once after upgrading idn-area-data: `npx tsx scripts/build-regions.ts`. The output is
 * committed so the app never parses CSV at start-up and does not depend on node_modules
 * layout at run time.
 *
 * Output: gzip'd UTF-8 text. Line 1 is a `#` comment naming the source; every other line is
 * `code<TAB>NAME`, sorted by code, parents before children (provinces, regencies, districts,
 * villages interleaved in code order). Names are upper-case as printed on the KTP-el.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkgDir = join(root, 'node_modules', 'idn-area-data');
const outDir = join(root, 'resources', 'regions');

const LEVELS = [
  { file: 'provinces.csv', pattern: /^\d{2}$/, hasParent: false },
  { file: 'regencies.csv', pattern: /^\d{2}\.\d{2}$/, hasParent: true },
  { file: 'districts.csv', pattern: /^\d{2}\.\d{2}\.\d{2}$/, hasParent: true },
  { file: 'villages.csv', pattern: /^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, hasParent: true },
] as const;

/**
 * One display form for every level. The source has provinces/regencies upper-case and
 * districts/villages in mixed case, and writes apostrophes three ways (' ’ and a stray ").
 */
function displayName(raw: string): string {
  let s = raw.trim();
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) s = s.slice(1, -1).replace(/""/g, '"');
  return s
    .normalize('NFC')
    .replace(/[’‘`"]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
}

function parentOf(code: string): string {
  const i = code.lastIndexOf('.');
  return i < 0 ? '' : code.slice(0, i);
}

function readLevel(file: string, pattern: RegExp, hasParent: boolean): Map<string, string> {
  const text = readFileSync(join(pkgDir, 'data', file), 'utf8').replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const out = new Map<string, string>();
  for (const [n, line] of lines.slice(1).entries()) {
    const c1 = line.indexOf(',');
    const c2 = hasParent ? line.indexOf(',', c1 + 1) : c1;
    const code = line.slice(0, c1).trim();
    const name = displayName(line.slice(c2 + 1));
    const where = `${file}:${n + 2}`;
    if (c1 < 0 || c2 < 0 || !pattern.test(code)) throw new Error(`${where}: bad code '${code}'`);
    if (hasParent && line.slice(c1 + 1, c2).trim() !== parentOf(code)) {
      throw new Error(`${where}: parent column does not match code ${code}`);
    }
    if (name === '' || /[\t\n]/.test(name)) throw new Error(`${where}: bad name for ${code}`);
    if (out.has(code)) throw new Error(`${where}: duplicate code ${code}`);
    out.set(code, name);
  }
  return out;
}

function main(): void {
  const version = (
    JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
  const all = new Map<string, string>();
  const counts: number[] = [];
  for (const level of LEVELS) {
    const entries = readLevel(level.file, level.pattern, level.hasParent);
    for (const code of entries.keys()) {
      const parent = parentOf(code);
      if (parent !== '' && !all.has(parent)) throw new Error(`${code}: parent ${parent} missing`);
    }
    for (const [code, name] of entries) all.set(code, name);
    counts.push(entries.size);
  }
  // Fixed-width segments make plain string order equal to code order, parents first.
  const codes = [...all.keys()].sort();
  const body = codes.map((c) => `${c}\t${all.get(c)}`).join('\n');
  const header = `# idn-area-data ${version} (data: ODbL 1.0) provinces=${counts[0]} regencies=${counts[1]} districts=${counts[2]} villages=${counts[3]}`;
  const gz = gzipSync(Buffer.from(`${header}\n${body}\n`, 'utf8'), { level: 9 });
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'regions.tsv.gz'), gz);
  console.log(`${header}\nwrote resources/regions/regions.tsv.gz (${gz.length} bytes)`);
}

main();
