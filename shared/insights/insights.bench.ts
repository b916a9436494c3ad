import { bench, describe } from 'vitest';
import { JOB_STATUSES, PLATFORMS, type Job, type JobStatus } from '../schema/job';
import { computeInsights } from './index';
import { makeJob } from './test-jobs';

/**
 * computeInsights over 20,000 jobs, a heavy user's lifetime of applications (run with
 * `npx vitest bench --run --project unit shared/insights`). Reports only; nothing asserts a time.
 */

const DAY_MS = 86_400_000;
const start = Date.parse('2025-01-01T00:00:00.000Z');
const places = [...Array.from({ length: 300 }, (_, i) => `City ${i}, Region ${i % 20}`), 'Remote', 'Work From Home', 'Berlin, Germany (Hybrid)'];

// A fixed linear congruential sequence, so every run measures the same jobs.
let seed = 42;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const jobs: Job[] = Array.from({ length: 20_000 }, () => {
  const applied = start + random() * 600 * DAY_MS;
  const status = pick(JOB_STATUSES);
  const at = new Date(applied).toISOString();
  if (status === 'saved') return makeJob({ appliedAt: undefined, status, statusHistory: [{ status, at }], createdAt: at, location: pick(places) });
  const history: { status: JobStatus; at: string }[] = [{ status: 'applied', at }];
  if (status !== 'applied') history.push({ status, at: new Date(applied + random() * 30 * DAY_MS).toISOString() });
  return makeJob({ appliedAt: at, status, statusHistory: history, platform: pick(PLATFORMS), location: pick(places) });
});
const now = new Date('2026-09-01T00:00:00.000Z');

describe('computeInsights', () => {
  bench('20,000 jobs', () => {
    computeInsights(jobs, { now, utcOffsetMinutes: 330 });
  });
});
