import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateResumeCouchDoc } from '../../shared/resume/doc/couch-doc';
import { stampResumeFieldTimes } from '../../shared/resume/doc/merge-resume';
import type { Resume } from '../../shared/resume/doc/resume-doc';
import { testResume } from '../../shared/resume/doc/test-resume';
import { signInForTest, type TestSession } from '../helpers/sign-in-for-test';
import { startTestServer, type TestServer } from '../helpers/test-server';

/**
 * /api/resumes against the real server: each route, its refusals, the
 * active-resume rule, the analysis, and an edit against an older revision
 * merged with a device's edit made through the resumes replication.
 */

let server: TestServer;
let ada: TestSession;
let bob: TestSession;

type StoredResume = Resume & { _rev: string };
interface ErrorJson { error: { code: string; fields?: Record<string, string> } }

function call(method: string, path: string, body?: unknown, token: string | null = ada.accessToken) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
}

async function json<T>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

const errorOf = async (res: Response, status: number) => (await json<ErrorJson>(res, status)).error;

const sample = testResume();
const NEW_RESUME = { name: 'Backend resume', file: sample.file, outcome: sample.outcome, parsed: sample.parsed };

async function addResume(fields: Record<string, unknown> = {}, session = ada): Promise<StoredResume> {
  return (await json<{ resume: StoredResume }>(await call('POST', '/api/resumes', { ...NEW_RESUME, ...fields }, session.accessToken), 201)).resume;
}

const resumesUrl = (session: TestSession) => `${session.syncUrl.replace(/\/$/, '')}-resumes/`;

async function pushFromDevice(session: TestSession, doc: Record<string, unknown>) {
  const res = await fetch(`${resumesUrl(session)}_bulk_docs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${session.accessToken}` },
    body: JSON.stringify({ docs: [doc] }),
  });
  const rows = await json<{ ok?: boolean }[]>(res, 201);
  expect(rows[0]?.ok, JSON.stringify(rows)).toBe(true);
}

async function pullFromDevice(session: TestSession, id: string) {
  const res = await fetch(`${resumesUrl(session)}_changes?include_docs=true`, { headers: { Authorization: `Bearer ${session.accessToken}` } });
  return (await json<{ results: { id: string; deleted?: boolean; doc: Record<string, unknown> }[] }>(res, 200)).results.find((row) => row.id === id);
}

beforeAll(async () => {
  server = await startTestServer();
  ada = await signInForTest(server, 'resumes-ada');
  bob = await signInForTest(server, 'resumes-bob');
});

afterAll(async () => {
  await server?.stop();
});

describe('resumes', () => {
  it('creates a resume that the resumes replication carries as a valid document', async () => {
    const resume = await addResume();
    expect(resume).toMatchObject({ name: 'Backend resume', active: false, schemaVersion: 1 });
    expect(resume.resume).toEqual(sample.parsed);
    const pulled = await pullFromDevice(ada, resume.id);
    expect(validateResumeCouchDoc(pulled?.doc)).toBeNull();
    expect((await json<{ resume: StoredResume }>(await call('GET', `/api/resumes/${resume.id}`), 200)).resume).toEqual(resume);
  });

  it('edits the name and a section; what was parsed stays', async () => {
    const resume = await addResume();
    const body = await json<{ resume: StoredResume; status: string }>(await call('PUT', `/api/resumes/${resume.id}`, { name: 'Data resume', resume: { skills: ['Python', 'SQL'] } }), 200);
    expect(body.status).toBe('updated');
    expect(body.resume).toMatchObject({ name: 'Data resume', resume: { skills: ['Python', 'SQL'], summary: sample.parsed.summary }, parsed: sample.parsed });
  });

  it('merges an edit against an older revision with a device edit synced meanwhile', async () => {
    const resume = await addResume();
    const { _rev: rev, id, ...rest } = resume;
    const device = stampResumeFieldTimes({ id, ...rest }, { id, ...rest, resume: { ...rest.resume, summary: 'From the laptop' }, updatedAt: new Date(Date.now() - 1000).toISOString() });
    const { id: _id, ...deviceFields } = device;
    await pushFromDevice(ada, { _id: id, ...deviceFields, _rev: rev });
    const body = await json<{ resume: StoredResume; merged: boolean }>(await call('PUT', `/api/resumes/${id}`, { name: 'From the phone', _rev: rev }), 200);
    expect(body.merged).toBe(true);
    expect(body.resume).toMatchObject({ name: 'From the phone', resume: { summary: 'From the laptop' } });
  });

  it('makes one resume the active one and unflags the others', async () => {
    const session = await signInForTest(server, 'resumes-active');
    const first = await addResume({}, session);
    const second = await addResume({}, session);
    const answer = await json<{ activeResumeId: string }>(await call('PUT', `/api/resumes/${first.id}/set-active`, undefined, session.accessToken), 200);
    expect(answer.activeResumeId).toBe(first.id);
    await json(await call('PUT', `/api/resumes/${second.id}/set-active`, undefined, session.accessToken), 200);
    const list = await json<{ resumes: StoredResume[] }>(await call('GET', '/api/resumes', undefined, session.accessToken), 200);
    expect(Object.fromEntries(list.resumes.map((r) => [r.id, r.active]))).toEqual({ [first.id]: false, [second.id]: true });
  });

  it('lists by pages, each resume once, filtered by name', async () => {
    const session = await signInForTest(server, 'resumes-pages');
    const ids = [];
    for (let i = 0; i < 7; i += 1) ids.push((await addResume({ name: i % 2 ? `Odd ${i}` : `Even ${i}` }, session)).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { resumes: StoredResume[]; nextCursor: string | null } = await json(await call('GET', `/api/resumes?limit=3${cursor ? `&cursor=${cursor}` : ''}`, undefined, session.accessToken), 200);
      seen.push(...page.resumes.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());
    const odd = await json<{ resumes: StoredResume[] }>(await call('GET', '/api/resumes?q=odd', undefined, session.accessToken), 200);
    expect(odd.resumes.map((r) => r.name).sort()).toEqual(['Odd 1', 'Odd 3', 'Odd 5']);
  });

  it('deletes with a tombstone devices receive', async () => {
    const resume = await addResume();
    expect((await call('DELETE', `/api/resumes/${resume.id}`)).status).toBe(204);
    expect((await call('GET', `/api/resumes/${resume.id}`)).status).toBe(404);
    const pulled = await pullFromDevice(ada, resume.id);
    expect(pulled?.deleted).toBe(true);
    expect(validateResumeCouchDoc(pulled?.doc)).toBeNull();
  });
});

describe('analysis', () => {
  it('checks a stored resume for ATS problems, matches it against a named job, and keeps the result for its revision', async () => {
    const resume = await addResume();
    const job = (await json<{ job: { id: string } }>(await call('POST', '/api/jobs', {
      title: 'Backend Engineer', company: 'Acme', url: 'https://example.com/j',
      description: 'Requirements: JavaScript, PostgreSQL and Kubernetes. Nice to have: Go.',
    }), 201)).job;
    const analyzed = await json<{ analysis: { resumeRev: string; ats: { items: { id: string; status: string }[]; engine: string }; skills: string[]; match?: { jobId: string; matchScore: number; missingSkills: string[]; matchedSkills: string[] } } }>(
      await call('POST', `/api/resumes/${resume.id}/analyze`, { jobId: job.id }), 200);
    expect(analyzed.analysis.resumeRev).toBe(resume._rev);
    expect(analyzed.analysis.ats.engine).toBe('offline');
    expect(analyzed.analysis.ats.items.find((item) => item.id === 'contact')?.status).toBe('pass');
    expect(analyzed.analysis.ats.items.find((item) => item.id === 'keyword-coverage')?.status).not.toBe('not-checked');
    expect(analyzed.analysis.skills).toEqual(['JavaScript', 'PostgreSQL']);
    expect(analyzed.analysis.match?.jobId).toBe(job.id);
    expect(analyzed.analysis.match?.matchedSkills).toEqual(expect.arrayContaining(['JavaScript', 'PostgreSQL']));
    expect(analyzed.analysis.match?.missingSkills).toContain('Kubernetes');

    const latest = await json<{ analysis: unknown }>(await call('GET', `/api/resumes/${resume.id}/analysis`), 200);
    expect(latest.analysis).toEqual(analyzed.analysis);

    // After an edit the kept analysis is stale: a new one is made for the new revision.
    const edited = await json<{ resume: StoredResume }>(await call('PUT', `/api/resumes/${resume.id}`, { resume: { skills: ['Go'] } }), 200);
    const fresh = await json<{ analysis: { resumeRev: string; skills: string[]; match?: unknown } }>(await call('GET', `/api/resumes/${resume.id}/analysis`), 200);
    expect(fresh.analysis).toMatchObject({ resumeRev: edited.resume._rev, skills: ['Go'] });
    expect(fresh.analysis.match).toBeUndefined();
  });

  it('answers 404 for a job or resume that is not the user\'s', async () => {
    const resume = await addResume();
    expect((await call('POST', `/api/resumes/${resume.id}/analyze`, { jobId: 'manual:nope' })).status).toBe(404);
    expect((await call('POST', `/api/resumes/${resume.id}/analyze`, {}, bob.accessToken)).status).toBe(404);
    expect((await call('GET', `/api/resumes/${resume.id}/analysis`, undefined, bob.accessToken)).status).toBe(404);
  });
});

describe('refusals', () => {
  it('refuses invalid bodies', async () => {
    expect((await errorOf(await call('POST', '/api/resumes', { ...NEW_RESUME, name: '' }), 400)).fields).toHaveProperty('name');
    expect((await errorOf(await call('POST', '/api/resumes', { ...NEW_RESUME, file: { ...sample.file, sha256: 'nope' } }), 400)).fields).toHaveProperty('file.sha256');
    expect((await errorOf(await call('POST', '/api/resumes', { ...NEW_RESUME, active: true }), 400)).fields).toHaveProperty('active');
    const resume = await addResume();
    expect((await errorOf(await call('PUT', `/api/resumes/${resume.id}`, { parsed: sample.parsed }), 400)).fields).toHaveProperty('parsed');
    expect((await errorOf(await call('PUT', `/api/resumes/${resume.id}`, { resume: { hobbies: ['chess'] } }), 400)).fields).toHaveProperty('resume.hobbies');
    expect((await errorOf(await call('POST', `/api/resumes/${resume.id}/analyze`, { job: 'x' }), 400)).fields).toHaveProperty('job');
  });

  it('answers 413 to a body over the limit', async () => {
    const parsed = { ...sample.parsed, summary: 'x'.repeat(1_200_000) };
    expect((await call('POST', '/api/resumes', { ...NEW_RESUME, parsed })).status).toBe(413);
  });

  it('answers 401 without a token and 404 for another user\'s resume', async () => {
    const resume = await addResume();
    for (const [method, path] of [['GET', '/api/resumes'], ['POST', '/api/resumes'], ['GET', `/api/resumes/${resume.id}`], ['PUT', `/api/resumes/${resume.id}`], ['DELETE', `/api/resumes/${resume.id}`], ['PUT', `/api/resumes/${resume.id}/set-active`], ['POST', `/api/resumes/${resume.id}/analyze`], ['GET', `/api/resumes/${resume.id}/analysis`]] as const) {
      expect((await call(method, path, method === 'GET' || method === 'DELETE' ? undefined : {}, null)).status, `${method} ${path}`).toBe(401);
    }
    expect((await call('GET', `/api/resumes/${resume.id}`, undefined, bob.accessToken)).status).toBe(404);
    expect((await call('PUT', `/api/resumes/${resume.id}`, { name: 'mine now' }, bob.accessToken)).status).toBe(404);
    expect((await call('PUT', `/api/resumes/${resume.id}/set-active`, undefined, bob.accessToken)).status).toBe(404);
    expect((await call('DELETE', `/api/resumes/${resume.id}`, undefined, bob.accessToken)).status).toBe(404);
    expect((await json<{ resume: StoredResume }>(await call('GET', `/api/resumes/${resume.id}`), 200)).resume).toEqual(resume);
  });
});
