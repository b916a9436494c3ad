import { describe, expect, it } from 'vitest';
import raw from '../../tests/fixtures/ml-eval/set-a.json';
import { evalSetSchema, evaluate, ndcgAt, precisionAt1, rankJobs } from './eval';

const set = evalSetSchema.parse(raw);

describe('ranking quality on set A', () => {
  it('computes P@1 and nDCG@10 with graded relevance', () => {
    expect(precisionAt1(['a', 'b'], { a: 3, b: 2 })).toBe(1);
    expect(precisionAt1(['b', 'a'], { a: 3, b: 2 })).toBe(0);
    expect(ndcgAt(['a', 'b'], { a: 3, b: 1 })).toBe(1);
    expect(ndcgAt(['b', 'a'], { a: 3, b: 1 })).toBeCloseTo((1 + 7 / Math.log2(3)) / (7 + 1 / Math.log2(3)), 10);
  });

  // Pure computation, so the figures are exact: these are the floors the offline engine reaches
  // (taxonomy 2026.12.4, match-1.0.0). Its aliases were written with this set in view: see the README.
  it('ranks every job for the original resumes (P@1 1, nDCG@10 at least 0.99)', () => {
    const result = evaluate(set, set.resumes, 'offline');
    expect(result.p1).toBe(1);
    expect(result.ndcg10).toBeGreaterThanOrEqual(0.99);
    for (const r of set.resumes) expect([...(result.rankings[r.id] ?? [])].sort()).toEqual(set.jobs.map((j) => j.id).sort());
    expect(result.skills['R5']).toEqual(expect.arrayContaining(['Kubernetes', 'Terraform', 'Go']));
  });

  it('ranks the paraphrased resumes (P@1 1, nDCG@10 at least 0.99), above BM25 alone', () => {
    const offline = evaluate(set, set.paraphrased ?? [], 'offline');
    const bm25 = evaluate(set, set.paraphrased ?? [], 'bm25');
    expect(offline.p1).toBe(1);
    expect(offline.ndcg10).toBeGreaterThanOrEqual(0.99);
    expect(offline.ndcg10).toBeGreaterThan(bm25.ndcg10);
  });

  it('ranks with the semantic part for the server engine, and needs the similarities to', () => {
    const resume = set.resumes[0]!;
    const offline = rankJobs(resume, set.jobs, 'offline');
    const last = offline.at(-1)!;
    // A similarity that finds only the offline engine's last job close lifts it; none at all leaves the order.
    const lifted = rankJobs(resume, set.jobs, 'server', (_r, j) => (j.id === last ? 0.95 : 0.2));
    expect(lifted.indexOf(last)).toBeLessThan(offline.length - 1);
    expect(rankJobs(resume, set.jobs, 'server', () => 0.2)).toEqual(offline);
    expect(() => rankJobs(resume, set.jobs, 'server')).toThrow(/similarity/);
  });
});
