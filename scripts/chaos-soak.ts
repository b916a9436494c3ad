/**
 * `npm run test:chaos:soak`: the sync chaos test (tests/chaos/sync-chaos.test.ts)
 * over many seeds, one vitest run per seed, optionally with CPU-burning
 * processes beside every other run, to find races that need a loaded machine.
 *
 *   npm run test:chaos:soak -- --seeds 40 --first 1 --burners 4
 *
 * --seeds N     how many seeds (default 40), from --first (default 1)
 * --burners N   busy-loop processes beside the odd-numbered runs (default 4; 0 = never)
 * --duration MS each run's chaos phase (CHAOS_DURATION_MS, default the test's own)
 *
 * Every run is reported, failures included; the summary goes to
 * tests/chaos/results/soak.json with each run's writes, writes lost and
 * convergence time, and the run's own report is kept beside it when it failed.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'tests/chaos/results');

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at === -1) return fallback;
  const value = Number.parseInt(process.argv[at + 1] ?? '', 10);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} takes a non-negative number`);
  return value;
}

const seeds = option('seeds', 40);
const first = option('first', 1);
const burnerCount = option('burners', 4);
const duration = process.argv.includes('--duration') ? option('duration', 30_000) : undefined;

function burners(count: number): ChildProcess[] {
  return Array.from({ length: count }, () => spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
}

interface RunSummary {
  seed: number;
  underLoad: boolean;
  passed: boolean;
  writesMade?: number;
  writesLost?: number;
  convergeMs?: number;
  serverKills?: number;
  loadAverage: number;
  seconds: number;
}

function runOne(seed: number): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', '--project', 'chaos', 'tests/chaos/sync-chaos.test.ts'], {
      cwd: root,
      env: { ...process.env, CHAOS_SEED: String(seed), ...(duration === undefined ? {} : { CHAOS_DURATION_MS: String(duration) }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

const runs: RunSummary[] = [];
await fs.mkdir(resultsDir, { recursive: true });
for (let i = 0; i < seeds; i += 1) {
  const seed = first + i;
  const underLoad = burnerCount > 0 && i % 2 === 1;
  const load = underLoad ? burners(burnerCount) : [];
  const started = Date.now();
  const { code, output } = await runOne(seed).finally(() => {
    for (const burner of load) burner.kill('SIGKILL');
  });
  // Each run's output is kept beside the results: a slow convergence prints what it waited on.
  await fs.writeFile(path.join(resultsDir, `soak-seed-${seed}.log`), output);
  const report = JSON.parse(await fs.readFile(path.join(resultsDir, 'last-run.json'), 'utf8').catch(() => '{}')) as Partial<RunSummary> & { seed?: number };
  const fresh = report.seed === seed;
  const run: RunSummary = {
    seed,
    underLoad,
    passed: code === 0,
    ...(fresh ? { writesMade: report.writesMade, writesLost: report.writesLost, convergeMs: report.convergeMs, serverKills: report.serverKills } : {}),
    loadAverage: Number(os.loadavg()[0]!.toFixed(2)),
    seconds: Math.round((Date.now() - started) / 1000),
  };
  runs.push(run);
  if (!run.passed) {
    await fs.writeFile(path.join(resultsDir, `soak-failed-${seed}.log`), output);
    if (fresh) await fs.copyFile(path.join(resultsDir, 'last-run.json'), path.join(resultsDir, `soak-failed-${seed}.json`));
  }
  console.log(
    `seed ${seed}${underLoad ? ` (+${burnerCount} burners)` : ''}: ${run.passed ? 'passed' : 'FAILED'} writes=${run.writesMade ?? '?'} lost=${run.writesLost ?? '?'} ` +
      `converge=${run.convergeMs ?? '?'}ms load=${run.loadAverage} ${run.seconds}s`,
  );
}

const summary = {
  seeds: runs.length,
  underLoad: runs.filter((run) => run.underLoad).length,
  burners: burnerCount,
  passed: runs.filter((run) => run.passed).length,
  writesMade: runs.reduce((n, run) => n + (run.writesMade ?? 0), 0),
  writesLost: runs.reduce((n, run) => n + (run.writesLost ?? 0), 0),
  failedSeeds: runs.filter((run) => !run.passed).map((run) => run.seed),
  cpus: os.cpus().length,
  commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim(),
  at: new Date().toISOString(),
  runs,
};
await fs.writeFile(path.join(resultsDir, 'soak.json'), `${JSON.stringify(summary, null, 2)}\n`);
console.log(`soak: ${summary.passed}/${summary.seeds} passed (${summary.underLoad} under load), ${summary.writesMade} writes, ${summary.writesLost} lost`);
process.exitCode = summary.passed === summary.seeds ? 0 : 1;
