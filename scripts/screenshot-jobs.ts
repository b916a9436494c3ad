/**
 * The applications shown in the README's screenshots (scripts/screenshots.ts):
 * about sixty made-up jobs over the ten weeks before a fixed moment, with the
 * mix of sites, places and outcomes a real search has. A seeded generator, so
 * every run draws the same jobs and the same pictures.
 */
import type { Job, JobStatus, Platform } from '../shared/schema';
import { JOB_DOC_VERSION } from '../shared/schema';
import { identifyUrl } from '../shared/transfer/identity';
import { createRng } from '../tests/helpers/prng';

/** The moment the screenshots are taken at: a Friday afternoon. */
export const SCREENSHOT_NOW = new Date('2026-03-20T16:00:00.000Z');

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Applications per week, oldest week first; the last is the week of SCREENSHOT_NOW. */
const WEEKLY = [3, 4, 5, 6, 4, 7, 6, 7, 7, 5];
const SAVED = 5;
/** Picked among the first 3,000 seeds for a board with every column in use and counts like a real search's. */
const SEED = 1971;

interface Posting {
  title: string;
  company: string;
  location: string;
  platform: Platform;
}

const ROLES = [
  'Frontend Engineer',
  'Senior Frontend Engineer',
  'Full-Stack Developer',
  'Backend Engineer (Node.js)',
  'Software Engineer II',
  'React Developer',
  'Platform Engineer',
  'Site Reliability Engineer',
  'Product Engineer',
  'UI Engineer',
  'DevOps Engineer',
  'Software Engineer, Payments',
  'Mobile Developer (React Native)',
  'Data Engineer',
  'QA Automation Engineer',
  'TypeScript Developer',
  'Web Developer',
  'Developer Experience Engineer',
];

const INTERNSHIPS = [
  'Web Development Internship',
  'Front End Development Internship',
  'Full Stack Development Internship',
  'Data Science Internship',
  'Android App Development Internship',
];

const COMPANIES = [
  'Brightwave',
  'Quillstack',
  'Fernbrook Health',
  'Tidal Analytics',
  'Kestrel Pay',
  'Orbital Logistics',
  'Cobalt Cloud',
  'Meadowlark',
  'Parallax Games',
  'Sunbeam Energy',
  'Helix Bio',
  'Lattice Finance',
  'Juniper Retail',
  'Redwood Robotics',
  'Nimbus Travel',
  'Atlas Mapping',
  'Pinecone Learning',
  'Vertex Media',
  'Granite Security',
  'Copperleaf',
  'Mosaic HR',
  'Blue Heron Insurance',
  'Driftwood Studio',
  'Larkspur Labs',
];

const INDIAN_COMPANIES = ['Monsoon Labs', 'Indigo Fintech', 'Banyan Health', 'Saffron Foods', 'Peacock Commerce', 'Chai Point Digital'];

const EUROPE = [
  'Berlin, Germany',
  'Berlin, Germany (Hybrid)',
  'Remote',
  'London, United Kingdom',
  'Amsterdam, North Holland, Netherlands',
  'Munich, Bavaria, Germany',
  'Dublin, Ireland',
  'Remote',
  'Lisbon, Portugal (Hybrid)',
  'Barcelona, Spain',
];
const INDIA = ['Bengaluru', 'Pune', 'Work From Home', 'Hyderabad', 'Gurgaon'];

const TAGS = ['remote', 'react', 'typescript', 'referral', 'visa sponsorship', 'startup', 'node', 'fintech'];

/** Notes a person would write at each stage. */
const NOTES: Partial<Record<JobStatus, string[]>> = {
  applied: [
    'Cover letter mentioned the offline-first side project.',
    'Asked a friend on the team for a referral.',
    'Follow up if nothing by the end of next week.',
  ],
  assessment: ['Take-home: small React app, 4 hours suggested. Due Monday.', 'Online test on HackerRank, 90 minutes, two problems.'],
  interview: ['Recruiter replied within a day, asked for availability next week.', 'Salary band in the posting looks low; ask about equity.'],
  rejected: ['Automated rejection email, no feedback.', 'Rejected after the final round: they went with someone more senior.'],
  offer: ['Offer in writing. Deadline to answer in one week.'],
};

const INTERVIEWS = ['Phone screen', 'Technical interview', 'Hiring manager call', 'Pair programming'];

const RECRUITERS = [
  { name: 'Priya Nair', role: 'Talent Acquisition' },
  { name: 'Lukas Becker', role: 'Technical Recruiter' },
  { name: 'Sofia Marques', role: 'Hiring Manager' },
  { name: 'Tom Ellis', role: 'Recruiter' },
];


const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

const iso = (ms: number) => new Date(Math.round(ms / 60_000) * 60_000).toISOString();

/** A posting address in each site's own form, so the ids are the ones a capture would give. */
function postingUrl(posting: Posting, n: number): string {
  switch (posting.platform) {
    case 'linkedin':
      return `https://www.linkedin.com/jobs/view/${4_180_000_000 + n * 7_919}/`;
    case 'internshala':
      return `https://internshala.com/internship/detail/${slug(posting.title)}-in-${slug(posting.location)}-at-${slug(posting.company)}${1_741_000_000 + n * 37}`;
    case 'indeed':
      return `https://www.indeed.com/viewjob?jk=${(0x5a3f00000000 + n * 0x1f3d5b).toString(16)}`;
    case 'naukri':
      return `https://www.naukri.com/job-listings-${slug(posting.title)}-${slug(posting.company)}-${slug(posting.location)}-${170_325_000_000 + n * 11}`;
    case 'other':
      return `https://careers.${slug(posting.company)}.example/jobs/${1000 + n}`;
  }
}

function baseJob(posting: Posting, n: number): Pick<Job, 'id' | 'schemaVersion' | 'title' | 'company' | 'platform' | 'siteJobId' | 'url' | 'location' | 'source' | 'isActive'> {
  const url = postingUrl(posting, n);
  const identity = identifyUrl(url);
  if (identity.platform !== posting.platform) throw new Error(`${url} reads as ${identity.platform}, not ${posting.platform}`);
  return {
    id: identity.id,
    schemaVersion: JOB_DOC_VERSION,
    title: posting.title,
    company: posting.company,
    platform: identity.platform,
    ...(identity.siteJobId ? { siteJobId: identity.siteJobId } : {}),
    url,
    location: posting.location,
    // What the extension records by itself; any other site goes through "Track this page".
    source: posting.platform === 'linkedin' || posting.platform === 'internshala' ? 'auto_detect' : 'manual',
    isActive: true,
  };
}

function pick<T>(random: () => number, list: readonly T[]): T {
  return list[Math.floor(random() * list.length)]!;
}

/** Site, then a role and company not used together before, then a place that fits them. */
function drawPosting(random: () => number, used: Set<string>): Posting {
  for (;;) {
    const r = random();
    const platform: Platform = r < 0.5 ? 'linkedin' : r < 0.64 ? 'internshala' : r < 0.78 ? 'indeed' : r < 0.84 ? 'naukri' : 'other';
    const indian = platform === 'internshala' || platform === 'naukri';
    const posting: Posting = {
      title: platform === 'internshala' ? pick(random, INTERNSHIPS) : pick(random, ROLES),
      company: indian ? pick(random, INDIAN_COMPANIES) : pick(random, COMPANIES),
      location: indian ? pick(random, INDIA) : pick(random, EUROPE),
      platform,
    };
    const key = `${posting.company}|${posting.title}`;
    if (used.has(key)) continue;
    used.add(key);
    return posting;
  }
}

function payFor(random: () => number, posting: Posting): Partial<Job> {
  if (posting.platform === 'internshala') {
    return { salary: `₹${pick(random, [10, 15, 20, 25])},000 /month`, employmentType: 'Internship', duration: pick(random, ['3 Months', '6 Months']), startDate: 'Immediately' };
  }
  if (posting.platform === 'naukri') return { salary: `₹${pick(random, [8, 12, 15])}-${pick(random, [18, 22, 25])} Lacs P.A.`, employmentType: 'Full-time' };
  if (random() < 0.45) {
    const low = 55 + Math.floor(random() * 6) * 5;
    const currency = posting.location.includes('United Kingdom') ? '£' : '€';
    return { salary: `${currency}${low}K/yr - ${currency}${low + 15}K/yr`, employmentType: 'Full-time' };
  }
  return { employmentType: 'Full-time' };
}

type Outcome = Exclude<JobStatus, 'saved'>;

/** Where an application of this age stands: old ones have had time for an answer, new ones mostly not. */
function drawOutcome(random: () => number, ageDays: number): Outcome {
  const r = random();
  if (ageDays < 5) return r < 0.1 ? 'rejected' : 'applied';
  if (ageDays < 14) return r < 0.5 ? 'applied' : r < 0.65 ? 'assessment' : r < 0.87 ? 'rejected' : 'interview';
  if (ageDays < 30) return r < 0.32 ? 'applied' : r < 0.64 ? 'rejected' : r < 0.79 ? 'interview' : r < 0.89 ? 'assessment' : r < 0.93 ? 'offer' : 'withdrawn';
  return r < 0.3 ? 'ghosted' : r < 0.65 ? 'rejected' : r < 0.77 ? 'applied' : r < 0.85 ? 'interview' : r < 0.92 ? 'offer' : r < 0.97 ? 'withdrawn' : 'accepted';
}

/** The steps after applying, each with its usual delay in days. */
function stepsTo(random: () => number, outcome: Outcome): { status: JobStatus; days: number }[] {
  const days = (low: number, high: number) => low + random() * (high - low);
  const interview = [...(random() < 0.5 ? [{ status: 'assessment' as const, days: days(2, 5) }] : []), { status: 'interview' as const, days: days(4, 9) }];
  switch (outcome) {
    case 'applied':
      return [];
    case 'assessment':
      return [{ status: 'assessment', days: days(2, 6) }];
    case 'interview':
      return interview;
    case 'offer':
      return [...interview, { status: 'offer', days: days(5, 10) }];
    case 'accepted':
      return [...interview, { status: 'offer', days: days(5, 10) }, { status: 'accepted', days: days(1, 4) }];
    case 'rejected':
      return [...(random() < 0.3 ? interview : []), { status: 'rejected', days: days(2, 12) }];
    case 'withdrawn':
      return [...(random() < 0.5 ? interview : []), { status: 'withdrawn', days: days(3, 8) }];
    case 'ghosted':
      return [{ status: 'ghosted', days: days(24, 30) }];
  }
}

/** An application made at `appliedMs`, moved on as far as the time until `now` allows. */
function application(random: () => number, posting: Posting, n: number, appliedMs: number, now: number): Job {
  const ageDays = (now - appliedMs) / DAY;
  const outcome = drawOutcome(random, ageDays);
  const drawn = stepsTo(random, outcome);
  const total = drawn.reduce((sum, step) => sum + step.days, 0);
  // Any answer takes a day, and ghosted means weeks of silence: too soon for those, it is simply still open.
  const steps = ageDays < 1 || (outcome === 'ghosted' && total > ageDays - 0.5) ? [] : drawn;
  // Steps that would land after `now` are squeezed into the time there was.
  const scale = total > ageDays - 0.5 ? (ageDays - 0.5) / total : 1;

  const savedFirst = random() < 0.2;
  const createdMs = savedFirst ? officeHours(appliedMs - days(random, 1, 4), random) : appliedMs;
  const history: { status: JobStatus; at: string }[] = savedFirst ? [{ status: 'saved', at: iso(createdMs) }] : [];
  history.push({ status: 'applied', at: iso(appliedMs) });
  let at = appliedMs;
  for (const step of steps) {
    at = Math.min(Math.max(at + HOUR, officeHours(at + step.days * scale * DAY, random)), now - HOUR);
    history.push({ status: step.status, at: iso(at) });
  }
  const status = history[history.length - 1]!.status;

  const job: Job = {
    ...baseJob(posting, n),
    ...payFor(random, posting),
    status,
    statusHistory: history,
    appliedAt: iso(appliedMs),
    createdAt: iso(createdMs),
    updatedAt: iso(at),
  };

  const invited = history.findIndex((change) => change.status === 'interview');
  if (invited >= 0) {
    const invitedMs = Date.parse(history[invited]!.at);
    // Booked a few days after the invitation, and held before whatever came next; a job still at interview stage may have it ahead.
    const nextMs = Date.parse(history[invited + 1]?.at ?? '') || now + 6 * DAY;
    const whenMs = invitedMs + (nextMs - invitedMs) * (0.3 + random() * 0.5);
    job.interviews = [{ id: `i${n}`, at: iso(officeHours(whenMs, random)), label: pick(random, INTERVIEWS) }];
  }
  if (random() < 0.4) job.tags = [...new Set([pick(random, TAGS), ...(random() < 0.4 ? [pick(random, TAGS)] : [])])];
  const notes = NOTES[status];
  if (notes && random() < 0.35) job.notes = [{ id: `n${n}`, text: pick(random, notes), at: iso(Math.min(at + 2 * HOUR, now - HOUR)) }];
  if (job.interviews && random() < 0.5) {
    const person = pick(random, RECRUITERS);
    job.contacts = [{ id: `c${n}`, ...person, email: `${slug(person.name).replace('-', '.')}@${slug(job.company)}.example` }];
  }
  if (status === 'applied' && ageDays > 6 && random() < 0.5) job.followUpAt = iso(officeHours(appliedMs + 14 * DAY, random));
  if (job.notes) job.updatedAt = job.notes[0]!.at;
  return job;
}

/** The same day between 09:00 and 18:00 UTC: when people apply, answer and meet. */
function officeHours(ms: number, random: () => number): number {
  const hour = (ms % DAY) / HOUR;
  if (hour >= 9 && hour < 18) return ms;
  return Math.floor(ms / DAY) * DAY + (9 + Math.floor(random() * 9)) * HOUR + Math.floor(random() * 4) * 15 * 60_000;
}

function days(random: () => number, low: number, high: number): number {
  return (low + random() * (high - low)) * DAY;
}

function savedJob(random: () => number, posting: Posting, n: number, now: number): Job {
  const createdAt = iso(Math.min(officeHours(now - days(random, 0.3, 12), random), now - HOUR));
  return {
    ...baseJob(posting, n),
    ...payFor(random, posting),
    status: 'saved',
    statusHistory: [{ status: 'saved', at: createdAt }],
    createdAt,
    updatedAt: createdAt,
    ...(random() < 0.5 ? { tags: [pick(random, TAGS)] } : {}),
  };
}

/** The job the details screenshot opens: every section of the page has something in it. */
function showcase(now: number): Job {
  // That day's date at that hour (UTC), so the times read like a person's.
  const at = (daysAgo: number, hour: number) => iso(Math.floor((now - daysAgo * DAY) / DAY) * DAY + hour * HOUR);
  const posting: Posting = { title: 'Senior Frontend Engineer', company: 'Northwind Labs', location: 'Berlin, Germany (Hybrid)', platform: 'linkedin' };
  return {
    ...baseJob(posting, 0),
    salary: '€75K/yr - €90K/yr',
    employmentType: 'Full-time',
    description:
      'Northwind Labs builds route planning for city logistics. You will own the dispatcher web app (React, TypeScript), ' +
      'work closely with design, and help us move more of the product offline-first.',
    status: 'interview',
    statusHistory: [
      { status: 'saved', at: at(27, 19) },
      { status: 'applied', at: at(25, 9) },
      { status: 'assessment', at: at(21, 14) },
      { status: 'interview', at: at(14, 11) },
    ],
    appliedAt: at(25, 9),
    followUpAt: at(-5, 9),
    interviews: [
      { id: 'i-screen', at: at(11, 15), label: 'Technical interview with two engineers' },
      { id: 'i-onsite', at: at(-4, 10), label: 'On-site: system design and team lunch' },
    ],
    notes: [
      { id: 'n-take-home', text: 'Take-home sent back: route list with offline sync. They liked the tests.', at: at(15, 18) },
      { id: 'n-tech', text: 'Tech interview went well. Asked about React Server Components and IndexedDB limits. Next: on-site in Berlin.', at: at(10, 17) },
      { id: 'n-prep', text: 'Prepare: caching strategy for map tiles, questions about on-call.', at: at(1, 20) },
    ],
    contacts: [
      { id: 'c-maya', name: 'Maya Fischer', role: 'Technical Recruiter', email: 'maya.fischer@northwind.example' },
      { id: 'c-jonas', name: 'Jonas Weber', role: 'Engineering Manager', url: 'https://www.linkedin.com/in/jonas-weber-example/' },
    ],
    tags: ['react', 'typescript', 'hybrid', 'top pick'],
    createdAt: at(27, 19),
    updatedAt: at(1, 20),
  };
}

/** The showcase job first, then the applications oldest first, then the saved ones. */
export function screenshotJobs(now: Date = SCREENSHOT_NOW, seed = SEED): Job[] {
  const random = createRng(seed);
  const end = now.getTime();
  const jobs = [showcase(end)];
  const used = new Set([`${jobs[0]!.company}|${jobs[0]!.title}`]);
  const monday = end - (((new Date(end).getUTCDay() + 6) % 7) * DAY + (end % DAY));
  let n = 1;
  WEEKLY.forEach((count, index) => {
    const weekStart = monday - (WEEKLY.length - 1 - index) * 7 * DAY;
    // The current week has only run until now.
    const span = Math.min(7 * DAY, end - weekStart - 2 * HOUR);
    for (let i = 0; i < count; i += 1) {
      // Spread over the week, at office-ish hours.
      const day = Math.floor(((i + random()) / count) * (span / DAY));
      const hour = 8 + Math.floor(random() * 13);
      const appliedMs = Math.min(weekStart + day * DAY + hour * HOUR + Math.floor(random() * 60) * 60_000, end - 2 * HOUR);
      jobs.push(application(random, drawPosting(random, used), n++, appliedMs, end));
    }
  });
  for (let i = 0; i < SAVED; i += 1) jobs.push(savedJob(random, drawPosting(random, used), n++, end));
  return jobs;
}
