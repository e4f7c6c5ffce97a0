// `npm run fuzz [-- --cases N] [-- --only name]`: every target with many cases, one line each.
import { formatFuzzResult, runFuzzTarget } from './harness';
import { loadFuzzTargets } from './targets';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const cases = Number(arg('cases') ?? process.env.FUZZ_CASES ?? 100_000);
const targets = await loadFuzzTargets(arg('only'));
if (targets.length === 0) {
  console.error('fuzz: no targets found in test/fuzz/targets');
  process.exit(2);
}
let failed = 0;
for (const t of targets) {
  const r = await runFuzzTarget(t, cases);
  console.log(formatFuzzResult(r));
  if (r.failures > 0) failed += 1;
}
console.log(`fuzz: targets=${targets.length} failed=${failed}`);
process.exit(failed === 0 ? 0 : 1);
