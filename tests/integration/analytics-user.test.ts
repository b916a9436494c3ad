import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeInsights } from '../../shared/insights';
import { skillGaps } from '../../shared/insights/skill-gaps';
import { testResume } from '../../shared/resume/doc/test-resume';
import { JOB_DOC_VERSION, type Job } from '../../shared/schema/job';
import { signInForTest, type TestSession } from '../helpers/sign-in-for-test';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * /api/analytics against the real server: each route answers what the
 * extension's Insights page computes from the same jobs (the shared
 * functions, run here on the jobs the API lists), the cache serves a repeat
 * and is dropped by any change (one made through sync included), and one
 * user's numbers never include another's jobs.
 */

let server: TestServer;
let ada: TestSession;
let bob: TestSession;

function get(path: string, token: string | null = ada.accessToken) {
  return fetch(`${server.url}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
}

async function json<T>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

let sequence = 0;
/** A job as a device stores it: applied on `appliedAt`, then through `moves`. */
function deviceJob(appliedAt: string, moves: [Job['status'], string][], fields: Partial<Job> = {}): Record<string, unknown> {
  sequence += 1;
  const history = [{ status: 'applied' as const, at: appliedAt }, ...moves.map(([status, at]) => ({ status, at }))];
  const last = history[history.length - 1]!;
  return {
    _id: `linkedin:${4_300_000_000 + sequence}`,
    schemaVersion: JOB_DOC_VERSION,
    title: 'Backend Engineer',
    company: `Company ${sequence % 4}`,
    platform: sequence % 2 ? 'linkedin' : 'indeed',
    url: `https://www.linkedin.com/jobs/view/${4_300_000_000 + sequence}/`,
    appliedAt,
    status: last.status,
    statusHistory: history,
    source: 'auto_detect',
    location: sequence % 3 ? 'Berlin, Germany' : 'Remote',
    isActive: true,
    createdAt: appliedAt,
    updatedAt: last.at,
    ...fields,
  };
}

async function push(session: TestSession, docs: Record<string, unknown>[]) {
  const res = await fetch(`${session.syncUrl}_bulk_docs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.accessToken}` },
    body: JSON.stringify({ docs }),
  });
  const rows = await json<{ ok?: boolean }[]>(res, 201);
  expect(rows.every((row) => row.ok), JSON.stringify(rows)).toBe(true);
}

/** Every job of the user, as the REST API lists them (the extension's shape). */
async function listedJobs(session: TestSession): Promise<Job[]> {
  const jobs: Job[] = [];
  let cursor: string | null = null;
  do {
    const page: { jobs: (Job & { _rev?: string })[]; nextCursor: string | null } = await json(await get(`/api/jobs?limit=100${cursor ? `&cursor=${cursor}` : ''}`, session.accessToken));
    jobs.push(...page.jobs.map(({ _rev, ...job }) => job));
    cursor = page.nextCursor;
  } while (cursor);
  return jobs;
}

const day = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

beforeAll(async () => {
  server = await startTestServer();
  ada = await signInForTest(server, 'analytics-ada');
  bob = await signInForTest(server, 'analytics-bob');
  await push(ada, [
    deviceJob(day(40), [['interview', day(33)], ['offer', day(20)]], { mlAnalysis: { matchScore: 80, matchedSkills: ['Python'], missingSkills: ['Kubernetes', 'Go'] } }),
    deviceJob(day(30), [['rejected', day(25)]], { mlAnalysis: { matchScore: 60, matchedSkills: ['Go'], missingSkills: ['Kubernetes'] } }),
    deviceJob(day(20), [['assessment', day(18)], ['interview', day(10)]]),
    deviceJob(day(12), [['ghosted', day(2)]]),
    deviceJob(day(5), []),
    deviceJob(day(1), [['withdrawn', day(0)]]),
  ]);
  await push(bob, [deviceJob(day(3), [['offer', day(1)]])]);
});

afterAll(async () => {
  await server?.stop();
});

describe('per-user analytics', () => {
  it('answers what the Insights page computes from the same jobs, in every route', async () => {
    const jobs = await listedJobs(ada);
    expect(jobs).toHaveLength(6);
    const user = await json<{ totals: Record<string, number>; responseRate: unknown; responseTime: unknown; computedAt: string }>(await get('/api/analytics/user?utcOffsetMinutes=330'));
    const expected = computeInsights(jobs, { now: new Date(user.computedAt), utcOffsetMinutes: 330 });
    expect(user.totals).toEqual({ jobs: 6, applied: 6, responded: 3, interviews: 2, offers: 1 });
    expect(user.responseRate).toEqual(expected.responseRate);
    expect(user.responseTime).toEqual(expected.responseTime);

    const status = await json<Record<string, unknown>>(await get('/api/analytics/status?utcOffsetMinutes=330'));
    expect(status).toMatchObject(expected.statusBreakdown);
    const rates = await json<Record<string, unknown>>(await get('/api/analytics/success-rates?utcOffsetMinutes=330'));
    expect(rates).toMatchObject({ funnel: expected.funnel, responseRate: expected.responseRate, bySite: expected.bySite, byLocation: expected.byLocation });
    const engagement = await json<{ applicationsPerWeek: { weeks: unknown[] }; computedAt: string }>(await get('/api/analytics/engagement?utcOffsetMinutes=330&weeks=8'));
    const expected8 = computeInsights(jobs, { now: new Date(engagement.computedAt), utcOffsetMinutes: 330, weeks: 8 });
    expect(engagement.applicationsPerWeek).toEqual(expected8.applicationsPerWeek);
    expect(engagement.applicationsPerWeek.weeks).toHaveLength(8);
    // Without a resume, the matches stored on the jobs are what there is to count.
    const gaps = await json<{ basis: string; matchedJobs: number; gaps: { name: string; missingIn: number }[] }>(await get('/api/analytics/skill-gaps'));
    expect(gaps).toMatchObject({ ...skillGaps(jobs), basis: 'stored-matches' });
    expect(gaps.gaps[0]).toMatchObject({ name: 'Kubernetes', missingIn: 2 });
  });

  it('finds skill gaps by matching the jobs against the active resume, again when the resume changes', async () => {
    const carol = await signInForTest(server, 'analytics-carol');
    await push(carol, [
      deviceJob(day(9), [], { description: 'Requirements: Python, Kubernetes and Terraform. Nice to have: Go.' }),
      deviceJob(day(8), [], { description: 'We need strong Python and Kubernetes experience; Airflow is a plus.' }),
      deviceJob(day(7), []),
    ]);
    const resume = testResume({ id: 'carol-cv', active: true });
    resume.resume = { ...resume.resume, skills: ['Python'] };
    const { id, ...fields } = resume;
    const resumesUrl = `${carol.syncUrl.replace(/\/$/, '')}-resumes/`;
    const pushed = await fetch(`${resumesUrl}_bulk_docs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${carol.accessToken}` },
      body: JSON.stringify({ docs: [{ _id: id, ...fields }] }),
    });
    expect(pushed.status).toBe(201);

    const gaps = await json<{ basis: string; resumeId: string; matchedJobs: number; gaps: { name: string; missingIn: number; metIn: number }[]; cached: boolean }>(await get('/api/analytics/skill-gaps', carol.accessToken));
    expect(gaps).toMatchObject({ basis: 'active-resume', resumeId: 'carol-cv', matchedJobs: 2, cached: false });
    expect(gaps.gaps.find((gap) => gap.name === 'Kubernetes')).toMatchObject({ missingIn: 2 });
    expect(gaps.gaps.map((gap) => gap.name)).not.toContain('Python');
    expect((await json<{ cached: boolean }>(await get('/api/analytics/skill-gaps', carol.accessToken))).cached).toBe(true);

    // The resume now shows Kubernetes: the next answer matches again and it is no longer a gap.
    const edited = await json<{ resume: { _rev: string } }>(await fetch(`${server.url}/api/resumes/carol-cv`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${carol.accessToken}` },
      body: JSON.stringify({ resume: { skills: ['Python', 'Kubernetes'] } }),
    }));
    expect(edited.resume._rev).toMatch(/^2-/);
    const after = await json<{ cached: boolean; gaps: { name: string }[] }>(await get('/api/analytics/skill-gaps', carol.accessToken));
    expect(after.cached).toBe(false);
    expect(after.gaps.map((gap) => gap.name)).not.toContain('Kubernetes');
  });

  it('computes once for requests that arrive together: the others wait and are served from the cache', async () => {
    await push(ada, [deviceJob(day(4), [])]);
    const answers = await Promise.all([0, 1, 2, 3].map(async () => json<{ cached: boolean; computedAt: string }>(await get('/api/analytics/engagement'))));
    expect(answers.filter((answer) => !answer.cached)).toHaveLength(1);
    expect(new Set(answers.map((answer) => answer.computedAt)).size).toBe(1);
  });

  it('serves a repeat from the cache and recomputes after any change, one made through sync included', async () => {
    await get('/api/analytics/status');
    const again = await json<{ cached: boolean; total: number }>(await get('/api/analytics/status'));
    expect(again).toMatchObject({ cached: true, total: 7 });

    await push(ada, [deviceJob(day(2), [])]);
    const afterSync = await json<{ cached: boolean; total: number }>(await get('/api/analytics/status'));
    expect(afterSync).toMatchObject({ cached: false, total: 8 });

    const added = await json<{ job: { id: string } }>(await fetch(`${server.url}/api/jobs`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ada.accessToken}` },
      body: JSON.stringify({ title: 'T', company: 'C', url: 'https://example.com/t' }),
    }), 201);
    expect(await json<{ cached: boolean; total: number }>(await get('/api/analytics/status'))).toMatchObject({ cached: false, total: 9 });
    await fetch(`${server.url}/api/jobs/${added.job.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${ada.accessToken}` } });
    expect(await json<{ cached: boolean; total: number }>(await get('/api/analytics/status'))).toMatchObject({ cached: false, total: 8 });
  });

  it('exports every job as the extension\'s CSV', async () => {
    const res = await get('/api/analytics/export');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="trackruit-jobs-\d{4}-\d{2}-\d{2}\.csv"$/);
    const parsed = Papa.parse<Record<string, string>>((await res.text()).replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
    const jobs = await listedJobs(ada);
    expect(parsed.data).toHaveLength(jobs.length);
    expect(new Set(parsed.data.map((row) => Object.values(row).find((cell) => cell.startsWith('https://www.linkedin.com/jobs/view/'))))).toEqual(new Set(jobs.map((job) => job.url)));
  });

  it('writes an export larger than one read chunk with one header and every job once', async () => {
    const dan = await signInForTest(server, 'analytics-dan');
    const jobs = Array.from({ length: 1_100 }, () => deviceJob(day(3), []));
    for (let i = 0; i < jobs.length; i += 550) await push(dan, jobs.slice(i, i + 550));
    // Read as bytes: Response.text() drops a leading byte-order mark.
    const bytes = Buffer.from(await (await get('/api/analytics/export', dan.accessToken)).arrayBuffer());
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(0, 3).equals(bom)).toBe(true);
    expect(bytes.indexOf(bom, 3)).toBe(-1);
    const parsed = Papa.parse<Record<string, string>>(bytes.subarray(3).toString('utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const urls = parsed.data.map((row) => Object.values(row).find((cell) => cell.startsWith('https://www.linkedin.com/jobs/view/')));
    expect(new Set(urls)).toEqual(new Set(jobs.map((job) => job.url)));
    expect(urls).toHaveLength(jobs.length);
  });

  it('counts only the user\'s own jobs', async () => {
    const status = await json<{ total: number; statuses: { status: string; count: number }[] }>(await get('/api/analytics/status', bob.accessToken));
    expect(status.total).toBe(1);
    expect(status.statuses.find((row) => row.status === 'offer')?.count).toBe(1);
    const csv = await (await get('/api/analytics/export', bob.accessToken)).text();
    expect(csv.trim().split('\r\n')).toHaveLength(2);
  });

  it('refuses bad options and answers 401 without a token', async () => {
    for (const query of ['utcOffsetMinutes=900', 'weeks=0', 'weeks=500', 'window=3', 'utcOffsetMinutes=abc']) {
      expect((await get(`/api/analytics/user?${query}`)).status, query).toBe(400);
    }
    expect((await get('/api/analytics/export?format=xml')).status).toBe(400);
    expect((await get('/api/analytics/skill-gaps?top=5')).status).toBe(400);
    for (const route of ['user', 'status', 'success-rates', 'engagement', 'skill-gaps', 'export']) {
      expect((await get(`/api/analytics/${route}`, null)).status, route).toBe(401);
    }
  });
});
