import { resumeSchema, type Resume } from '../../shared/resume/doc/resume-doc';
import { validateResumeCouchDoc } from '../../shared/resume/doc/couch-doc';
import { mergeResumeStates, stampResumeFieldTimes } from '../../shared/resume/doc/merge-resume';
import { jobSchema, type Job } from '../../shared/schema/job';
import { validateJobCouchDoc } from '../../shared/schema/job-doc';
import { mergeJobStates, stampFieldTimes } from '../../shared/sync/merge-job';
import type { DocKind } from './user-docs';

/** Jobs and resumes for the REST API: the validators and merges replication and the extension use. */

export const jobKind: DocKind<Job> = {
  noun: 'job',
  isId: (id) => jobSchema.shape.id.safeParse(id).success,
  validate: (doc) => validateJobCouchDoc(doc)?.issues ?? null,
  merge: (base, local, remote) => mergeJobStates(base, local, remote),
  stamp: (previous, next) => stampFieldTimes(previous, next),
};

export const resumeKind: DocKind<Resume> = {
  noun: 'resume',
  isId: (id) => resumeSchema.shape.id.safeParse(id).success,
  validate: (doc) => validateResumeCouchDoc(doc)?.issues ?? null,
  merge: (base, local, remote) => mergeResumeStates(base, local, remote),
  stamp: (previous, next) => stampResumeFieldTimes(previous, next),
};
