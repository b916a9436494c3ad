import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_OUTCOMES } from '../../shared/match/odds';
import { RICH_READING_ORDER, RICH_RESUME } from '../../shared/resume/export/test-resumes';
import { DEFAULT_RATE_LIMITS } from '../../server/rate-limit/settings';
import { TEST_PASSWORD, signInForTest, type TestSession } from '../helpers/sign-in-for-test';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * /api/ml against the real server: every route's answer, and its refusals
 * (no token, malformed body, oversized body or text, over the per-user limit),
 * plus the match cache. One server for the answers and a second with a low
 * ML limit for the 429s, so the limit tests cannot starve the others.
 */

let server: TestServer;
let session: TestSession;

const TEXT_RESUME = {
  text: 'Senior data engineer, 8 years.\nBuilt batch and streaming pipelines in Python and SQL on AWS.\nRan Kafka and Airflow in production; mentored four engineers.',
  title: 'Senior Data Engineer',
};
const JOB = {
  title: 'Senior Data Engineer',
  description: 'Requirements: 5+ years of Python and SQL, Airflow, AWS. Nice to have: Kafka, dbt. Remote within the EU.',
  location: 'Remote',
};
const ATS_BODY = {
  resume: RICH_RESUME,
  text: RICH_READING_ORDER.join('\n'),
  kind: 'pdf',
  bytes: 48_000,
  pages: 1,
  ocrPages: 0,
  layout: { columns: 1, tableRows: 0, unmappedGlyphs: 0, images: 0 },
  job: { title: 'Backend Engineer', text: 'Requirements: TypeScript, PostgreSQL, Kubernetes. Nice to have: Go.' },
};
/** 30 outcomes where a higher match score reached interviews more often: enough for the model. */
const HISTORY = Array.from({ length: 30 }, (_, i) => ({
  matchScore: 40 + (i % 10) * 6,
  site: i % 2 ? 'linkedin' : 'indeed',
  daysToApply: i % 7,
  hasContact: i % 5 === 0,
  interviewed: i % 10 >= 6 || i % 9 === 0,
}));

function post(path: string, body: unknown, token: string | null = session.accessToken, base = server) {
  return fetch(`${base.url}/api/ml${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

interface ErrorJson { error: { code: string; message: string; fields?: Record<string, string> } }
const errorOf = async (res: Response) => ((await res.json()) as ErrorJson).error;

beforeAll(async () => {
  server = await startTestServer();
  session = await signInForTest(server, 'ml');
});

afterAll(async () => {
  await server?.stop();
});

describe('POST /api/ml/match', () => {
  it('answers the match with its breakdown and the engine that produced it', async () => {
    const res = await post('/match', { resume: TEXT_RESUME, job: JOB });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown> & { skills: { required: { name: string; status: string }[] } };
    expect(body).toMatchObject({ engine: 'server', cached: false, basis: 'full', algorithmVersion: expect.stringMatching(/^match-/) as unknown });
    expect(body.score).toBeGreaterThanOrEqual(0);
    expect(body.score).toBeLessThanOrEqual(100);
    expect(['excellent', 'good', 'fair', 'low', 'poor']).toContain(body.band);
    expect(body.skills.required.find((s) => s.name === 'Python')?.status).toBe('met');
    expect(Array.isArray(body.components)).toBe(true);
  });

  it('takes a parsed resume too, and scores a job without a description on its title', async () => {
    const res = await post('/match', { resume: RICH_RESUME, job: { title: 'Principal Engineer' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ engine: 'offline', basis: 'title-only' });
  });

  it('serves the second identical request from the cache; another input misses', async () => {
    const job = { ...JOB, title: 'Staff Data Engineer' };
    const first = (await (await post('/match', { resume: TEXT_RESUME, job })).json()) as { cached: boolean; score: number };
    const second = (await (await post('/match', { job, resume: { title: TEXT_RESUME.title, text: TEXT_RESUME.text } })).json()) as { cached: boolean; score: number };
    const other = (await (await post('/match', { resume: TEXT_RESUME, job: { ...job, location: 'Berlin' } })).json()) as { cached: boolean };
    expect(first.cached).toBe(false);
    expect(second).toEqual({ ...first, cached: true });
    expect(other.cached).toBe(false);
  });

  it('refuses a request without a valid access token (401)', async () => {
    expect((await post('/match', { resume: TEXT_RESUME, job: JOB }, null)).status).toBe(401);
    expect((await post('/match', { resume: TEXT_RESUME, job: JOB }, 'not-a-token')).status).toBe(401);
  });

  it('names the malformed field (400)', async () => {
    const missingTitle = await post('/match', { resume: TEXT_RESUME, job: { description: 'Python' } });
    expect(missingTitle.status).toBe(400);
    expect((await errorOf(missingTitle)).fields).toHaveProperty(['job.title']);

    const unknown = await post('/match', { resume: { ...TEXT_RESUME, salary: 1 }, job: JOB });
    expect(unknown.status).toBe(400);
    expect((await errorOf(unknown)).fields).toHaveProperty(['resume.salary']);

    const notParsed = await post('/match', { resume: { contact: {} }, job: JOB });
    expect(notParsed.status).toBe(400);
    expect(Object.keys((await errorOf(notParsed)).fields ?? {}).some((f) => f.startsWith('resume.'))).toBe(true);

    const notJson = await post('/match', '{"resume":');
    expect(notJson.status).toBe(400);
    expect((await errorOf(notJson)).code).toBe('malformed_json');
  });

  it('refuses a body over 256 KB, and a text over the engine cap, with 413', async () => {
    const huge = await post('/match', { resume: { text: 'x'.repeat(300 * 1024) }, job: JOB });
    expect(huge.status).toBe(413);
    expect((await errorOf(huge)).code).toBe('payload_too_large');

    // Within the body limit but over the engine's 200,000 characters.
    const long = await post('/match', { resume: { text: 'Python '.repeat(30_000) }, job: JOB });
    expect(long.status).toBe(413);
    const error = await errorOf(long);
    expect(error.code).toBe('input_too_large');
    expect(error.message).toMatch(/The resume is 210000 characters; the limit is 200000/);
  });

  it('matches in a worker thread: the server keeps answering while a large match runs', async () => {
    const big = { text: 'Built pipelines in Python and SQL on AWS with Kubernetes, led a team of five engineers.\n'.repeat(2_200) };
    const order: string[] = [];
    const matching = post('/match', { resume: big, job: { ...JOB, title: 'Platform Engineer' } }).then((res) => order.push(`match ${res.status}`));
    await new Promise((resolve) => setTimeout(resolve, 50)); // the match has reached the worker
    await fetch(`${server.url}/health`).then((res) => order.push(`health ${res.status}`));
    await matching;
    expect(order).toEqual(['health 200', 'match 200']);
  });
});

describe('POST /api/ml/ats', () => {
  it('answers the ATS report, with keyword coverage for the job', async () => {
    const res = await post('/ats', ATS_BODY);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { engine: string; checkVersion: number; items: { id: string; status: string }[]; counts: Record<string, number> };
    expect(body.engine).toBe('offline');
    expect(body.items).toHaveLength(14);
    expect(body.items.find((i) => i.id === 'keyword-coverage')?.status).not.toBe('not-checked');
    expect(Object.values(body.counts).reduce((a, b) => a + b, 0)).toBe(14);
  });

  it('401 without a token, 400 naming the field, 413 over the limits', async () => {
    expect((await post('/ats', ATS_BODY, null)).status).toBe(401);

    const badKind = await post('/ats', { ...ATS_BODY, kind: 'txt' });
    expect(badKind.status).toBe(400);
    expect((await errorOf(badKind)).fields).toHaveProperty('kind');
    const badPages = await post('/ats', { ...ATS_BODY, pages: -1 });
    expect((await errorOf(badPages)).fields).toHaveProperty('pages');

    expect((await post('/ats', { ...ATS_BODY, text: 'x'.repeat(300 * 1024) })).status).toBe(413);
    const long = await post('/ats', { ...ATS_BODY, job: { text: 'SQL '.repeat(55_000) } });
    expect(long.status).toBe(413);
    expect((await errorOf(long)).message).toMatch(/The job text is 220000 characters/);
  });
});

describe('POST /api/ml/interview', () => {
  it('answers the base rate until there are enough outcomes, then the model with its factors', async () => {
    const few = await post('/interview', { history: HISTORY.slice(0, 5), candidate: { matchScore: 80 } });
    expect(few.status).toBe(200);
    expect(await few.json()).toMatchObject({ engine: 'offline', kind: 'base-rate', baseRate: { outcomes: 5 } });

    const enough = await post('/interview', { history: HISTORY, candidate: { matchScore: 90, site: 'linkedin', daysToApply: 1, hasContact: true } });
    expect(enough.status).toBe(200);
    const body = (await enough.json()) as { kind: string; probability: number; factors: unknown[] };
    expect(body.kind).toBe('model');
    expect(body.probability).toBeGreaterThan(0);
    expect(body.probability).toBeLessThan(1);
    expect(body.factors.length).toBeGreaterThan(0);
  });

  it('401 without a token, 400 naming the field (also past the history cap), 413 over the body limit', async () => {
    expect((await post('/interview', { history: [], candidate: {} }, null)).status).toBe(401);

    const noOutcome = await post('/interview', { history: [{ matchScore: 50 }], candidate: {} });
    expect(noOutcome.status).toBe(400);
    expect((await errorOf(noOutcome)).fields).toHaveProperty(['history.0.interviewed']);

    const badScore = await post('/interview', { history: [], candidate: { matchScore: 101 } });
    expect((await errorOf(badScore)).fields).toHaveProperty(['candidate.matchScore']);

    const tooMany = await post('/interview', { history: Array.from({ length: MAX_OUTCOMES + 1 }, () => ({ interviewed: false })), candidate: {} });
    expect(tooMany.status).toBe(400);
    expect((await errorOf(tooMany)).fields?.history).toMatch(/at most 10000/);

    const huge = await post('/interview', { history: Array.from({ length: 9_000 }, () => ({ interviewed: false, site: 'x'.repeat(40) })), candidate: {} });
    expect(huge.status).toBe(413);
  });
});

const SAVED = [
  { id: 'nurse', status: 'saved', job: { title: 'ICU Nurse', description: 'Requirements: BLS, ACLS, patient care.' } },
  { id: 'data', status: 'saved', job: JOB },
  { id: 'applied', status: 'applied', job: JOB },
  { id: 'untitled', status: 'saved', job: { title: 'Data Engineer' } },
];

describe('POST /api/ml/recommend', () => {
  it('ranks the saved, not-yet-applied jobs by fit, with reasons and missing skills', async () => {
    const res = await post('/recommend', { resume: TEXT_RESUME, jobs: SAVED });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { engine: string; cached: boolean; recommendations: { id: string; score: number; reasons: string[]; missing: string[] }[] };
    expect(body.engine).toBe('offline');
    expect(body.cached).toBe(false);
    const ids = body.recommendations.map((r) => r.id);
    expect(ids).not.toContain('applied');
    expect(ids.slice(0, 2)).toEqual(['data', 'untitled']);
    expect(ids.at(-1)).toBe('nurse');
    expect(body.recommendations[0]!.reasons.length).toBeGreaterThan(0);
    expect(body.recommendations.find((r) => r.id === 'nurse')?.missing).toContain('BLS');
    expect(((await (await post('/recommend', { resume: TEXT_RESUME, jobs: SAVED, limit: 1 })).json()) as { recommendations: unknown[] }).recommendations).toHaveLength(1);
  });

  it('401 without a token, 400 naming the field, 413 over the body or text limit', async () => {
    expect((await post('/recommend', { resume: TEXT_RESUME, jobs: SAVED }, null)).status).toBe(401);
    const badStatus = await post('/recommend', { resume: TEXT_RESUME, jobs: [{ ...SAVED[0], status: 'maybe' }] });
    expect(badStatus.status).toBe(400);
    expect((await errorOf(badStatus)).fields).toHaveProperty(['jobs.0.status']);
    const badLimit = await post('/recommend', { resume: TEXT_RESUME, jobs: SAVED, limit: 0 });
    expect((await errorOf(badLimit)).fields).toHaveProperty('limit');
    const noTitle = await post('/recommend', { resume: TEXT_RESUME, jobs: [{ id: 'x', status: 'saved', job: {} }] });
    expect((await errorOf(noTitle)).fields).toHaveProperty(['jobs.0.job.title']);

    const huge = await post('/recommend', { resume: TEXT_RESUME, jobs: Array.from({ length: 3_000 }, (_, i) => ({ id: `j${i}`, status: 'saved', job: { title: 'x'.repeat(400) } })) });
    expect(huge.status).toBe(413);
    const long = await post('/recommend', { resume: TEXT_RESUME, jobs: [{ id: 'x', status: 'saved', job: { title: 'SQL', description: 'SQL '.repeat(55_000) } }] });
    expect(long.status).toBe(413);
    expect((await errorOf(long)).message).toMatch(/Job 0's description is 220000 characters/);
  });
});

describe('POST /api/ml/resume/feedback', () => {
  it('for one job: the changes that raise the match most, in order, each with its measured gain', async () => {
    const res = await post('/resume/feedback', { resume: { text: 'Data engineer. Python on AWS.' }, job: JOB });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { engine: string; items: { kind: string; gain: number; skill?: string; jobIds?: string[] }[] };
    expect(body.engine).toBe('offline');
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.map((i) => i.skill)).toContain('SQL');
    expect(body.items.map((i) => i.gain)).toEqual([...body.items.map((i) => i.gain)].sort((a, b) => b - a));
    expect(body.items.every((i) => i.jobIds === undefined)).toBe(true);
  });

  it('across several jobs: each change names the jobs it helps', async () => {
    const res = await post('/resume/feedback', { resume: { text: 'Data engineer. Python on AWS.' }, jobs: SAVED.map(({ id, job }) => ({ id, job })), limit: 3 });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { jobIds?: string[] }[] };
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.length).toBeLessThanOrEqual(3);
    expect(body.items.every((i) => (i.jobIds?.length ?? 0) > 0)).toBe(true);
  });

  it('401 without a token, 400 for neither or both of job and jobs and past the job cap, 413 over the limits', async () => {
    expect((await post('/resume/feedback', { resume: TEXT_RESUME, job: JOB }, null)).status).toBe(401);
    const neither = await post('/resume/feedback', { resume: TEXT_RESUME });
    expect(neither.status).toBe(400);
    expect((await errorOf(neither)).fields?.job).toMatch(/either job or jobs/);
    expect((await post('/resume/feedback', { resume: TEXT_RESUME, job: JOB, jobs: [{ id: 'a', job: JOB }] })).status).toBe(400);
    const tooMany = await post('/resume/feedback', { resume: TEXT_RESUME, jobs: Array.from({ length: 201 }, (_, i) => ({ id: `j${i}`, job: { title: 'Nurse' } })) });
    expect(tooMany.status).toBe(400);
    expect((await errorOf(tooMany)).fields?.jobs).toMatch(/at most 200/);

    expect((await post('/resume/feedback', { resume: { text: 'x'.repeat(1100 * 1024) }, job: JOB })).status).toBe(413);
    const long = await post('/resume/feedback', { resume: { text: 'Python '.repeat(30_000) }, job: JOB });
    expect(long.status).toBe(413);
    expect((await errorOf(long)).message).toMatch(/The resume is 210000 characters/);
  });
});

describe('per-user rate limit', () => {
  let limited: TestServer;

  beforeAll(async () => {
    limited = await startTestServer({ rateLimits: { ...DEFAULT_RATE_LIMITS, mlPerWindow: 5 } });
  });

  afterAll(async () => {
    await limited?.stop();
  });

  it('answers 429 with the RateLimit header past the limit, for that user only', async () => {
    const alice = await signInForTest(limited, 'ml-alice');
    const bob = await signInForTest(limited, 'ml-bob');
    const call = (who: TestSession, path: string, body: unknown) => post(path, body, who.accessToken, limited);
    expect((await call(alice, '/match', { resume: TEXT_RESUME, job: JOB })).status).toBe(200);
    expect((await call(alice, '/ats', ATS_BODY)).status).toBe(200);
    expect((await call(alice, '/recommend', { resume: TEXT_RESUME, jobs: SAVED })).status).toBe(200);
    expect((await call(alice, '/resume/feedback', { resume: TEXT_RESUME, job: JOB })).status).toBe(200);
    expect((await call(alice, '/interview', { history: [], candidate: {} })).status).toBe(200);
    // One limit across the ML routes: past it, every route refuses.
    for (const [path, body] of [['/match', { resume: TEXT_RESUME, job: JOB }], ['/recommend', { resume: TEXT_RESUME, jobs: SAVED }], ['/resume/feedback', { resume: TEXT_RESUME, job: JOB }], ['/ats', ATS_BODY]] as const) {
      expect((await call(alice, path, body)).status, path).toBe(429);
    }
    const over = await call(alice, '/interview', { history: [], candidate: {} });
    expect(over.status).toBe(429);
    expect(over.headers.get('ratelimit')).toMatch(/remaining=0/);
    expect((await errorOf(over)).code).toBe('rate_limited');
    expect((await call(bob, '/match', { resume: TEXT_RESUME, job: JOB })).status).toBe(200);
  });
});

describe('/api/ml and the per-IP budget of the auth routes', () => {
  let small: TestServer;
  beforeAll(async () => {
    small = await startTestServer({ rateLimits: { ...DEFAULT_RATE_LIMITS, ipPerWindow: 12 } });
  });
  afterAll(async () => {
    await small?.stop();
  });

  it('does not spend it: a person scoring many jobs can still sign in from the same address', async () => {
    const carol = await signInForTest(small, 'ml-carol');
    for (let i = 0; i < 15; i += 1) {
      expect((await post('/interview', { history: [], candidate: {} }, carol.accessToken, small)).status).toBe(200);
    }
    const login = await fetch(`${small.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: carol.user.email, password: TEST_PASSWORD }),
    });
    expect(login.status).toBe(200);
  });
});
