import {
  activeFlagChanges,
  resumeDocTooLarge,
  resumeSchema,
  stampResumeFieldTimes,
  validateResumeCouchDoc,
  type Resume,
} from '../../shared/resume/doc';
import type { ResumeCollection } from './database';

/**
 * Every write of a resume goes through the shared schema and the server's own
 * document check first: a document the server refuses would stall resume sync.
 */
function valid(resume: Resume): Resume {
  const parsed = resumeSchema.parse(resume);
  const tooLarge = resumeDocTooLarge(parsed);
  if (tooLarge) throw new Error(`This resume ${tooLarge}.`);
  const { id, ...rest } = parsed;
  const problem = validateResumeCouchDoc({ _id: id, ...rest });
  if (problem) throw new Error(`This resume cannot be stored: ${problem.issues.map((issue) => `${issue.path} ${issue.message}`).join('; ')}`);
  return parsed;
}

function plain(data: Record<string, unknown>): Resume {
  const { _deleted: _d, _meta: _m, _rev: _r, _attachments: _a, ...resume } = data;
  return resume as Resume;
}

export async function findResume(resumes: ResumeCollection, id: string): Promise<Resume | undefined> {
  const doc = await resumes.findOne(id).exec();
  return doc ? plain(doc.toMutableJSON() as Record<string, unknown>) : undefined;
}

export async function allResumes(resumes: ResumeCollection): Promise<Resume[]> {
  const docs = await resumes.find().exec();
  return docs.map((doc) => plain(doc.toMutableJSON() as Record<string, unknown>));
}

/** Stores a new resume, its edit times stamped. */
export async function insertResume(resumes: ResumeCollection, resume: Resume): Promise<Resume> {
  const doc = await resumes.insert(valid(stampResumeFieldTimes(undefined, resume)));
  return plain(doc.toMutableJSON() as Record<string, unknown>);
}

/**
 * Applies `edit` to the current state of resume `id`, serialised by RxDB's
 * write queue, so a pull landing mid-edit is never overwritten.
 */
export async function updateResume(resumes: ResumeCollection, id: string, edit: (current: Resume, at: string) => Resume): Promise<Resume> {
  const doc = await resumes.findOne(id).exec();
  if (!doc) throw new Error('This resume no longer exists.');
  const at = new Date().toISOString();
  const updated = await doc.incrementalModify((current) => {
    const previous = plain(current as Record<string, unknown>);
    const next = valid(stampResumeFieldTimes(previous, { ...edit(previous, at), updatedAt: at }));
    if (next.id !== id) throw new Error(`resume id changed from ${id} to ${next.id}`);
    return next;
  });
  return plain(updated.toMutableJSON() as Record<string, unknown>);
}

/** Deletes a resume and returns its last state, which `restoreResume` puts back (undo). */
export async function deleteResume(resumes: ResumeCollection, id: string): Promise<Resume | undefined> {
  const removed = await findResume(resumes, id);
  if (!removed) return undefined;
  await resumes.bulkRemove([id]);
  return removed;
}

/** Undo of a delete: back as a new edit of every field, so it wins over the deletion on every device. */
export async function restoreResume(resumes: ResumeCollection, removed: Resume): Promise<Resume> {
  const at = new Date().toISOString();
  const restored = valid(stampResumeFieldTimes(undefined, { ...removed, fieldTimes: {}, updatedAt: at }));
  await resumes.upsert(restored);
  return restored;
}

/** Makes `id` the only flagged resume; the others' flags go off in the same pass. */
export async function chooseActiveResume(resumes: ResumeCollection, id: string): Promise<void> {
  const changes = activeFlagChanges(await allResumes(resumes), id);
  // The chosen one first: if a later write fails, the rule in shared/resume/doc/active.ts still picks it.
  changes.sort((a, b) => Number(b.active) - Number(a.active));
  for (const change of changes) await updateResume(resumes, change.id, (current) => ({ ...current, active: change.active }));
}
