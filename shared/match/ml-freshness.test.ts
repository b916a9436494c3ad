import { describe, expect, it } from 'vitest';
import { JOB_LIMITS } from '../schema/job';
import { match } from './match';
import { toMlAnalysis } from './ml-analysis';
import { inputsKey, isAnalysisFresh, jobInputsKey, readableSummary, storedInputsKey, withInputsKey, withStoredAnalysis } from './ml-freshness';
import { resumeInputsKey } from './resume-key';

const resume = { text: 'Built APIs in Node.js with PostgreSQL.', title: 'Backend Engineer' };
const job = { title: 'Backend Engineer', description: 'Requirements: Node.js, PostgreSQL, Kubernetes.', location: 'Lisbon' };
const keyOf = (r: typeof resume, j: typeof job) => inputsKey(resumeInputsKey(r), jobInputsKey(j));
const stored = (r: typeof resume, j: typeof job) => withInputsKey(toMlAnalysis(match(r, j), '2026-12-06T20:00:00.000Z'), keyOf(r, j));

describe('mlAnalysis freshness', () => {
  it('is fresh for the inputs it was computed from', () => {
    expect(isAnalysisFresh(stored(resume, job), keyOf(resume, job))).toBe(true);
  });

  it('is stale when the description, title or location changes, or the resume does', () => {
    const analysis = stored(resume, job);
    expect(isAnalysisFresh(analysis, keyOf(resume, { ...job, description: `${job.description} Go.` }))).toBe(false);
    expect(isAnalysisFresh(analysis, keyOf(resume, { ...job, title: 'Data Engineer' }))).toBe(false);
    expect(isAnalysisFresh(analysis, keyOf(resume, { ...job, location: 'Porto' }))).toBe(false);
    expect(isAnalysisFresh(analysis, keyOf({ ...resume, text: `${resume.text} Kubernetes.` }, job))).toBe(false);
  });

  it('is stale when there is none, or it names no key (stored before keys)', () => {
    expect(isAnalysisFresh(undefined, keyOf(resume, job))).toBe(false);
    expect(isAnalysisFresh(toMlAnalysis(match(resume, job), '2026-12-06T20:00:00.000Z'), keyOf(resume, job))).toBe(false);
  });

  it('keeps the summary readable and within the schema limit, and replaces an older key', () => {
    const analysis = stored(resume, job);
    expect(readableSummary(analysis)).toBe(toMlAnalysis(match(resume, job), '2026-12-06T20:00:00.000Z').summary);
    const rekeyed = withInputsKey(analysis, 'abc.def');
    expect(storedInputsKey(rekeyed)).toBe('abc.def');
    expect(rekeyed.summary!.match(/; inputs /g)).toHaveLength(1);
    const long = withInputsKey({ ...analysis, summary: 'x'.repeat(JOB_LIMITS.mlSummaryLength) }, 'abc.def');
    expect(long.summary!.length).toBeLessThanOrEqual(JOB_LIMITS.mlSummaryLength);
    expect(storedInputsKey(long)).toBe('abc.def');
  });
});

describe('withStoredAnalysis', () => {
  const base = { title: job.title, description: job.description, location: job.location } as const;
  const stub = { ...base, id: 'j1', updatedAt: '2026-12-01T00:00:00.000Z' } as unknown as Parameters<typeof withStoredAnalysis>[0];
  const analysis = stored(resume, job);
  const jobKey = jobInputsKey(job);

  it('stores the analysis when the job still has the inputs it was computed from', () => {
    expect(withStoredAnalysis(stub, jobKey, analysis)).toMatchObject({ mlAnalysis: analysis, updatedAt: '2026-12-01T00:00:00.000Z' });
  });

  it('leaves the job alone when its description changed meanwhile, or the same analysis is stored', () => {
    const edited = { ...stub, description: 'Requirements: Go.' };
    expect(withStoredAnalysis(edited, jobKey, analysis)).toBe(edited);
    const done = { ...stub, mlAnalysis: analysis };
    expect(withStoredAnalysis(done, jobKey, { ...analysis, analyzedAt: '2026-12-06T22:00:00.000Z' })).toBe(done);
  });
});
