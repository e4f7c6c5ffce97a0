/**
 * One entry point for the benchmarks: photo, fingerprint, sync (short), field (short), desk,
 * start-up and scale, each in its own process, figures parsed from their output and written to
 * bench-results.json (figure, value, target, met) so versions can be compared.
 *
 *   npm run bench                      (everything; scale builds its cached stores first)
 *   BENCH_ONLY=photo,start npm run bench
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Target {
  op: '<=' | '>=' | '=';
  value: number;
}
interface Figure {
  bench: string;
  figure: string;
  value: number | null;
  unit: string;
  target: string;
  met: boolean | null;
}

interface Bench {
  name: string;
  file: string;
  args?: string[];
  env?: Record<string, string>;
  /** Figures from the output; a figure not found is recorded with value null. */
  figures(out: string): ReturnType<typeof fig>[];
}

/** `name: k=v k=v …` — the last line every newer bench prints. */
function summary(out: string, name: string): Record<string, string> {
  const line = out
    .split('\n')
    .reverse()
    .find((l) => l.startsWith(`${name}: `));
  if (!line) return {};
  return Object.fromEntries(
    [...line.slice(name.length + 2).matchAll(/([\w-]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!]),
  );
}
const num = (s: string | undefined) =>
  s === undefined || Number.isNaN(Number(s)) ? null : Number(s);
const le = (value: number): Target => ({ op: '<=', value });
const ge = (value: number): Target => ({ op: '>=', value });
const eq = (value: number): Target => ({ op: '=', value });
const fig = (figure: string, value: number | null, unit: string, target: Target) => ({
  figure,
  value,
  unit,
  target,
});

const BENCHES: Bench[] = [
  {
    name: 'photo',
    file: 'test/bench/photo.ts',
    args: ['30'],
    figures: (out) => {
      const s = summary(out, 'photo');
      const onMain = s['detect-on-main'];
      return [
        fig('pipeline median ÷ bare sharp baseline', num(s.ratio), '×', le(1.5)),
        fig('pipeline median (no detection)', num(s['pipeline-median-ms']), 'ms', le(60)),
        fig('face detection on main', onMain ? Number(onMain !== 'no') : null, 'bool', eq(0)),
      ];
    },
  },
  {
    name: 'fingerprint',
    file: 'test/bench/fingerprint.ts',
    figures: (out) =>
      [...out.matchAll(/^(\d{4,6})\s+(\d+)\s+\d+\s+[\d.]+%\s+([\d.]+)/gm)].map((m) =>
        fig(`wire use at ${m[1]} baud, ${m[2]}-byte packets`, Number(m[3]), 'ratio', ge(0.95)),
      ),
  },
  {
    name: 'sync',
    file: 'test/bench/sync.ts',
    env: { BENCH_N: '20' },
    figures: (out) => {
      const grab = (re: RegExp) => num(re.exec(out)?.[1]);
      return [
        fig('goodput ratio (20 packets)', grab(/goodput ratio:\s+([\d.]+)/), 'ratio', ge(0.85)),
        fig('sealing latency p95', grab(/sealing latency:.*p95 (\d+) ms/), 'ms', le(150)),
        fig('average packet size', grab(/average packet size:\s+([\d.]+) KB/), 'KB', le(300)),
      ];
    },
  },
  {
    name: 'field',
    file: 'test/bench/field.ts',
    args: ['--short'],
    figures: (out) => {
      const s = summary(out, 'field');
      return [
        fig(
          'clean 64 kbit/s link (short)',
          num(summary(out, 'clean')['worst-goodput']),
          'ratio',
          ge(0.9),
        ),
        fig(
          'up-time goodput, outages 10 s/20 s (short)',
          num(s['worst-up-time-goodput']),
          'ratio',
          ge(0.75),
        ),
        fig(
          'packets not exactly once',
          s['exactly-once'] ? Number(s['exactly-once'] !== 'yes') : null,
          'count',
          eq(0),
        ),
        fig('uploads restarted from byte 0', num(s['restarts-from-0']), 'count', eq(0)),
      ];
    },
  },
  {
    name: 'desk',
    file: 'test/bench/desk.ts',
    figures: (out) => {
      const s = summary(out, 'desk');
      return [
        fig('ten fingers (median)', num(s['fingers-median-s']), 's', le(40)),
        fig('whole recording (median)', num(s['recording-median-s']), 's', le(50)),
      ];
    },
  },
  {
    name: 'start',
    file: 'test/bench/start.ts',
    figures: (out) => [
      fig('start → login page', num(summary(out, 'start')['login-page-ms']), 'ms', le(1500)),
    ],
  },
  {
    name: 'scale',
    file: 'test/bench/scale.ts',
    figures: (out) => {
      const s = summary(out, 'scale');
      return [
        fig(`worst screen (${s.worst ?? '?'})`, num(s['worst-screen-ms']), 'ms', le(100)),
        fig('worst screen growth 20k → 200k', num(s['worst-growth']), '×', le(1.5)),
        fig('first recap after a cold start', num(s['first-recap-ms']), 'ms', le(300)),
        fig('history-table scans in store queries', num(s.scans), 'count', eq(0)),
        fig('purge: longest block of main (cpu)', num(s['purge-block-cpu-ms']), 'ms', le(100)),
        fig(`store size at n=${s.n ?? '?'}`, num(s['db-mb']), 'MB', ge(0)),
      ];
    },
  },
];

function run(b: Bench): Promise<{ out: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repo, b.file), ...(b.args ?? [])],
      { cwd: repo, env: { ...process.env, ...b.env }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      process.stdout.write(d);
    });
    child.on('exit', (code) => resolve({ out, code }));
  });
}

const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const results: Figure[] = [];
for (const b of BENCHES) {
  if (only && !only.includes(b.name)) continue;
  console.log(`\n=== bench: ${b.name} (${b.file}) ===`);
  if (!existsSync(path.join(repo, b.file))) {
    console.log(`bench ${b.name}: skipped — ${b.file} is not in this checkout`);
    results.push({
      bench: b.name,
      figure: 'not run',
      value: null,
      unit: '',
      target: '',
      met: null,
    });
    continue;
  }
  const { out, code } = await run(b);
  if (code !== 0) console.log(`bench ${b.name}: exited with code ${code}`);
  for (const f of b.figures(out)) {
    const met =
      f.value === null
        ? false
        : f.target.op === '<='
          ? f.value <= f.target.value
          : f.target.op === '>='
            ? f.value >= f.target.value
            : f.value === f.target.value;
    results.push({
      bench: b.name,
      figure: f.figure,
      value: f.value,
      unit: f.unit,
      target: `${f.target.op} ${f.target.value}`,
      met,
    });
  }
}

const file = path.join(repo, 'bench-results.json');
writeFileSync(
  file,
  `${JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2)}\n`,
);
console.log(
  '\nbench                figure                                              value      target   met',
);
for (const r of results) {
  console.log(
    `${r.bench.padEnd(20)} ${r.figure.slice(0, 50).padEnd(50)} ${String(r.value ?? '—').padStart(9)} ${r.unit.padEnd(5)} ${r.target.padStart(8)}   ${r.met === null ? '—' : r.met ? 'yes' : 'NO'}`,
  );
}
console.log(`\nwritten: ${path.relative(repo, file)}`);
