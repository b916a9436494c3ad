/**
 * Where the Chromium sync time goes: runs one insert + push and one pull of
 * BENCH_PROFILE_COUNT jobs in the bench page under the DevTools profiler and
 * prints the functions with the most self time. Diagnosis only; not part of
 * `npm run bench`.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { registerUser, startBenchServer } from './server';
import { servePage } from './browser';

const COUNT = Number(process.env.BENCH_PROFILE_COUNT ?? 4000);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; hitCount?: number }
interface Profile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

function top(profile: Profile, limit = 35): string[] {
  const selfUs = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const node = byId.get(id)!;
    const f = node.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
    selfUs.set(key, (selfUs.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  return [...selfUs.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit)
    .map(([k, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`);
}

const page0 = await servePage();
const server = await startBenchServer({ corsOrigins: [page0.origin] });
const profileDir = await mkdtemp(path.join(tmpdir(), 'trackruit-prof-'));
const context = await chromium.launchPersistentContext(profileDir, { executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${page0.origin}/`);
  await page.waitForFunction(() => 'syncBench' in globalThis);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  const call = (name: string, options: unknown) => page.evaluate(([m, o]) => (globalThis as unknown as Record<string, Record<string, (x: unknown) => Promise<unknown>>>).syncBench![m!]!(o), [name, options] as const);

  const tokens = await registerUser(server.url);
  await call('insert', { count: COUNT, tag: 'p1' });
  await cdp.send('Profiler.start');
  let t = performance.now();
  console.log('push', JSON.stringify(await call('push', { tokens, tag: 'p1' })).slice(0, 200), `${(performance.now() - t).toFixed(0)} ms`);
  let { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  console.log(top(profile).join('\n'));

  await cdp.send('Profiler.start');
  t = performance.now();
  console.log('pull', JSON.stringify(await call('pull', { tokens, expected: COUNT, tag: 'p2' })).slice(0, 200), `${(performance.now() - t).toFixed(0)} ms`);
  ({ profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile });
  console.log(top(profile).join('\n'));
} finally {
  await context.close();
  await server.stop();
  await page0.stop();
}
