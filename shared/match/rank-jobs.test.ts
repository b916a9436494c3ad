import { describe, expect, it } from 'vitest';
import { AnalysisCache } from './job-analysis-cache';
import { match } from './match';
import { inputsKey, jobInputsKey } from './ml-freshness';
import { resumeInputsKey } from './resume-key';
import { rankJobs, rankResumes, refreshAnalyses } from './rank-jobs';

const resume = { text: 'Backend engineer. Built APIs in Node.js and TypeScript with PostgreSQL on AWS.', title: 'Backend Engineer' };
const jobs = [
  { id: 'nurse', job: { title: 'Registered Nurse', description: 'Requirements: patient care, BLS certification, electronic health records.' } },
  { id: 'backend', job: { title: 'Backend Engineer', description: 'Requirements: Node.js, TypeScript, PostgreSQL. Nice to have: AWS.' } },
  { id: 'data', job: { title: 'Data Engineer', description: 'Requirements: Python, Spark, Airflow, PostgreSQL.' } },
];

describe('rankJobs', () => {
  it('puts the fitting job first and gives each job the score match gives it', () => {
    const ranked = rankJobs(new AnalysisCache(), resume, jobs);
    expect(ranked[0]!.id).toBe('backend');
    expect(ranked.at(-1)!.id).toBe('nurse');
    for (const { id, score, band } of ranked) {
      const result = match(resume, jobs.find((j) => j.id === id)!.job);
      expect({ score, band }).toEqual({ score: result.score, band: result.band });
    }
  });

  it('analyses a job again only when its text changes, and keeps at most its cap', () => {
    const cache = new AnalysisCache(2);
    const first = cache.job('a', jobs[1]!.job);
    expect(cache.job('a', jobs[1]!.job)).toBe(first);
    expect(cache.job('a', { ...jobs[1]!.job, description: 'Requirements: Go.' })).not.toBe(first);
    cache.job('b', jobs[0]!.job);
    cache.job('c', jobs[2]!.job);
    expect(cache.size).toBe(2);
  });
});

describe('rankResumes', () => {
  it('finds which resume fits the job best', () => {
    const nurse = { text: 'Registered nurse: patient care on a surgical ward, BLS certified, Epic electronic health records.', title: 'Registered Nurse' };
    const ranked = rankResumes(new AnalysisCache(), [{ id: 'dev', resume }, { id: 'rn', resume: nurse }], 'nurse', jobs[0]!.job);
    expect(ranked.map((r) => r.id)).toEqual(['rn', 'dev']);
  });
});

describe('refreshAnalyses', () => {
  it('recomputes only the jobs whose stored key differs, and names the new key', () => {
    const cache = new AnalysisCache();
    const at = '2026-12-06T20:00:00.000Z';
    const fresh = inputsKey(resumeInputsKey(resume), jobInputsKey(jobs[1]!.job));
    const out = refreshAnalyses(cache, resume, [{ ...jobs[0]!, storedKey: 'old.key' }, { ...jobs[1]!, storedKey: fresh }, jobs[2]!], at);
    expect(out.map((o) => o.id)).toEqual(['nurse', 'data']);
    expect(out[0]!.mlAnalysis).toMatchObject({ matchScore: match(resume, jobs[0]!.job).score, analyzedAt: at });
    expect(out[0]!.mlAnalysis.summary).toMatch(new RegExp(`; inputs ${resumeInputsKey(resume)}\\.${out[0]!.jobKey}$`));
  });
});
