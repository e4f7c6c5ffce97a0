// `npm run lint:electron` (part of `npm run lint`): Electronegativity over the hosts' sources,
// failing on any HIGH or MEDIUM finding that electronegativity.json does not justify, and on a
// justification that no longer matches a finding (so the list never goes stale).
//
//   node scripts/electronegativity.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = JSON.parse(readFileSync(path.join(repo, 'electronegativity.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));
const work = mkdtempSync(path.join(tmpdir(), 'rekam-eng-'));
const csv = path.join(work, 'findings.csv');

const cli = path.join(repo, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js');
const r = spawnSync(
  process.execPath,
  // -e: judge against the pinned Electron (the tool cannot read it from a devDependency range).
  [cli, '-i', config.input, '-e', pkg.devDependencies.electron, '-r', '-v', 'false', '-o', csv],
  { cwd: repo, encoding: 'utf8' },
);
let text;
try {
  text = readFileSync(csv, 'utf8');
} catch {
  console.error(r.stdout, r.stderr);
  console.error('electronegativity: the scan wrote no results');
  process.exit(1);
} finally {
  rmSync(work, { recursive: true, force: true });
}

// issue, "severity", "confidence", "filename", "location", sample, "description", url — the
// first five never contain commas; the sample is unquoted source and may.
const unquote = (s) => s.trim().replace(/^"|"$/g, '');
const findings = text
  .split('\n')
  .slice(1)
  .filter((l) => l.trim() !== '')
  .map((l) => {
    const [check, severity, confidence, file, location] = l.split(',').slice(0, 5).map(unquote);
    return { check, severity, confidence, file, location };
  });

const justified = (f) => config.justified.find((j) => j.check === f.check && j.file === f.file);
let failed = 0;
for (const f of findings) {
  const j = justified(f);
  const where = `${f.check} ${f.severity}/${f.confidence} ${config.input}/${f.file}:${f.location}`;
  if (j) console.log(`electronegativity: justified ${where}\n    ${j.why}`);
  else if (f.severity === 'HIGH' || f.severity === 'MEDIUM' || f.severity === 'CRITICAL') {
    console.error(
      `electronegativity: FINDING ${where} (fix it or justify it in electronegativity.json)`,
    );
    failed++;
  } else console.log(`electronegativity: low ${where}`);
}
for (const j of config.justified) {
  if (!findings.some((f) => f.check === j.check && f.file === j.file)) {
    console.error(`electronegativity: stale justification ${j.check} ${j.file}: remove it`);
    failed++;
  }
}
console.log(`electronegativity: ${findings.length} finding(s), ${failed} problem(s)`);
process.exit(failed === 0 ? 0 : 1);
