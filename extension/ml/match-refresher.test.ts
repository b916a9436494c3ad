import { describe, expect, it } from 'vitest';
import { queryJob } from '../../shared/jobs/query/test-jobs';
import { AnalysisCache } from '../../shared/match/job-analysis-cache';
import { match } from '../../shared/match/match';
import { isAnalysisFresh, inputsKey, jobInputsKey } from '../../shared/match/ml-freshness';
import { resumeInputsKey } from '../../shared/match/resume-key';
import { refreshAnalyses, type RefreshJob } from '../../shared/match/rank-jobs';
import type { Job } from '../../shared/schema';
import { MatchRefresher, REFRESH_BATCH, WRITE_CHUNK } from './match-refresher';

/** The refresher against the real engine (as the worker runs it) and an in-memory store of jobs. */
function harness(jobs: Job[]) {
  const store = new Map(jobs.map((job) => [job.id, job]));
  const cache = new AnalysisCache();
  const sent: number[] = [];
  let writes = 0;
  const refresher = new MatchRefresher({
    worker: () => ({
      refreshAnalyses: async (resume, batch: RefreshJob[], at) => {
        sent.push(batch.length);
        return refreshAnalyses(cache, resume, batch, at);
      },
    }),
    write: async (ids, edit) => {
      writes += 1;
      let n = 0;
      for (const id of ids) {
        const at = new Date(Date.UTC(2026, 11, 6, 12, 0, ++n)).toISOString();
        store.set(id, edit(store.get(id)!, at));
      }
      return { updated: [...ids], failed: [] };
    },
    pause: async () => {},
    // Passes run when the test says, not when changes settle.
    settleMs: 3_600_000,
  });
  return { store, refresher, sent, writes: () => writes, all: () => [...store.values()] };
}

const resume = { text: 'Backend engineer: Node.js, TypeScript and PostgreSQL.', title: 'Backend Engineer' };
const keyFor = (job: Job) => inputsKey(resumeInputsKey(resume), jobInputsKey({ title: job.title, ...(job.description ? { description: job.description } : {}), ...(job.location ? { location: job.location } : {}) }));

describe('MatchRefresher', () => {
  it('stores a fresh analysis on every job, in batches, then sends only the jobs that changed', async () => {
    const jobs = Array.from({ length: REFRESH_BATCH + 5 }, (_, i) =>
      queryJob({ id: `j${i}`, title: i % 2 ? 'Backend Engineer' : 'Registered Nurse', description: i % 2 ? 'Requirements: Node.js, PostgreSQL.' : 'Requirements: patient care.' }),
    );
    const h = harness(jobs);
    h.refresher.update(h.all(), resume);
    await h.refresher.run();
    expect(h.sent).toEqual([REFRESH_BATCH, 5]);
    // Written in short storage writes: every batch's analyses in chunks.
    expect(h.writes()).toBe(Math.ceil(REFRESH_BATCH / WRITE_CHUNK) + 1);
    for (const job of h.all()) expect(isAnalysisFresh(job.mlAnalysis, keyFor(job))).toBe(true);
    expect(h.store.get('j1')!.mlAnalysis!.matchScore).toBe(match(resume, { title: 'Backend Engineer', description: 'Requirements: Node.js, PostgreSQL.' }).score);

    // The jobs it wrote come back from the live list: nothing is sent or written again.
    const writes = h.writes();
    h.refresher.update(h.all(), resume);
    await h.refresher.run();
    expect(h.sent).toEqual([REFRESH_BATCH, 5]);
    expect(h.writes()).toBe(writes);

    // One edited description: only that job is sent, and its score is recomputed.
    const edited = { ...h.store.get('j1')!, description: 'Requirements: Kubernetes, Terraform.', updatedAt: '2026-12-07T00:00:00.000Z' };
    h.store.set('j1', edited);
    h.sent.length = 0;
    h.refresher.update(h.all(), resume);
    await h.refresher.run();
    expect(h.sent).toEqual([1]);
    expect(isAnalysisFresh(h.store.get('j1')!.mlAnalysis, keyFor(h.store.get('j1')!))).toBe(true);
    expect(h.store.get('j1')!.mlAnalysis!.matchScore).toBe(match(resume, { title: 'Backend Engineer', description: 'Requirements: Kubernetes, Terraform.' }).score);
    h.refresher.stop();
  });

  it('tries a failed batch again on the next pass', async () => {
    const jobs = [queryJob({ id: 'a', title: 'Backend Engineer', description: 'Requirements: Node.js.' })];
    const store = new Map(jobs.map((job) => [job.id, job]));
    let fail = true;
    const refresher = new MatchRefresher({
      worker: () => ({
        refreshAnalyses: async (r, batch: RefreshJob[], at) => {
          if (fail) throw new Error('worker crashed');
          return refreshAnalyses(new AnalysisCache(), r, batch, at);
        },
      }),
      write: async (ids, edit) => {
        for (const id of ids) store.set(id, edit(store.get(id)!, '2026-12-06T12:00:00.000Z'));
        return { updated: [...ids], failed: [] };
      },
      pause: async () => {},
      settleMs: 3_600_000,
    });
    refresher.update([...store.values()], resume);
    await refresher.run();
    expect(store.get('a')!.mlAnalysis).toBeUndefined();
    fail = false;
    await refresher.run();
    expect(isAnalysisFresh(store.get('a')!.mlAnalysis, keyFor(store.get('a')!))).toBe(true);
    refresher.stop();
  });

  it('does nothing without a resume', async () => {
    const h = harness([queryJob({ id: 'a', description: 'Requirements: Go.' })]);
    h.refresher.update(h.all(), undefined);
    await h.refresher.run();
    expect(h.sent).toEqual([]);
    expect(h.store.get('a')!.mlAnalysis).toBeUndefined();
    h.refresher.stop();
  });
});
