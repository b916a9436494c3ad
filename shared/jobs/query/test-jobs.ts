import { JOB_DOC_VERSION, type Job } from '../../schema/job';

/** A valid job for the query tests; only the fields a test names matter. */
let sequence = 0;

/** An ISO instant at local noon of `day` (YYYY-MM-DD): the same local day in any time zone the tests run in. */
export function localNoon(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date, 12).toISOString();
}

export function queryJob(overrides: Partial<Job> = {}): Job {
  sequence += 1;
  const at = overrides.appliedAt ?? overrides.createdAt ?? localNoon('2026-03-02');
  return {
    schemaVersion: JOB_DOC_VERSION,
    id: `linkedin:${5_000_000 + sequence}`,
    title: 'Frontend Engineer',
    company: 'Acme Robotics',
    platform: 'linkedin',
    url: `https://www.linkedin.com/jobs/view/${5_000_000 + sequence}/`,
    appliedAt: at,
    status: 'applied',
    statusHistory: [{ status: 'applied', at }],
    source: 'auto_detect',
    isActive: true,
    createdAt: at,
    updatedAt: at,
    ...overrides,
  };
}
