// `npm run lint:electron` (part of `npm run lint`): Electronegativity over the hosts' sources,
// failing on any HIGH or MEDIUM finding that electronegativity.json does not justify, and on a
// justification that no longer matches a finding (so the list never goes stale).
//
//   node scripts/electronegativity.mjs
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const config = JSON.parse(readFileSync(path.join(repo, 'electronegativity.json'), 'utf8'));
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8'));

// The tool's own runner, called in-process: its CLI writes the CSV header and the rows with two
// unawaited fs.writeFile calls, so on some machines the header lands over the first row (CI read
// a half-row as a finding). The runner returns the findings as objects instead.
const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity/dist/runner.js');
const result = await run(
  {
    input: path.join(repo, config.input),
    isRelative: true,
    isVerbose: false,
    customScan: [],
    excludeFromScan: [],
    // Judge against the pinned Electron (the tool cannot read it from a devDependency range).
    electronVersionOverride: pkg.devDependencies.electron,
    parserPlugins: [],
  },
  false,
);
if (result.errors.length > 0) {
  for (const e of result.errors)
    console.error(`electronegativity: could not scan ${e.file}: ${e.message ?? e}`);
  process.exit(1);
}
const findings = result.issues.map((i) => ({
  check: i.id,
  severity: i.severity.name,
  confidence: i.confidence.name,
  file: i.file,
  location: `${i.location.line}:${i.location.column}`,
}));

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
