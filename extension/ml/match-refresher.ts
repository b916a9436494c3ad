import { matchJobOf } from '../../shared/match/job-input';
import type { MatchResume } from '../../shared/match/match';
import { storedInputsKey, withStoredAnalysis } from '../../shared/match/ml-freshness';
import type { RefreshJob, RefreshedJob } from '../../shared/match/rank-jobs';
import type { Job } from '../../shared/schema';
import type { BulkUpdateResult } from '../db/jobs';
import type { MlWorkerApi } from './ml-api';

/** Jobs sent to the worker at once: small enough that copying them takes the page a few milliseconds. */
export const REFRESH_BATCH = 400;
/**
 * Jobs per storage write. Each write costs the page twice: validating its jobs
 * (about 0.15 ms a job) and the live update that follows, which redraws
 * pages reading all 20,000 jobs (the table's facets and sort). In a CPU profile
 * of the refresh the redraws cost about four times the validation, so fewer,
 * larger writes cost the page less in all, while one write stays a short task.
 */
export const WRITE_CHUNK = 200;
/** A burst of changes (a sync pull, an import) becomes one pass. */
const SETTLE_MS = 800;

export interface RefresherDeps {
  worker: () => Pick<MlWorkerApi, 'refreshAnalyses'>;
  /** Writes one edit over many jobs through the validating write path (updateJobs). */
  write: (ids: readonly string[], edit: (job: Job, at: string) => Job) => Promise<BulkUpdateResult>;
  /** Lets the page run between batches. */
  pause?: () => Promise<void>;
  /** How long changes settle before a pass starts (ms). */
  settleMs?: number;
}

/**
 * Keeps every job's stored match (mlAnalysis) computed from its current text
 * and the active resume, in the background: the jobs go to the ML worker in
 * batches, which analyses only those whose stored key differs, and the new
 * analyses are written in one storage write per batch. A job is sent again
 * only when it changes (its updatedAt) or the resume does, so a live update
 * after a pass costs the jobs it touched, not all of them.
 */
export class MatchRefresher {
  private jobs: readonly Job[] = [];
  private resume: MatchResume | undefined;
  /** The resume the checks below were made against. */
  private resumeKey: string | undefined;
  /** updatedAt of each job as last sent to the worker under `resumeKey`. */
  private readonly checked = new Map<string, string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;

  constructor(private readonly deps: RefresherDeps) {}

  update(jobs: readonly Job[], resume: MatchResume | undefined): void {
    this.jobs = jobs;
    // The resume as text tells a changed one; its versioned key is the worker's to compute
    // (the taxonomy it names stays out of the dashboard's first script).
    const key = resume ? JSON.stringify(resume) : undefined;
    if (key !== this.resumeKey) this.checked.clear();
    this.resume = resume;
    this.resumeKey = key;
    if (!resume) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), this.deps.settleMs ?? SETTLE_MS);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /** One pass over the jobs not checked since they last changed; resolves when it (and any pass it queued) ends. */
  run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    // A failed pass (the worker crashed, a write refused) leaves its jobs unchecked: the next change tries them again.
    this.running = this.pass().catch(() => undefined).finally(() => {
      this.running = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.run();
      }
    });
    return this.running;
  }

  private async pass(): Promise<void> {
    const resume = this.resume;
    const resumeKey = this.resumeKey;
    if (!resume || resumeKey === undefined) return;
    const due = this.jobs.filter((job) => this.checked.get(job.id) !== job.updatedAt);
    const batches: Job[][] = [];
    for (let start = 0; start < due.length; start += REFRESH_BATCH) batches.push(due.slice(start, start + REFRESH_BATCH));
    const send = (batch: readonly Job[]) => {
      const input: RefreshJob[] = batch.map((job) => {
        const storedKey = storedInputsKey(job.mlAnalysis);
        return { id: job.id, job: matchJobOf(job), ...(storedKey ? { storedKey } : {}) };
      });
      return this.deps.worker().refreshAnalyses(resume, input, new Date().toISOString());
    };
    // The worker matches the next batch while this page writes the last one's results.
    let next = batches.length > 0 ? send(batches[0]!) : undefined;
    for (let i = 0; next && !this.stopped && resumeKey === this.resumeKey; i++) {
      const refreshed = await next;
      next = i + 1 < batches.length ? send(batches[i + 1]!) : undefined;
      for (const job of batches[i]!) this.checked.set(job.id, job.updatedAt);
      if (refreshed.length > 0 && resumeKey === this.resumeKey) await this.store(refreshed);
      await (this.deps.pause ?? nextTask)();
    }
    // A batch sent before the pass stopped is not left to fail unheard.
    await next?.catch(() => undefined);
  }

  private async store(refreshed: readonly RefreshedJob[]): Promise<void> {
    const byId = new Map(refreshed.map((r) => [r.id, r]));
    const edit = (job: Job) => {
      const r = byId.get(job.id);
      const next = r ? withStoredAnalysis(job, r.jobKey, r.mlAnalysis) : job;
      // Our own write needs no second look when the live list brings it back.
      if (next !== job) this.checked.set(job.id, next.updatedAt);
      return next;
    };
    const ids = [...byId.keys()];
    for (let start = 0; start < ids.length && !this.stopped; start += WRITE_CHUNK) {
      await this.deps.write(ids.slice(start, start + WRITE_CHUNK), edit);
      if (start + WRITE_CHUNK < ids.length) await (this.deps.pause ?? nextTask)();
    }
  }
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
