import type { ResumePlan } from '../../../shared/transfer/resumes';
import type { RowFailure } from '../../../shared/transfer/import';
import { pendingResumeId } from '../../background/sync/pending-changes';
import type { JobCollection, ResumeCollection, TrackruitCollections } from '../../db/database';
import { findResume, insertResume } from '../../db/resumes';
import { reportLocalWrites } from '../data/job-writes';

export interface ResumeImportOutcome {
  inserted: number;
  /** Resumes already on this device: left exactly as they are, like jobs (they may hold newer edits). */
  existing: { row: number; id: string; name: string }[];
  writeFailures: RowFailure[];
}

/**
 * Writes the new resumes of an import, each through the same validation as
 * every resume write (extension/db/resumes.ts). A resume already here, by
 * id, is never overwritten. When this device already has resumes, imported
 * ones come in inactive, so the person's choice of active resume stays.
 * Their original files are not in the file: "Download original" fetches them
 * from the server when it has them (see extension/background/sync/resume-files.ts).
 */
export async function importResumes(jobs: JobCollection, plan: ResumePlan): Promise<ResumeImportOutcome> {
  const outcome: ResumeImportOutcome = { inserted: 0, existing: [], writeFailures: [] };
  if (plan.resumes.length === 0) return outcome;
  const resumes = (jobs.database.collections as Partial<TrackruitCollections>).resumes as ResumeCollection | undefined;
  if (!resumes) {
    outcome.writeFailures.push(...plan.resumes.map(({ row, resume }) => ({ row, id: resume.id, reason: 'this device cannot keep resumes yet' })));
    return outcome;
  }
  const hadResumes = (await resumes.count().exec()) > 0;
  const written: string[] = [];
  for (const { row, resume } of plan.resumes) {
    const here = await findResume(resumes, resume.id);
    if (here) {
      outcome.existing.push({ row, id: resume.id, name: here.name });
      continue;
    }
    try {
      await insertResume(resumes, hadResumes ? { ...resume, active: false } : resume);
      written.push(resume.id);
      outcome.inserted += 1;
    } catch (error) {
      outcome.writeFailures.push({ row, id: resume.id, reason: error instanceof Error ? error.message : String(error) });
    }
  }
  reportLocalWrites(written.map(pendingResumeId));
  return outcome;
}
