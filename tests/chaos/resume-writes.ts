/**
 * Resumes in the chaos test: a few resumes every client creates and edits
 * (their name and summary), and what must survive. A resume's timed fields
 * merge one by one, the latest edit winning (shared/resume/doc/merge-resume.ts),
 * so for every field the final value must be one written at the latest time
 * any client wrote that field; edits made in the same millisecond on two
 * clients may end either way.
 */
import type { Resume } from '../../shared/resume/doc';
import { testResume } from '../../shared/resume/doc/test-resume';
import { canonical } from '../../shared/sync/merge-job';
import type { ResumeCollection } from '../../extension/db/database';
import { findResume, insertResume, updateResume } from '../../extension/db/resumes';
import type { Rng } from '../helpers/prng';

export const SHARED_RESUMES = 3;
const FIELDS = ['name', 'summary'] as const;
type Field = (typeof FIELDS)[number];

const valueOf = (resume: Resume, field: Field): unknown => (field === 'name' ? resume.name : resume.resume.summary);

interface FieldWrite {
  client: string;
  resumeId: string;
  field: Field;
  value: unknown;
  at: string;
}

export class ResumeOracle {
  readonly writes: FieldWrite[] = [];

  /** Records the fields a committed write changed, with the times it stamped on them. */
  record(client: string, previous: Resume | undefined, next: Resume): void {
    for (const field of FIELDS) {
      if (previous && canonical(valueOf(previous, field)) === canonical(valueOf(next, field))) continue;
      this.writes.push({ client, resumeId: next.id, field, value: valueOf(next, field), at: next.fieldTimes?.[field] ?? next.updatedAt });
    }
  }

  /** Each problem found in one replica's resumes. */
  check(actual: Map<string, Resume>): string[] {
    const problems: string[] = [];
    const latest = new Map<string, FieldWrite[]>();
    for (const write of this.writes) {
      const key = `${write.resumeId}.${write.field}`;
      const best = latest.get(key);
      if (!best || write.at > best[0]!.at) latest.set(key, [write]);
      else if (write.at === best[0]!.at) best.push(write);
    }
    for (const [key, winners] of latest) {
      const { resumeId, field } = winners[0]!;
      const resume = actual.get(resumeId);
      if (!resume) {
        problems.push(`${resumeId}: missing`);
        continue;
      }
      const value = canonical(valueOf(resume, field));
      if (!winners.some((write) => canonical(write.value) === value)) {
        problems.push(`${key}: ${value} instead of the latest write ${winners.map((write) => `${canonical(write.value)} by ${write.client} at ${write.at}`).join(' or ')}`);
      }
    }
    for (const id of actual.keys()) if (!this.writes.some((write) => write.resumeId === id)) problems.push(`${id}: exists but nobody wrote it`);
    return problems;
  }
}

/** One create or edit of a shared resume; `time` stamps a create (edits take the wall clock, as the Resumes page does). */
export async function randomResumeWrite(resumes: ResumeCollection, rng: Rng, client: string, time: string, unique: (field: string) => string, oracle: ResumeOracle): Promise<void> {
  const id = `chaos-resume-${rng.int(1, SHARED_RESUMES)}`;
  const previous = await findResume(resumes, id);
  if (!previous) {
    try {
      const created = await insertResume(resumes, testResume({ id, name: unique('resume'), active: false }, time));
      oracle.record(client, undefined, created);
      return;
    } catch (error) {
      // Created meanwhile (pulled from another client): edited below instead.
      if (!(await findResume(resumes, id))) throw error;
    }
  }
  let before: Resume | undefined;
  const next = await updateResume(resumes, id, (current) => {
    before = current;
    return rng.chance(0.5) ? { ...current, name: unique('resume') } : { ...current, resume: { ...current.resume, summary: unique('summary') } };
  });
  oracle.record(client, before, next);
}
