import { JOB_DOC_VERSION, type Job, type JobStatus, type Platform } from '../../../shared/schema/job';
import { createRng } from '../../helpers/prng';

/**
 * The dashboard bench's jobs: a deterministic, varied history of applications
 * (statuses along real paths, several sites, tags, notes, descriptions of
 * about 1 KB), so filters and searches select realistic fractions. Pure, so
 * the browser bundle builds them in the page instead of sending 30 MB over
 * the DevTools protocol.
 */

const ROLES = ['Software Engineer', 'Frontend Engineer', 'Backend Engineer', 'Data Analyst', 'Data Scientist', 'Product Manager', 'Product Designer', 'DevOps Engineer', 'QA Engineer', 'Mobile Developer', 'Machine Learning Engineer', 'Site Reliability Engineer', 'Marketing Intern', 'Business Analyst', 'Security Engineer', 'Technical Writer'];
const LEVELS = ['', 'Senior ', 'Junior ', 'Staff ', 'Lead ', 'Principal '];
const CITIES = ['Berlin, Germany', 'Munich, Germany', 'Bengaluru, Karnataka, India', 'Pune, Maharashtra, India', 'Mumbai, Maharashtra, India', 'London, United Kingdom', 'Amsterdam, Netherlands', 'Paris, France', 'Madrid, Spain', 'Lisbon, Portugal', 'Remote', 'New York, NY', 'Toronto, Canada', 'Singapore', 'Dublin, Ireland', 'Hyderabad, Telangana, India'];
const TAGS = ['remote', 'referral', 'dream job', 'contract', 'startup', 'visa', 'urgent', 'fintech'];
const NOTES = ['Recruiter call booked for next week', 'Asked a friend for a referral', 'Take-home exercise on TypeScript and React', 'Salary band discussed: flexible', 'Followed up by email'];
const SENTENCE = 'Build and run the services behind our products with a small team that ships every week; ';
const DESCRIPTION = SENTENCE.repeat(12).trim();

/** Where an application's history ends, weighted like a real search: most go nowhere. */
const OUTCOMES: [JobStatus[], number][] = [
  [['applied'], 40],
  [['applied', 'rejected'], 18],
  [['applied', 'ghosted'], 10],
  [['applied', 'assessment'], 5],
  [['applied', 'assessment', 'interview'], 5],
  [['applied', 'interview'], 4],
  [['applied', 'interview', 'rejected'], 5],
  [['applied', 'interview', 'offer'], 2],
  [['applied', 'interview', 'offer', 'accepted'], 1],
  [['applied', 'withdrawn'], 4],
  [['saved'], 6],
];
const OUTCOME_WEIGHT = OUTCOMES.reduce((sum, [, weight]) => sum + weight, 0);
const PLATFORMS: [Platform, number][] = [
  ['linkedin', 55],
  ['internshala', 25],
  ['indeed', 8],
  ['naukri', 7],
  ['other', 5],
];


function weighted<T>(next: () => number, table: [T, number][], total: number): T {
  let roll = next() * total;
  for (const [value, weight] of table) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return table[table.length - 1]![0];
}

const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)]!;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The newest application; the others reach back about three years. */
const NEWEST = Date.UTC(2026, 9, 1, 9, 0, 0);

function url(platform: Platform, siteId: string): string {
  switch (platform) {
    case 'linkedin':
      return `https://www.linkedin.com/jobs/view/${siteId}/`;
    case 'internshala':
      return `https://internshala.com/job/detail/${siteId}`;
    case 'indeed':
      return `https://www.indeed.com/viewjob?jk=${siteId}`;
    case 'naukri':
      return `https://www.naukri.com/job-listings-${siteId}`;
    case 'other':
      return `https://careers.example.com/jobs/${siteId}`;
  }
}

export function dashboardBenchJob(n: number, next: () => number): Job {
  const platform = weighted(next, PLATFORMS, 100);
  const path = weighted(next, OUTCOMES, OUTCOME_WEIGHT);
  const siteId = String(4_100_000_000 + n);
  // One application about every 80 minutes, newest first by n.
  const start = NEWEST - n * 80 * 60_000 - Math.floor(next() * HOUR);
  const history = path.map((status, step) => ({ status, at: new Date(start + step * (3 + Math.floor(next() * 9)) * DAY).toISOString() }));
  const last = history[history.length - 1]!;
  const tags = next() < 0.3 ? [...new Set([pick(next, TAGS), ...(next() < 0.4 ? [pick(next, TAGS)] : [])])] : undefined;
  const notes = next() < 0.2 ? [{ id: `n${n}`, text: pick(next, NOTES), at: last.at }] : undefined;
  const applied = path[0] === 'applied';
  const createdAt = new Date(start).toISOString();
  return {
    id: `${platform === 'other' ? 'manual' : platform}:${siteId}`,
    schemaVersion: JOB_DOC_VERSION,
    title: `${pick(next, LEVELS)}${pick(next, ROLES)}`,
    company: `Company ${Math.floor(next() * 1500)}`,
    platform,
    ...(platform === 'other' ? {} : { siteJobId: siteId }),
    url: url(platform, siteId),
    ...(applied ? { appliedAt: createdAt } : {}),
    status: last.status,
    statusHistory: history,
    source: platform === 'other' ? 'manual' : 'auto_detect',
    location: pick(next, CITIES),
    description: `${DESCRIPTION} (${n})`,
    salary: platform === 'internshala' ? '₹ 25,000 /month' : '€70,000 – €85,000',
    employmentType: 'Full-time',
    isActive: true,
    ...(tags ? { tags } : {}),
    ...(notes ? { notes } : {}),
    createdAt,
    updatedAt: last.at,
  };
}

export function dashboardBenchJobs(count: number, seed = 20_26): Job[] {
  const next = createRng(seed);
  return Array.from({ length: count }, (_, n) => dashboardBenchJob(n, next));
}
