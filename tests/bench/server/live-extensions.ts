/**
 * Simulated extensions for bench:server. Each one is a signed-in user's
 * background as the sync engine behaves once caught up: one live
 * `_changes?feed=longpoll` held open on its own database, answered when
 * something changes or after the timeout and opened again at once, and a job
 * recorded (one `_bulk_docs` write) every few seconds. What is measured is the
 * time each write takes, the request a person's capture waits on; every
 * write in the measured window is counted.
 */
import { benchAgent, requestJson } from './http-client';
import { benchJobs } from '../sync/jobs';
import { jobToCouchDoc } from '../../../shared/schema';

export interface SimulatedExtension {
  /** The user's database through the gate, ending in `/`. */
  dbUrl: string;
  accessToken: string;
}

export interface LoadWindow {
  extensions: number;
  writes: number;
  failedWrites: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Longpolls answered with an error or a status other than 200 during the window. */
  failedLongpolls: number;
}

const LONGPOLL_TIMEOUT_MS = 25_000;

export const percentile = (sorted: readonly number[], p: number) => (sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);

/**
 * Runs `extensions` for `connectMs` (every one opens its longpoll and makes a
 * first write, spread over the period, as browsers coming online would) and
 * then measures `windowMs` of steady traffic with a write every `writeEveryMs`
 * per extension, starting at a random offset.
 */
export async function runLoad(extensions: readonly SimulatedExtension[], options: { connectMs: number; windowMs: number; writeEveryMs: number; tag: string }): Promise<LoadWindow> {
  // One socket per longpoll plus room for the writes, as each browser holds its own.
  const agent = benchAgent();
  const stopAt = { value: Number.POSITIVE_INFINITY };
  const measuring = { from: Number.POSITIVE_INFINITY, to: Number.POSITIVE_INFINITY };
  const samples: number[] = [];
  let failedWrites = 0;
  let failedLongpolls = 0;

  const inWindow = (at: number) => at >= measuring.from && at < measuring.to;

  async function longpolls(ext: SimulatedExtension): Promise<void> {
    let since = 'now';
    while (performance.now() < stopAt.value) {
      try {
        const response = await requestJson(`${ext.dbUrl}_changes?feed=longpoll&since=${encodeURIComponent(since)}&timeout=${LONGPOLL_TIMEOUT_MS}&limit=100`, {
          agent,
          token: ext.accessToken,
          timeoutMs: LONGPOLL_TIMEOUT_MS + 15_000,
        });
        const body = response.body as { last_seq?: unknown } | null;
        if (response.status !== 200) {
          if (inWindow(performance.now())) failedLongpolls += 1;
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          continue;
        }
        since = String(body?.last_seq ?? since);
      } catch {
        if (inWindow(performance.now())) failedLongpolls += 1;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }

  async function writes(ext: SimulatedExtension, index: number): Promise<void> {
    let n = 0;
    // Spread the first writes over the connect period, then one every writeEveryMs from a random phase.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * options.connectMs));
    while (performance.now() < stopAt.value) {
      // A new job each time, with an id of its own as a capture would have (tags are letters and digits).
      const doc = jobToCouchDoc(benchJobs(1, `${options.tag}e${index}n${n}`)[0]!);
      n += 1;
      const at = performance.now();
      let ok = false;
      try {
        const response = await requestJson(`${ext.dbUrl}_bulk_docs`, { agent, method: 'POST', token: ext.accessToken, body: { docs: [doc] }, timeoutMs: 30_000 });
        const rows = response.body as { ok?: boolean }[];
        ok = response.status === 201 && Array.isArray(rows) && rows.every((row) => row.ok === true);
      } catch {
        ok = false;
      }
      const took = performance.now() - at;
      if (inWindow(at)) {
        if (ok) samples.push(took);
        else failedWrites += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, options.writeEveryMs * (0.75 + Math.random() * 0.5) - took)));
    }
  }

  const started = performance.now();
  measuring.from = started + options.connectMs;
  measuring.to = measuring.from + options.windowMs;
  stopAt.value = measuring.to;
  const running = extensions.flatMap((ext, index) => [longpolls(ext), writes(ext, index)]);
  // Longpolls still open at the end answer within their timeout; closing the agent's sockets ends them now.
  await new Promise((resolve) => setTimeout(resolve, measuring.to - performance.now() + 2_000));
  agent.destroy();
  await Promise.allSettled(running);

  const sorted = samples.sort((a, b) => a - b);
  return {
    extensions: extensions.length,
    writes: sorted.length,
    failedWrites,
    p50Ms: round(percentile(sorted, 50)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: round(sorted.at(-1) ?? Number.NaN),
    failedLongpolls,
  };
}

const round = (value: number) => Math.round(value * 10) / 10;
