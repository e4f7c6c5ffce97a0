// `npm test`: every check the project has, in the order that fails fastest.
// lint → typecheck → unit → integration → e2e. Stops at the first failure.
// Output streams through as it comes; when a step fails, the lines that say what failed are
// repeated just above the summary, so a log that keeps only its tail (CI) still shows them.
import { spawn } from 'node:child_process';

const steps = [
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['unit', 'npm', ['run', '--silent', 'test:unit']],
  ['integration', 'npm', ['run', '--silent', 'test:integration']],
  ['e2e', 'npm', ['run', '--silent', 'test:e2e']],
];

/** Lines worth repeating: failed tests, errors and the expected/received pairs under them. */
const TELLING =
  /(✘|×|FAIL\b|Error:|Error\b.*:|AssertionError|Expected|Received|expected .* to|error TS\d+|\d+:\d+\s+error\s)/;
const MAX_TOLD = 40;
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

function run(cmd, args) {
  return new Promise((resolve) => {
    const told = [];
    let partial = '';
    const keep = (chunk) => {
      const text = partial + chunk.toString().replace(ANSI, '');
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        if (told.length < MAX_TOLD && TELLING.test(line) && !told.includes(line.trim())) {
          told.push(line.trim());
        }
      }
    };
    const child = spawn(cmd, args, {
      stdio: ['inherit', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    child.stdout.on('data', (c) => {
      process.stdout.write(c);
      keep(c);
    });
    child.stderr.on('data', (c) => {
      process.stderr.write(c);
      keep(c);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, told }));
  });
}

const only = process.argv.slice(2);
const results = [];
for (const [name, cmd, args] of steps) {
  if (only.length > 0 && !only.includes(name)) continue;
  const started = Date.now();
  console.log(`\n=== ${name} ===`);
  const r = await run(cmd, args);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name, ok: r.code === 0, seconds, told: r.told });
  if (r.code !== 0) break;
}

for (const r of results.filter((x) => !x.ok)) {
  console.log(`\n=== what failed in ${r.name} ===`);
  for (const line of r.told) console.log(line.length > 300 ? `${line.slice(0, 300)}…` : line);
}
console.log('\n=== summary ===');
for (const r of results) console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds} s)`);
const failed = results.filter((r) => !r.ok).length;
const passed = results.length - failed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
