/**
 * A resume's last analysis (GET /api/resumes/:id/analysis) is the last one
 * made, whichever instance made it: with REDIS_URL it is kept in Redis beside
 * the ML answers, not in one instance's memory.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { testResume } from '../../shared/resume/doc/test-resume';
import { createVerifiedAccount } from '../helpers/accounts';
import { startDeployment, type Deployment } from './deployment';

let deployment: Deployment;

beforeAll(async () => {
  deployment = await startDeployment();
}, 90_000);

afterAll(async () => {
  await deployment?.stop();
});

it('answers on B with the analysis against a job that A made', async () => {
  const session = await createVerifiedAccount({ url: deployment.a.url, dataDir: deployment.a.dataDir }, { email: `two-analysis-${Date.now()}@example.com`, password: 'correct horse battery staple', name: 'Two Analysis' });
  const call = async (base: string, method: string, route: string, body?: unknown) => {
    const response = await fetch(`${base}${route}`, {
      method,
      headers: { authorization: `Bearer ${session.accessToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    expect(response.status, text).toBeLessThan(300);
    return JSON.parse(text) as Record<string, { id: string } & Record<string, unknown>>;
  };
  const sample = testResume();
  const { resume } = await call(deployment.a.url, 'POST', '/api/resumes', { name: 'Backend resume', file: sample.file, outcome: sample.outcome, parsed: sample.parsed });
  const { job } = await call(deployment.a.url, 'POST', '/api/jobs', {
    title: 'Backend Engineer', company: 'Acme', url: 'https://example.com/j',
    description: 'Requirements: JavaScript, PostgreSQL and Kubernetes. Nice to have: Go.',
  });
  const made = await call(deployment.a.url, 'POST', `/api/resumes/${resume!.id}/analyze`, { jobId: job!.id });
  expect((made.analysis!.match as { jobId: string }).jobId).toBe(job!.id);

  for (const instance of [deployment.a, deployment.b]) {
    const latest = await call(instance.url, 'GET', `/api/resumes/${resume!.id}/analysis`);
    expect(latest.analysis, `the last analysis as ${instance.name} answers it`).toEqual(made.analysis);
  }
});
