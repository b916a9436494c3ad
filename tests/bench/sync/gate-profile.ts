/**
 * Where the server's time goes in a raw push through the gate against the
 * same push past it: two bench servers under the V8 profiler, one taking
 * BENCH_GATE_PROFILE_RUNS pushes of BENCH_GATE_PROFILE_COUNT jobs through the
 * gate, one the same with the server's compaction after writes turned off,
 * and one the same pushes ungated; prints CPU per 1,000 jobs and the
 * source files with the most self time in each. Diagnosis only
 * (`npx tsx tests/bench/sync/gate-profile.ts`); not part of `npm run bench`.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { benchCouchDocs } from './jobs';
import { rawPush } from './raw';
import { registerUser, startBenchServer, syncUrlAt } from './server';

const COUNT = Number(process.env.BENCH_GATE_PROFILE_COUNT ?? 10_000);
const RUNS = Number(process.env.BENCH_GATE_PROFILE_RUNS ?? 3);

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time by source file (node_modules packages by name), in ms. */
function byFile(profile: CpuProfile): [string, number][] {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const { url, functionName } = nodes.get(id)!.callFrame;
    const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
    const key = inModules ? `pkg ${inModules[1]}` : url ? url.replace(/^file:\/\/.*?\/(server|shared|tests)\//, '$1/') : `(${functionName || 'native'})`;
    totals.set(key, (totals.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals.entries()].sort((a, b) => b[1] - a[1]);
}

async function profiled(gated: boolean, compaction = true): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'trackruit-gate-profile-'));
  process.env.BENCH_SYNC_SERVER_PROFILE = dir;
  if (!compaction) process.env.BENCH_SYNC_COMPACT_AFTER_WRITES = String(Number.MAX_SAFE_INTEGER);
  const server = await startBenchServer({ corsOrigins: [] });
  delete process.env.BENCH_SYNC_SERVER_PROFILE;
  delete process.env.BENCH_SYNC_COMPACT_AFTER_WRITES;
  let cpuMs = 0;
  let wallMs = 0;
  try {
    for (let run = 0; run < RUNS; run += 1) {
      const tokens = await registerUser(server.url);
      const docs = benchCouchDocs(COUNT, `gp${gated ? 'g' : 'u'}${run}x`);
      const cpu0 = server.cpuMs();
      wallMs += await rawPush(tokens, docs, gated ? {} : { syncUrl: syncUrlAt(tokens, server.endpoints.ungated) });
      cpuMs += server.cpuMs() - cpu0;
    }
  } finally {
    await server.stop();
  }
  const file = (await readdir(dir)).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error('the server wrote no profile');
  const profile = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as CpuProfile;
  await rm(dir, { recursive: true, force: true });
  const docs = COUNT * RUNS;
  console.log(`\n${gated ? `through the gate${compaction ? '' : ', compaction off'}` : 'ungated'}: ${Math.round((docs * 1000) / wallMs)} docs/s, server CPU ${Math.round((cpuMs * 1000) / docs)} ms per 1,000 jobs (whole-process profile, start-up and registration included):`);
  for (const [key, ms] of byFile(profile).slice(0, 18)) console.log(`  ${Math.round(ms).toString().padStart(6)} ms  ${key}`);
}

await profiled(true);
await profiled(true, false);
await profiled(false);
