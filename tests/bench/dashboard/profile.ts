/**
 * `npx tsx tests/bench/dashboard/profile.ts [filter|search|live|bulk|load]...`:
 * the dashboard bench's setup (20,000 jobs, built extension) with the
 * DevTools CPU profiler running around one interaction at a time, for
 * finding where a regression spends its time. Prints the top functions by
 * self time and writes each .cpuprofile (open it in DevTools) to PROFILE_OUT.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { extensionDir, launchWithExtension } from './browser';
import { addProbe, probe } from './probe';
import { dashboardBenchJobs } from './jobs';
import { openSeedPage } from './seed';

const OUT = process.env.PROFILE_OUT ?? '/tmp/prof';
const COUNT = Number(process.env.BENCH_DASHBOARD_JOBS ?? 20_000);
const steps = process.argv.slice(2).length ? process.argv.slice(2) : ['load', 'filter', 'search', 'live', 'bulk'];

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function summarise(name: string, profile: Profile): void {
  const self = new Map<string, number>();
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const total = new Map<string, number>();
  const key = (node: Node) => `${node.callFrame.functionName || '(anon)'} ${node.callFrame.url.split('/').pop()}:${node.callFrame.lineNumber + 1}:${node.callFrame.columnNumber + 1}`;
  profile.samples.forEach((id, index) => {
    const dt = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    const node = byId.get(id)!;
    self.set(key(node), (self.get(key(node)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
      const k = key(byId.get(at)!);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  });
  const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `  ${v.toFixed(1).padStart(8)} ms  ${k}`).join('\n');
  console.log(`\n=== ${name}: ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms profiled\n-- self\n${top(self, 25)}\n-- total\n${top(total, 40)}`);
  writeFileSync(path.join(OUT, `${name}.cpuprofile`), JSON.stringify(profile));
}

async function profiled(cdp: CDPSession, name: string, action: () => Promise<void>): Promise<void> {
  await cdp.send('Profiler.start');
  const started = Date.now();
  await action();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  console.log(`${name}: ${Date.now() - started} ms wall`);
  summarise(name, profile);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const browser = await launchWithExtension(extensionDir().dir);
  try {
    const { context, extensionId } = browser;
    const seed = await openSeedPage(context, extensionId);
    const seeded = await seed.call('seed', { count: COUNT });
    console.log(`seeded ${seeded.inserted} in ${seeded.ms.toFixed(0)} ms`);
    await seed.close();
    const page: Page = await context.newPage();
    await addProbe(page, COUNT);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    const loaded = async () =>
      page.waitForFunction(() => ((globalThis as unknown as { dashProbe?: { marks(): Record<string, number | null> } }).dashProbe?.marks().completePainted ?? -1) > 0, undefined, { timeout: 120_000, polling: 50 });
    if (steps.includes('load')) {
      await profiled(cdp, 'load', async () => {
        await page.goto(`chrome-extension://${extensionId}/dashboard.html#/table`);
        await loaded();
      });
    } else {
      await page.goto(`chrome-extension://${extensionId}/dashboard.html#/table`);
      await loaded();
    }
    await page.waitForTimeout(3000);
    const box = page.getByRole('searchbox', { name: 'Search applications' });
    if (steps.includes('filter')) {
      const chip = page.getByRole('group', { name: 'Status' }).getByRole('button', { name: 'Interview', exact: true });
      await profiled(cdp, 'filter', async () => {
        await probe(page, 'arm', {});
        await chip.click();
        await probe(page, 'settle');
      });
      await chip.click();
    }
    if (steps.includes('search')) {
      await profiled(cdp, 'search', async () => {
        await probe(page, 'arm', { summaryHas: '“berlin”' });
        await box.fill('berlin');
        await probe(page, 'settle');
      });
      await box.fill('');
    }
    if (steps.includes('live')) {
      const writer = await openSeedPage(context, extensionId);
      await page.bringToFront();
      const jobs = dashboardBenchJobs(COUNT);
      const newest = Math.max(...jobs.map((job) => Date.parse(job.updatedAt)));
      const id = jobs.at(-1)!.id;
      await probe(page, 'scrollTo', { selector: '.table-scroll', top: 0 });
      await profiled(cdp, 'live', async () => {
        await probe(page, 'armText', { selector: `tr[data-job-id="${id}"]`, text: 'Renamed role' });
        const { startedAt } = await writer.call('touch', { id, title: 'Renamed role', updatedAt: new Date(newest + 60_000).toISOString() });
        const painted = await probe(page, 'settleAt');
        console.log(`live update painted after ${(painted - startedAt).toFixed(0)} ms`);
      });
      await writer.close();
    }
    if (steps.includes('bulk')) {
      await box.fill('company 42');
      await page.locator('[data-results-summary]').filter({ hasText: '“company 42”' }).waitFor();
      await page.getByRole('checkbox', { name: /^Select all [\d,]+ matching applications$/ }).check();
      const bulk = page.getByRole('region', { name: 'Bulk actions' });
      await bulk.getByRole('combobox', { name: 'Status' }).selectOption('withdrawn');
      await profiled(cdp, 'bulk', async () => {
        await probe(page, 'arm', { selector: '.toast' });
        await bulk.getByRole('button', { name: 'Set status' }).click();
        console.log(`bulk: ${(await probe(page, 'settle')).ms.toFixed(0)} ms`);
      });
    }
  } finally {
    await browser.close();
  }
}

await main();
