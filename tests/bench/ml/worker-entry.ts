/**
 * The Web Worker of `npm run bench:ml` (bundled by ../ml.bench.ts with
 * esbuild): the shared engine and minisearch on the same 20,000 jobs, one
 * step per message, each step timed here with performance.now() so the
 * figures are the worker's own work, not the messages around it.
 */
import MiniSearch from 'minisearch';
import { atsBlocks, atsPlainLines } from '../../../shared/resume/export/ats-blocks';
import { checkAts, type AtsCheckInput } from '../../../shared/match/ats-check';
import { GOOD_RESUME } from '../../../shared/match/ats-check-fixtures';
import { analyzeJob, analyzeResume, exactScore, match, matchAnalyzed, type JobAnalysis, type MatchResume } from '../../../shared/match/match';
import { syntheticJobs, type SyntheticJob } from './synthetic-jobs';

export type Step = 'minisearchIndex' | 'minisearchQuery' | 'indexBuild' | 'rank' | 'match' | 'ats';
export interface SetupMessage {
  step: 'setup';
  jobs: number;
  resume: MatchResume;
}
export interface StepMessage {
  step: Step;
}
export interface StepReply {
  ms: number;
  /** What the step produced, so it cannot be optimised away and the run can be checked. */
  detail: string;
}

let jobs: SyntheticJob[] = [];
let resume: MatchResume = { text: '' };
let search: MiniSearch<SyntheticJob> | undefined;
let analyses: JobAnalysis[] = [];
let atsInput: AtsCheckInput | undefined;
/** Which job the next single match uses: a different one each time, so nothing is cached between them. */
let nextMatch = 0;

function time(work: () => string): StepReply {
  const started = performance.now();
  const detail = work();
  return { ms: performance.now() - started, detail };
}

const steps: Record<Step, () => string> = {
  minisearchIndex() {
    // minisearch as an application would use it out of the box: its own tokenizer, title and text indexed.
    search = new MiniSearch<SyntheticJob>({ fields: ['title', 'text'], storeFields: [] });
    search.addAll(jobs);
    return `${search.documentCount} documents`;
  },
  minisearchQuery() {
    if (!search) throw new Error('minisearchIndex first');
    const hits = search.search(resume.text, { combineWith: 'OR' });
    return `${hits.length} hits, top ${String(hits[0]?.id)}`;
  },
  indexBuild() {
    analyses = jobs.map((j) => analyzeJob({ title: j.title, description: j.text, location: j.location }));
    return `${analyses.length} analyses`;
  },
  rank() {
    if (analyses.length !== jobs.length) throw new Error('indexBuild first');
    const r = analyzeResume(resume);
    const scores = new Float64Array(analyses.length);
    for (let i = 0; i < analyses.length; i += 1) scores[i] = exactScore(matchAnalyzed(r, analyses[i]!).components);
    const order = Array.from(scores.keys()).sort((a, b) => scores[b]! - scores[a]! || a - b);
    return `${order.length} ranked, top ${jobs[order[0]!]!.id}`;
  },
  match() {
    const job = jobs[nextMatch++ % jobs.length]!;
    const result = match(resume, { title: job.title, description: job.text, location: job.location });
    return `score ${result.score}, ${result.skills.required.length} required skills explained`;
  },
  ats() {
    atsInput ??= { resume: GOOD_RESUME, text: atsPlainLines(atsBlocks(GOOD_RESUME)).join('\n'), kind: 'pdf', bytes: 60_000, pages: 1, ocrPages: 0, layout: { columns: 1, tableRows: 0, images: 0 }, job: { title: jobs[0]!.title, text: jobs[0]!.text } };
    const report = checkAts(atsInput);
    return `${report.items.length} items`;
  },
};

self.onmessage = (event: MessageEvent<SetupMessage | StepMessage>) => {
  const message = event.data;
  try {
    if (message.step === 'setup') {
      jobs = syntheticJobs(message.jobs);
      resume = message.resume;
      // The engine's one-time start (NLP model, taxonomy) is not part of any step.
      match({ text: 'Built pipelines in Python.' }, { title: 'Engineer', description: 'Python' });
      self.postMessage({ ms: 0, detail: `${jobs.length} jobs` } satisfies StepReply);
      return;
    }
    self.postMessage(time(steps[message.step]));
  } catch (error) {
    self.postMessage({ error: (error as Error).message });
  }
};
