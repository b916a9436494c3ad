import { resumeSchema, validateResumeCouchDoc, type Resume } from '../resume/doc';
import type { RepeatedRow, RowFailure } from './import';

/**
 * Resumes in our JSON export (`"resumes": [...]`, from format version 2):
 * each parsed resume with its original file's name, type, size and SHA-256,
 * never the file's bytes (those stay on the device and the user's server).
 * Read back with the schema every resume write goes through.
 */

/** Far above anyone's resumes; a resume is up to 1 MB, so this also bounds the work. */
export const MAX_IMPORTED_RESUMES = 500;

export interface ResumePlan {
  /** Resumes in the file. */
  rows: number;
  resumes: { row: number; resume: Resume }[];
  failures: RowFailure[];
  repeated: RepeatedRow[];
}

export const noResumes = (): ResumePlan => ({ rows: 0, resumes: [], failures: [], repeated: [] });

/** A resume without the database's own fields (`_rev`, `_meta`, ...). */
export function plainResume(resume: Resume): Resume {
  return Object.fromEntries(Object.entries(resume).filter(([key, value]) => !key.startsWith('_') && value !== undefined)) as Resume;
}

function read(entry: unknown): { ok: true; resume: Resume } | { ok: false; reason: string } {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return { ok: false, reason: 'is not a resume object' };
  const fields = Object.fromEntries(Object.entries(entry).filter(([key]) => !key.startsWith('_')));
  const parsed = resumeSchema.safeParse(fields);
  if (!parsed.success) {
    return { ok: false, reason: parsed.error.issues.map((issue) => `${issue.path.join('.') || '(resume)'}: ${issue.message}`).join('; ') };
  }
  // The server's own check too (size, fields the schema would strip): a resume it refuses would never sync.
  const { id: _id, ...rest } = fields;
  const problem = validateResumeCouchDoc({ _id: parsed.data.id, ...rest });
  if (problem) return { ok: false, reason: problem.issues.map((issue) => (issue.path === '(document)' ? issue.message : `${issue.path}: ${issue.message}`)).join('; ') };
  return { ok: true, resume: parsed.data };
}

/**
 * Reads the `resumes` list of an export. `undefined` (an export from before
 * resumes, or a plain list of jobs) holds none; anything but a list is
 * refused whole, before anything is written.
 */
export function planResumes(list: unknown): ResumePlan {
  if (list === undefined) return noResumes();
  if (!Array.isArray(list)) throw new TypeError('The file\'s "resumes" is not a list of resumes.');
  if (list.length > MAX_IMPORTED_RESUMES) throw new RangeError(`The file has more than ${MAX_IMPORTED_RESUMES} resumes; TrackRuit imports up to ${MAX_IMPORTED_RESUMES} at a time.`);
  const plan: ResumePlan = { ...noResumes(), rows: list.length };
  const firstRowOf = new Map<string, number>();
  list.forEach((entry: unknown, index) => {
    const row = index + 1;
    const result = read(entry);
    const rawId = (entry as { id?: unknown } | null)?.id;
    if (!result.ok) {
      plan.failures.push({ row, ...(typeof rawId === 'string' ? { id: rawId } : {}), reason: result.reason });
      return;
    }
    const firstRow = firstRowOf.get(result.resume.id);
    if (firstRow !== undefined) {
      plan.repeated.push({ row, id: result.resume.id, firstRow });
      return;
    }
    firstRowOf.set(result.resume.id, row);
    plan.resumes.push({ row, resume: result.resume });
  });
  return plan;
}
