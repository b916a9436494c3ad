import { reportLocalWrites } from '../data/job-writes';
import { importResumes, type ResumeImportOutcome } from './import-resumes';
import { checkImportSize, planImport, type ImportPlan, type ImportProgress, type RowFailure } from '../../../shared/transfer/import';
import { nextTask, type Pause } from '../../../shared/transfer/read-csv';
import { insertJobsInChunks } from '../../db/bulk-insert';
import type { JobCollection } from '../../db/database';

export interface ImportOutcome {
  plan: ImportPlan;
  inserted: number;
  /**
   * Rows whose job is already on this device: skipped, never merged. The
   * copy here may hold newer edits than the file, and a CSV carries no edit
   * times to merge by, so the import leaves it exactly as it is.
   */
  existing: { row: number; id: string }[];
  /** Rows the database refused (rare: the plan already validated them). */
  writeFailures: RowFailure[];
  resumes: ResumeImportOutcome;
}

export type RunProgress = ImportProgress | { phase: 'writing'; done: number; total: number };

/** What File gives; tests pass the same shape. */
export interface ImportFile {
  name: string;
  size: number;
  text(): Promise<string>;
}

/** Jobs handed to the database per step: a few of insertJobsInChunks' chunks, then a pause. */
const WRITE_SLICE = 500;

/**
 * Reads a file, then writes its new jobs in chunks through insertJobsInChunks
 * (validated, field times stamped, 100 per storage write so the next sync
 * push stays linear), pausing between slices so the page keeps responding.
 */
export async function runImport(
  jobs: JobCollection,
  file: ImportFile,
  options: { now: Date; onProgress?: (progress: RunProgress) => void; pause?: Pause },
): Promise<ImportOutcome> {
  checkImportSize(file.size);
  const pause = options.pause ?? nextTask;
  const text = await file.text();
  const plan = await planImport(file.name, text, { importedAt: options.now.toISOString(), pause, ...(options.onProgress ? { onProgress: options.onProgress } : {}) });

  const outcome: ImportOutcome = { plan, inserted: 0, existing: [], writeFailures: [], resumes: { inserted: 0, existing: [], writeFailures: [] } };
  for (let start = 0; start < plan.jobs.length; start += WRITE_SLICE) {
    const slice = plan.jobs.slice(start, start + WRITE_SLICE);
    const result = await insertJobsInChunks(
      jobs,
      slice.map((entry) => entry.job),
    );
    outcome.inserted += result.inserted.length;
    reportLocalWrites(result.inserted.map((job) => job.id));
    for (const failure of result.failures) {
      const row = slice[failure.row]?.row ?? -1;
      if (failure.reason === 'exists') outcome.existing.push({ row, id: failure.id });
      else if (failure.reason === 'invalid') {
        const reason = failure.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
        outcome.writeFailures.push({ row, ...(failure.id ? { id: failure.id } : {}), reason });
      } else outcome.writeFailures.push({ row, id: failure.id, reason: `the database refused it (status ${failure.status})` });
    }
    options.onProgress?.({ phase: 'writing', done: Math.min(start + WRITE_SLICE, plan.jobs.length), total: plan.jobs.length });
    await pause();
  }
  outcome.resumes = await importResumes(jobs, plan.resumes);
  return outcome;
}
