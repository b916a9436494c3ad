/**
 * Ranking quality on an evaluation set (jobs, resumes with graded relevance
 * per job, optionally the same people paraphrased): P@1 and nDCG@10, the
 * figures `npm run ml:eval` prints and the quality test holds.
 */
import { z } from 'zod';
import { analyzeJob, analyzeResume, exactScore, matchAnalyzed, resumeSkills, type JobAnalysis } from './match';
import { bm25Scores } from './relevance';
import { blendSemantic } from './semantic-blend';
import { MAX_TEXT_CHARS } from './text';

const text = z.string().max(MAX_TEXT_CHARS);
const relevance = z.record(z.string(), z.number().min(0).max(10));
export const evalSetSchema = z.object({
  jobs: z.array(z.object({ id: z.string().min(1), title: z.string().max(500).optional(), text })).min(1).max(5000),
  resumes: z.array(z.object({ id: z.string().min(1), title: z.string().max(500).optional(), text, relevance })).min(1).max(500),
  paraphrased: z.array(z.object({ id: z.string().min(1), title: z.string().max(500).optional(), text, relevance })).max(500).optional(),
});
export type EvalSet = z.infer<typeof evalSetSchema>;
export type EvalResume = EvalSet['resumes'][number];
export type EvalJob = EvalSet['jobs'][number];
export type Engine = 'offline' | 'server' | 'bm25';
/**
 * The raw cosine similarity of a resume's and a job's sentence embeddings,
 * computed ahead (embedding is asynchronous and lives on the server) for the
 * server engine.
 */
export type Similarity = (resume: EvalResume, job: EvalJob) => number;

export interface EvalResult {
  p1: number;
  ndcg10: number;
  rankings: Record<string, string[]>;
  skills: Record<string, string[]>;
}

/** Each job is read once however many resumes are ranked against it. */
const jobCache = new WeakMap<EvalJob, JobAnalysis>();
function analyzedJob(j: EvalJob): JobAnalysis {
  let a = jobCache.get(j);
  if (!a) jobCache.set(j, (a = analyzeJob({ description: j.text, ...(j.title ? { title: j.title } : {}) })));
  return a;
}

/**
 * Jobs best first for one resume; ties keep the set's order, so the ranking is
 * deterministic. The server engine needs `similarity`: the offline match with
 * the semantic part blended in, as the server's worker computes it.
 */
export function rankJobs(resume: EvalResume, jobs: EvalSet['jobs'], engine: Engine, similarity?: Similarity): string[] {
  let scores: Map<string, number>;
  if (engine === 'bm25') scores = bm25Scores(jobs.map((j) => ({ id: j.id, text: `${j.title ?? ''}\n${j.text}` })), resume.text);
  else {
    if (engine === 'server' && !similarity) throw new Error('The server engine ranks with a similarity');
    const r = analyzeResume({ text: resume.text, ...(resume.title ? { title: resume.title } : {}) });
    const score = (j: EvalJob) => {
      const offline = matchAnalyzed(r, analyzedJob(j));
      return exactScore((engine === 'server' ? blendSemantic(offline, similarity!(resume, j)) : offline).components);
    };
    scores = new Map(jobs.map((j) => [j.id, score(j)]));
  }
  return jobs
    .map((j, i) => ({ id: j.id, i, s: scores.get(j.id) ?? 0 }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.id);
}

/** nDCG@k with exponential gain (2^rel − 1). */
export function ndcgAt(ranking: readonly string[], rel: Readonly<Record<string, number>>, k = 10): number {
  const dcg = (gains: number[]) => gains.slice(0, k).reduce((s, g, i) => s + (2 ** g - 1) / Math.log2(i + 2), 0);
  const ideal = dcg(Object.values(rel).sort((a, b) => b - a));
  return ideal === 0 ? 0 : dcg(ranking.map((id) => rel[id] ?? 0)) / ideal;
}

/** P@1: the top job is one of the resume's best (highest relevance) jobs. */
export function precisionAt1(ranking: readonly string[], rel: Readonly<Record<string, number>>): number {
  const best = Math.max(0, ...Object.values(rel));
  return best > 0 && (rel[ranking[0] ?? ''] ?? 0) === best ? 1 : 0;
}

export function evaluate(set: EvalSet, resumes: readonly EvalResume[], engine: Engine, similarity?: Similarity): EvalResult {
  const rankings: Record<string, string[]> = {};
  const skills: Record<string, string[]> = {};
  let p1 = 0;
  let ndcg = 0;
  for (const r of resumes) {
    const ranking = rankJobs(r, set.jobs, engine, similarity);
    rankings[r.id] = ranking;
    skills[r.id] = [...resumeSkills({ text: r.text }).keys()];
    p1 += precisionAt1(ranking, r.relevance);
    ndcg += ndcgAt(ranking, r.relevance);
  }
  const n = resumes.length;
  return { p1: round3(p1 / n), ndcg10: round3(ndcg / n), rankings, skills };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
