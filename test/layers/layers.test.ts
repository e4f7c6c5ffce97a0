import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { cruise } from 'dependency-cruiser';
import type { ICruiseResult, IConfiguration } from 'dependency-cruiser';
import { afterEach, describe, expect, it } from 'vitest';

// The layer rules of .dependency-cruiser.cjs (run by `npm run lint`) against a tiny tree laid
// out like the repo: each case writes two files and one import, and checks the verdict.
const config = createRequire(import.meta.url)('../../.dependency-cruiser.cjs') as IConfiguration;

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Cruises a tree of the given files (path → text); returns the names of the rules broken. */
async function cruiseFiles(files: Record<string, string>): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'rekam-layers-'));
  made.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  const roots = ['src-main', 'drivers', 'src-renderer', 'shared'].filter((d) =>
    Object.keys(files).some((f) => f.startsWith(`${d}/`)),
  );
  const { output } = await cruise(roots, {
    ...config.options,
    ruleSet: {
      allowed: config.allowed,
      allowedSeverity: config.allowedSeverity,
      forbidden: config.forbidden,
    },
    validate: true,
    baseDir: root,
  });
  return (output as ICruiseResult).summary.violations.map((v) => v.rule.name);
}

/** The import specifier of `to` as written in `from`. */
const specifier = (from: string, to: string) => {
  const rel = relative(dirname(from), to).replace(/\.tsx?$/, '');
  return rel.startsWith('.') ? rel : `./${rel}`;
};

/** Cruises a tree where `from` imports `to`; returns the names of the rules it breaks. */
async function violations(from: string, to: string, typeOnly = false): Promise<string[]> {
  const spec = specifier(from, to);
  return cruiseFiles({
    [to]: 'export interface Thing { id: string }\nexport const THING = 1;\n',
    [from]: typeOnly
      ? `import type { Thing } from '${spec}';\nexport const used: Thing | null = null;\n`
      : `import { THING } from '${spec}';\nexport const used = THING;\n`,
  });
}

describe('layer rules', () => {
  it.each([
    ['src-main/services/x.ts', 'src-main/store/y.ts'],
    ['src-main/services/recording/x.ts', 'src-main/services/common/y.ts'],
    ['src-main/store/x.ts', 'src-main/domain/y.ts'],
    ['src-main/sync/x.ts', 'src-main/packets/y.ts'],
    ['src-main/hosts/browser/x.ts', 'src-main/services/y.ts'],
    ['src-renderer/screens/x.tsx', 'src-main/api/y.ts'],
    ['drivers/fingerprint/x.ts', 'drivers/transport/y.ts'],
    ['drivers/device-manager/x.ts', 'drivers/signature-pad/y.ts'],
    ['drivers/printer/x.ts', 'shared/y.ts'],
  ])('allows %s → %s', async (from, to) => {
    expect(await violations(from, to)).toEqual([]);
  });

  it.each([
    ['src-main/store/x.ts', 'src-main/services/y.ts', false],
    ['src-main/store/x.ts', 'src-main/api/y.ts', true],
    ['src-main/sync/x.ts', 'src-main/services/y.ts', true],
    ['src-main/imaging/x.ts', 'src-main/store/y.ts', false],
    ['src-main/domain/x.ts', 'src-main/api/y.ts', true],
    ['src-main/services/x.ts', 'src-main/hosts/browser/y.ts', false],
    ['src-main/hosts/shared/x.ts', 'src-main/hosts/browser/y.ts', false],
    ['src-renderer/screens/x.tsx', 'src-main/services/y.ts', true],
    ['drivers/transport/x.ts', 'drivers/fingerprint/y.ts', true],
    ['drivers/printer/x.ts', 'drivers/fingerprint/y.ts', true],
    ['drivers/fingerprint/x.ts', 'src-main/domain/y.ts', false],
    ['shared/x.ts', 'src-main/domain/y.ts', false],
  ])('refuses the back-edge %s → %s', async (from, to, typeOnly) => {
    expect(await violations(from, to, typeOnly)).toEqual(['not-in-allowed']);
  });

  it('refuses a shared component importing a screen', async () => {
    expect(
      await violations('src-renderer/components/x.tsx', 'src-renderer/screens/role/y.ts'),
    ).toContain('components-below-screens');
  });

  it.each([
    ['src-renderer/screens/technician/x.tsx', 'src-renderer/screens/operator/photo/y.ts'],
    ['src-renderer/screens/operator/x.tsx', 'src-renderer/screens/supervisor/y.ts'],
    ['src-renderer/screens/shared/today/x.tsx', 'src-renderer/screens/operator/review/y.ts'],
  ])('refuses a screen importing another role: %s → %s', async (from, to) => {
    expect(await violations(from, to)).toContain('screens-keep-to-their-role');
  });

  it.each([
    ['src-renderer/screens/operator/x.tsx', 'src-renderer/screens/operator/photo/y.ts'],
    ['src-renderer/screens/supervisor/x.tsx', 'src-renderer/screens/shared/today/y.ts'],
    ['src-renderer/screens/technician/x.tsx', 'src-renderer/components/y.ts'],
  ])('lets a screen import its own role, shared/ and components: %s → %s', async (from, to) => {
    expect(await violations(from, to)).toEqual([]);
  });

  it('refuses a contract part importing the contract that joins the parts', async () => {
    expect(
      await violations('src-main/api/contract-sync.ts', 'src-main/api/contract.ts', true),
    ).toContain('contract-parts-below-contract');
  });

  it('refuses an import cycle, also between type-only imports', async () => {
    const a = 'src-main/api/contract-a.ts';
    const b = 'src-main/api/contract-b.ts';
    expect(
      await cruiseFiles({
        [a]: `import type { B } from '${specifier(a, b)}';\nexport interface A { b: B | null }\n`,
        [b]: `import type { A } from '${specifier(b, a)}';\nexport interface B { a: A | null }\n`,
      }),
    ).toContain('no-cycles');
  });

  it('refuses production code importing a test helper', async () => {
    expect(await violations('src-main/services/x.ts', 'test/helpers/y.ts')).toContain(
      'no-test-helpers-in-production',
    );
  });
});
